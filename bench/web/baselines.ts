/**
 * The same figures in hand-written ClickHouse SQL over the raw `events` table, with no sessions model: what one would
 * write without `raw_sessions`. Each session is rebuilt from its events (grouped by `$session_id`), reading the
 * landing event's properties where a figure needs them, persons after merges through the overrides table. Each
 * baseline turns its rows into the same comparable answer as Warren's response (answers.ts).
 */
import type { QueryResult } from '../../apps/server/src/storage/event-store.js';
import type { Answer } from './answers.js';
import { TEAM } from './generate.js';
import { PAGE_LIMIT, WINDOW, type QuestionName } from './questions.js';

export interface Baseline {
  sql: string;
  params: Record<string, unknown>;
  answer(result: QueryResult): Answer;
}

const clickhouseTime = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '000');
const PARAMS = { team: TEAM, from: clickhouseTime(WINDOW.from), to: clickhouseTime(WINDOW.to) };
const FROM = `{from:DateTime64(6, 'UTC')}`;
const TO = `{to:DateTime64(6, 'UTC')}`;

/**
 * Every session that began in the window, rebuilt from its events: its first distinct id and person, start, duration,
 * pageview and click counts, whether its landing event came from a bot, and `extra` columns. Events up to a day
 * before the window are read so that a session begun before it is seen as such (posthog-js ends sessions at 24 h).
 */
const sessionsBegunInWindow = (extra: string) => `
  SELECT
    \`$session_id\` AS session_id,
    argMin(distinct_id, timestamp) AS first_distinct_id,
    argMin(person_id, timestamp) AS first_person_id,
    min(timestamp) AS start,
    dateDiff('second', start, max(timestamp)) AS duration,
    countIf(event = '$pageview') AS pageviews,
    countIf(event = '$autocapture') AS autocaptures,
    NOT (pageviews > 1 OR autocaptures > 0 OR duration >= 10) AS bounce,
    argMin(JSONExtractRaw(properties, '$is_bot'), timestamp) = 'true' AS is_bot
    ${extra}
  FROM events
  WHERE team_id = {team:Int64} AND \`$session_id\` != '' AND timestamp >= ${FROM} - INTERVAL 1 DAY
  GROUP BY session_id
  HAVING start >= ${FROM} AND start <= ${TO} AND NOT is_bot`;

/** The person of a session after identify/alias merges: the override of its first distinct id, else its own. */
const PERSON = `if(o.distinct_id != '', o.person_id, s.first_person_id)`;
const OVERRIDES = `
  LEFT JOIN (
    SELECT distinct_id, argMax(person_id, version) AS person_id
    FROM person_distinct_id_overrides
    WHERE team_id = {team:Int64}
    GROUP BY distinct_id
    HAVING argMax(is_deleted, version) = 0
  ) AS o ON o.distinct_id = s.first_distinct_id`;

const overview: Baseline = {
  sql: `
    SELECT uniq(${PERSON}) AS visitors, sum(s.views) AS views, count() AS sessions, avg(s.duration) AS duration, avg(s.bounce) AS bounce_rate
    FROM (${sessionsBegunInWindow(`, countIf(event IN ('$pageview', '$screen') AND timestamp <= ${TO}) AS views`)}
          AND views > 0) AS s
    ${OVERRIDES}`,
  params: PARAMS,
  answer(result) {
    const [visitors, views, sessions, duration, bounceRate] = result.rows[0].map(Number);
    return { kind: 'overview', visitors, views, sessions, durationS: duration, bounceRatePct: bounceRate * 100 };
  },
};

/**
 * The Page table in one scan: each session's viewed paths with their view counts (`sumMap`) and its entry path, then
 * one row per (session, viewed path) plus one per session for its entry path, grouped by path: visitors and views
 * from the viewed rows, the bounce rate from the entry rows (PostHog's: of the sessions that began on the page).
 */
const pages: Baseline = {
  sql: `
    SELECT
      row.1 AS path,
      uniqIf(person, row.2 > 0) AS visitors,
      sum(row.2) AS views,
      avgIf(bounce, row.3) AS bounce_rate
    FROM (
      SELECT ${PERSON} AS person, s.bounce AS bounce, s.entry_path AS entry_path, s.viewed AS viewed
      FROM (${sessionsBegunInWindow(`,
          path(argMin(JSONExtractString(properties, '$current_url'), timestamp)) AS entry_path,
          sumMapIf([if(event IN ('$pageview', '$screen'), JSONExtractString(properties, '$pathname'), '')], [toUInt64(1)],
            event IN ('$pageview', '$screen') AND timestamp <= ${TO}) AS viewed`)}
            AND length(viewed.1) > 0) AS s
      ${OVERRIDES}
    )
    ARRAY JOIN arrayConcat(arrayMap((p, n) -> (p, n, false), viewed.1, viewed.2), [(entry_path, toUInt64(0), true)]) AS row
    GROUP BY path
    HAVING visitors > 0
    ORDER BY visitors DESC, views DESC, path ASC
    LIMIT {limit:UInt64}`,
  params: { ...PARAMS, limit: PAGE_LIMIT },
  answer(result) {
    return {
      kind: 'pages',
      rows: result.rows.map(([path, visitors, views, bounce]) => ({
        path: String(path),
        visitors: Number(visitors),
        views: Number(views),
        bounceRatePct: bounce === null ? null : Number(bounce) * 100,
      })),
    };
  },
};

export const BASELINES: Partial<Record<QuestionName, Baseline>> = { overview, pages };
