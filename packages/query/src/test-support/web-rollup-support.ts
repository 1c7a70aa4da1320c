import { ROLLUP_BANDS_SQL, rollupDayInserts, withBands, type WebRollupDay } from '../web-analytics/web-rollups.js';
import type { Universe } from './insight-universe.js';

/**
 * Computes the web rollups of every day of session ids a project has (as the server's rollup job does for the days
 * it finds), banded in `timezone`, under `version`, and returns the days recorded, all taken as standing.
 */
export async function rollUpEveryDay(u: Universe, teamId: number, timezone = 'UTC', version = 1): Promise<WebRollupDay[]> {
  const days = await u.store.query(
    'SELECT DISTINCT toString(session_day) FROM raw_sessions WHERE team_id = {team:Int64} AND session_day != toDate(0) ORDER BY 1',
    { team: teamId },
  );
  for (const [day] of days.rows) {
    for (const statement of await rollupDayInserts(teamId, String(day), version, timezone)) await u.store.command(statement.sql, statement.params);
  }
  const recorded = await u.store.query('SELECT toString(session_day), version FROM web_rollup_days FINAL WHERE team_id = {team:Int64} ORDER BY 1', { team: teamId });
  const bands = await u.store.query(ROLLUP_BANDS_SQL, { team: teamId });
  return withBands(
    recorded.rows.map(([day, v]) => [String(day), Number(v)] as const),
    bands.rows,
  );
}
