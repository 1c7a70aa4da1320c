/**
 * Where Warren's web queries spend their time: the parts of their statements run alone on the same store — the
 * sessions read (raw_sessions FINAL with and without the bot flag and landing URL, and grouped by session instead),
 * the events scan (views grouped by session, and by session and path), the overrides — each the median of
 * `runs`. The whole statements are timed by the questions themselves.
 */
import type { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { TEAM } from './generate.js';
import { median } from '../shared/alternating-runs.js';
import { WINDOW } from './questions.js';

const clickhouseTime = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '000');
const PARAMS = { team: TEAM, from: clickhouseTime(WINDOW.from), to: clickhouseTime(WINDOW.to) };
const SESSION_DAYS = `session_day = toDate(0) OR (session_day >= toDate({from:DateTime64(6, 'UTC')}) - 1 AND session_day <= toDate({to:DateTime64(6, 'UTC')}) + 1)`;
const EVENTS_IN_WINDOW = `team_id = {team:Int64} AND timestamp >= {from:DateTime64(6, 'UTC')} AND timestamp <= {to:DateTime64(6, 'UTC')} AND \`$session_id\` != ''`;

const PART_TIMEOUT_MS = 600_000;

const PARTS: [name: string, sql: string][] = [
  [
    'sessions read FINAL, counters only (start/end, person, pageviews, clicks)',
    `SELECT count() FROM (SELECT session_id, min_timestamp AS s, max_timestamp AS e, reinterpretAsUUID(toFixedString(substring(first_actor, 9, 16), 16)) AS p,
       length(pageviews) AS v, length(autocaptures) AS a
     FROM raw_sessions FINAL WHERE team_id = {team:Int64} AND (${SESSION_DAYS}) AND p != toUUID('00000000-0000-0000-0000-000000000001'))`,
  ],
  [
    'sessions read FINAL, counters + bot flag + landing URL',
    `SELECT count() FROM (SELECT session_id, min_timestamp AS s, reinterpretAsUUID(toFixedString(substring(first_actor, 9, 16), 16)) AS p, length(pageviews) AS v,
       substring(is_bot, 9) = '1' AS b, substring(entry_current_url, 9) AS u
     FROM raw_sessions FINAL WHERE team_id = {team:Int64} AND (${SESSION_DAYS}) AND (b = 0 OR u = '~' OR p != toUUID('00000000-0000-0000-0000-000000000001')))`,
  ],
  [
    'sessions grouped by session_id (no FINAL), the same columns',
    `SELECT count() FROM (SELECT session_id, min(min_timestamp) AS s, reinterpretAsUUID(toFixedString(substring(min(first_actor), 9, 16), 16)) AS p, length(groupUniqArrayArray(pageviews)) AS v,
       substring(min(is_bot), 9) = '1' AS b, substring(min(entry_current_url), 9) AS u
     FROM raw_sessions WHERE team_id = {team:Int64} AND (${SESSION_DAYS}) GROUP BY session_id HAVING b = 0 OR u = '~' OR p != toUUID('00000000-0000-0000-0000-000000000001'))`,
  ],
  [
    'events scan: views of the window grouped by session',
    `SELECT count(), sum(v) FROM (SELECT \`$session_id\`, count() AS v FROM events
     WHERE ${EVENTS_IN_WINDOW} AND event IN ('$pageview', '$screen') GROUP BY \`$session_id\`)`,
  ],
  [
    'events scan: views of the window grouped by session and path',
    `SELECT count(), sum(v) FROM (SELECT \`$session_id\`, JSONExtractString(properties, '$pathname') AS p, count() AS v FROM events
     WHERE ${EVENTS_IN_WINDOW} AND event IN ('$pageview', '$screen') GROUP BY \`$session_id\`, p)`,
  ],
  [
    'sessions read FINAL, each joined to the overrides for its person after merges',
    `SELECT uniq(if(notEmpty(o.distinct_id), o.person_id, reinterpretAsUUID(toFixedString(substring(r.first_actor, 9, 16), 16)))) FROM (SELECT * FROM raw_sessions FINAL WHERE team_id = {team:Int64} AND (${SESSION_DAYS})) AS r
     LEFT JOIN (SELECT distinct_id, argMax(person_id, version) AS person_id FROM person_distinct_id_overrides WHERE team_id = {team:Int64}
       GROUP BY distinct_id HAVING argMax(is_deleted, version) = 0) AS o ON o.distinct_id = substring(r.first_actor, 25)
     SETTINGS query_plan_join_swap_table = 'false'`,
  ],
  [
    'overrides (merged persons), grouped by distinct id',
    `SELECT count() FROM (SELECT distinct_id, argMax(person_id, version) FROM person_distinct_id_overrides WHERE team_id = {team:Int64}
     GROUP BY distinct_id HAVING argMax(is_deleted, version) = 0)`,
  ],
];

/** Prints a line per part and returns the lines for the report. */
export async function profileParts(store: ChdbEventStore, runs: number, log: (line: string) => void): Promise<string[]> {
  const lines: string[] = [];
  const time = async (name: string, sql: string, params: Record<string, unknown>) => {
    await store.query(sql, params, { timeoutMs: PART_TIMEOUT_MS });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await store.query(sql, params, { timeoutMs: PART_TIMEOUT_MS });
      times.push(performance.now() - started);
    }
    const line = `  ${median(times).toFixed(1).padStart(8)}  ${name}`;
    log(line);
    lines.push(line);
  };
  for (const [name, sql] of PARTS) await time(name, sql, PARAMS);
  return lines;
}
