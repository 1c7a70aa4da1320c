import { ROLLUP_BANDS_SQL, rollupDayInserts, WEB_ROLLUP_TABLES, withBands, type WebRollupDay } from '@warren/query/web-analytics/web-rollups';
import { clickhouseTime } from '../ingest/clickhouse-time.js';
import type { EventStore } from '../storage/event-store.js';

/**
 * How long a write may take to show after ClickHouse stamped it (the touch views stamp rows while an insert runs, and
 * the insert's rows appear when it commits): a day computed less than this after its last touch may have missed it,
 * so it counts as touched; and a day is computed only once it has been this quiet.
 */
export const TOUCH_MARGIN_MS = 60_000;

/**
 * The start of a project's oldest computation less the margin (ClickHouse SQL, `{team}` and `{margin}` bound): changes
 * of person older than it can unsettle no computation.
 */
const OLDEST_COMPUTATION_LESS_MARGIN = `(SELECT fromUnixTimestamp64Milli(toInt64(min(version)) - {margin:Int64}, 'UTC') FROM web_rollup_days WHERE team_id = {team:Int64})`;

/**
 * The web rollups in the event store (tables: apps/server/src/storage/clickhouse-schema.ts; their SQL:
 * packages/query/src/web-analytics/web-rollups.ts): which computed days still stand, which need computing, and the
 * computation of one day.
 *
 * A day's computation stands while nothing has changed what it summarized: no write to raw_sessions for that day
 * (`raw_session_touches`) and no change of person for the first distinct id of one of its sessions
 * (`person_override_touches` against `web_rollup_distinct_ids`), since TOUCH_MARGIN_MS before it began.
 */
export class WebRollupStore {
  /** `marginMs`: TOUCH_MARGIN_MS, shorter in tests. */
  constructor(
    private readonly store: Pick<EventStore, 'query' | 'command'>,
    private readonly marginMs = TOUCH_MARGIN_MS,
  ) {}

  /**
   * The computed days of a project that still stand, each with the computation its rows carry.
   * @example await rollups.standingDays(1) // [{ day: '2024-06-10', version: 1718…, sessions: 57000, … }, …]
   */
  async standingDays(teamId: number): Promise<WebRollupDay[]> {
    const days = await this.store.query(
      `SELECT toString(d.session_day), d.version
      FROM (SELECT * FROM web_rollup_days FINAL WHERE team_id = {team:Int64}) AS d
      LEFT JOIN (
        SELECT session_day, max(touched_at) AS last_touched FROM raw_session_touches WHERE team_id = {team:Int64} GROUP BY session_day
      ) AS t ON t.session_day = d.session_day
      WHERE t.last_touched < fromUnixTimestamp64Milli(toInt64(d.version) - {margin:Int64}, 'UTC')
      ORDER BY d.session_day`,
      { team: teamId, margin: this.marginMs },
    );
    if (days.rows.length === 0) return [];
    const invalid = await this.movedDays(teamId);
    const standing = days.rows.map(([day, version]) => [String(day), Number(version)] as const).filter(([day, version]) => !invalid.has(`${day}/${version}`));
    const bands = await this.store.query(ROLLUP_BANDS_SQL, { team: teamId });
    return withBands(standing, bands.rows);
  }

  /** `day/version` of computations that a change of person (a merge, a split) made after they began no longer fits. */
  private async movedDays(teamId: number): Promise<Set<string>> {
    const moved = await this.store.query(
      `SELECT DISTINCT toString(r.session_day), r.version
      FROM web_rollup_distinct_ids AS r
      INNER JOIN (
        SELECT distinct_id, max(touched_at) AS last_touched FROM person_override_touches
        WHERE team_id = {team:Int64} AND touched_at >= ${OLDEST_COMPUTATION_LESS_MARGIN}
        GROUP BY distinct_id
      ) AS o ON o.distinct_id = r.distinct_id
      WHERE r.team_id = {team:Int64} AND o.last_touched >= fromUnixTimestamp64Milli(toInt64(r.version) - {margin:Int64}, 'UTC')`,
      { team: teamId, margin: this.marginMs },
    );
    return new Set(moved.rows.map(([day, version]) => `${String(day)}/${Number(version)}`));
  }

  /**
   * Forgets changes of person older than every computation of the project (less the margin): they can unsettle none.
   * Only when there are at least `atLeast` of them, since each delete is a mutation of the table.
   */
  async pruneOverrideTouches(teamId: number, atLeast = 10_000): Promise<void> {
    const params = { team: teamId, margin: this.marginMs };
    const old = await this.store.query(
      `SELECT count() FROM person_override_touches WHERE team_id = {team:Int64} AND touched_at < ${OLDEST_COMPUTATION_LESS_MARGIN} AND ${OLDEST_COMPUTATION_LESS_MARGIN} > toDateTime64(0, 6, 'UTC')`,
      params,
    );
    if (Number(old.rows[0]?.[0] ?? 0) < atLeast) return;
    await this.store.command(`DELETE FROM person_override_touches WHERE team_id = {team:Int64} AND touched_at < ${OLDEST_COMPUTATION_LESS_MARGIN}`, params);
  }

  /** Projects that have sessions. */
  async projects(): Promise<number[]> {
    const result = await this.store.query('SELECT DISTINCT team_id FROM raw_session_touches ORDER BY team_id');
    return result.rows.map(([team]) => Number(team));
  }

  /**
   * Days of a project's sessions to compute, newest first: days of UUIDv7 session ids before the present day (today's
   * sessions are still being made), quiet for the margin, whose computation is missing or no longer stands. A session
   * begun late yesterday may still be going: its next event unsettles the day, which is computed again once quiet.
   * `present` is the moment the data is looked at, which is `now` except in the web benchmark, whose generated
   * traffic ends on a fixed day.
   */
  async daysToCompute(teamId: number, now: Date, present: Date = now): Promise<string[]> {
    const [touched, standing] = await Promise.all([
      this.store.query(
        `SELECT toString(session_day) FROM raw_session_touches
        WHERE team_id = {team:Int64} AND session_day != toDate(0) AND session_day < toDate({present:DateTime64(6, 'UTC')})
        GROUP BY session_day
        HAVING max(touched_at) < {quiet:DateTime64(6, 'UTC')}
        ORDER BY session_day DESC`,
        { team: teamId, present: clickhouseTime(present.toISOString()), quiet: clickhouseTime(new Date(now.getTime() - this.marginMs).toISOString()) },
      ),
      this.standingDays(teamId),
    ]);
    const stands = new Set(standing.map((d) => d.day));
    return touched.rows.map(([day]) => String(day)).filter((day) => !stands.has(day));
  }

  /**
   * Computes one day under `version` (the time the computation begins, in ms), its bands cut at midnight in the
   * project's `timezone`, records it, and then deletes the rows of its earlier computations.
   */
  async computeDay(teamId: number, day: string, version: number, timezone: string): Promise<void> {
    for (const statement of await rollupDayInserts(teamId, day, version, timezone)) await this.store.command(statement.sql, statement.params);
    const earlier = await this.store.query(
      'SELECT count() FROM web_rollup_days WHERE team_id = {team:Int64} AND session_day = toDate({day:String}) AND version < {version:UInt64}',
      { team: teamId, day, version },
    );
    if (Number(earlier.rows[0]?.[0] ?? 0) === 0) return;
    for (const table of [...Object.values(WEB_ROLLUP_TABLES).map((t) => t.name), 'web_rollup_days']) {
      await this.store.command(`DELETE FROM ${table} WHERE team_id = {team:Int64} AND session_day = toDate({day:String}) AND version < {version:UInt64}`, {
        team: teamId,
        day,
        version,
      });
    }
  }
}
