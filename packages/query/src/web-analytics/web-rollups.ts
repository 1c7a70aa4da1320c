import { compileQuery, rootScope, wrapQuery } from '../hogql/compile-select.js';
import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr } from '../hogql/hogql-ast.js';
import type { SessionDays } from '../hogql/sessions-source.js';
import { templateSelect } from '../insights/hogql-template.js';
import type { QueryDateRange } from '../insights/date-range.js';
import { constant } from '../sql/build.js';
import { printSql } from '../sql/print-sql.js';

/**
 * Web analytics' daily pre-aggregates ("rollups"). A day here is a day of the session id, the way raw_sessions files
 * sessions (the day a posthog-js session id was made; ids that are not UUIDv7 are never rolled up). For each such day
 * the rollup job computes, from the sessions model exactly as the live queries read it, the overview's figures of
 * the day's sessions (visitors as a uniq state, views, sessions, summed durations and bounces, and the earliest start
 * and latest end among them) and the Page table's figures per path. A web query then takes a day from its rollup
 * when every session the day counts lies inside the period (started at or after its start, ended at or before its
 * end, so every view of those sessions is inside it too), and reads the sessions of every other day itself, as
 * before. The answer is the one the sessions alone give: visitors merge as uniq states, which give the same count as
 * one uniq over all the persons; the rest are sums.
 *
 * Which days may be taken is the server's business (a day counts only while nothing changed its sessions or their
 * persons since it was computed: apps/server/src/web-analytics/web-rollup-store.ts); this file computes and reads.
 */

/** A computed day the server found standing: no session of it, nor the person of one, changed since. */
export interface WebRollupDay {
  /** The day of the session id, `YYYY-MM-DD`. */
  day: string;
  /** The computation its rows carry. */
  version: number;
  /** Sessions the day counts (not from bots, with at least one view). */
  sessions: number;
  /** Earliest start and latest end among those sessions (null when there are none). */
  minStart: Date | null;
  maxEnd: Date | null;
}

/** The rollup tables' own rows, as the job writes them: the overview's, the Page table's, the sessions' distinct ids. */
export const WEB_ROLLUP_TABLES = {
  sessions: { name: 'web_sessions_daily', columns: ['team_id', 'session_day', 'version', 'visitors', 'views', 'sessions', 'duration_sum', 'bounces', 'min_start', 'max_end'] },
  pages: { name: 'web_pages_daily', columns: ['team_id', 'session_day', 'version', 'path', 'views', 'visitors', 'landings', 'landing_bounces'] },
  distinctIds: { name: 'web_rollup_distinct_ids', columns: ['team_id', 'distinct_id', 'session_day', 'version'] },
} as const;

// The overview's figures of one day's sessions: those the live overview counts (not bots, at least one view).
const DAY_SESSIONS = `
  SELECT
    {team} AS rollup_team, toDate({day}) AS session_day, {version} AS version,
    uniqState(person_id) AS visitors,
    sum(session_views) AS views,
    count() AS sessions,
    sum(duration) AS duration_sum,
    sum(bounce) AS bounces,
    min(start) AS min_start,
    max(end) AS max_end
  FROM (
    SELECT
      s.person_id AS person_id,
      toInt64(s.$pageview_count) + toInt64(s.$screen_count) AS session_views,
      s.$session_duration AS duration,
      toUInt8(s.$is_bounce) AS bounce,
      s.$start_timestamp AS start,
      s.$end_timestamp AS end
    FROM sessions AS s
    WHERE NOT s.$is_bot
  )
  WHERE session_views > 0`;

// The Page table's figures of one day's sessions per path: every view (all of them fall inside any period the day is
// taken for), its person, and the landing mark exactly as the live Page table sets it (the first view of the
// session's entry page), with the session's bounce.
const DAY_PAGES = `
  SELECT
    {team} AS rollup_team, toDate({day}) AS session_day, {version} AS version,
    view.1 AS path,
    count() AS views,
    uniqState(person_id) AS visitors,
    sum(view.2) AS landings,
    sumIf(bounce, view.2 = 1) AS landing_bounces
  FROM (
    SELECT
      s.person_id AS person_id,
      toUInt8(s.$is_bounce) AS bounce,
      arrayMap(pv -> tupleElement(pv, 3), s.$page_views) AS paths,
      length(paths) AS view_count,
      indexOf(paths, s.$entry_pathname) AS landing,
      arrayJoin(arrayZip(
        paths,
        if(landing = 0,
          arrayWithConstant(view_count, toUInt8(0)),
          arrayConcat(arrayWithConstant(landing - 1, toUInt8(0)), [toUInt8(1)], arrayWithConstant(view_count - landing, toUInt8(0))))
      )) AS view
    FROM sessions AS s
    WHERE NOT s.$is_bot
  )
  GROUP BY path`;

// The first distinct id of each of the day's sessions: a merge that moves one of them changes the day's visitors.
const DAY_DISTINCT_IDS = `
  SELECT DISTINCT {team} AS rollup_team, s.distinct_id AS distinct_id, toDate({day}) AS session_day, {version} AS version
  FROM sessions AS s`;

/** An INSERT … SELECT of one rollup table's rows, every value bound. */
export interface RollupInsert {
  table: string;
  sql: string;
  params: Record<string, unknown>;
}

/** How long one day's computation may run (an internal statement: no user waits on it). */
const ROLLUP_MAX_EXECUTION_SECONDS = 300;

/**
 * The statements that compute one day of one project's rollups under `version`: the overview's row, the Page
 * table's rows and the distinct ids, from that day's sessions only. The caller records the day (web_rollup_days)
 * after all three, which is what makes them count.
 * @example await rollupDayInserts(1, '2024-06-10', 1718000000000) // three INSERT … SELECT statements
 */
export async function rollupDayInserts(teamId: number, day: string, version: number): Promise<RollupInsert[]> {
  const fill = { team: hConstant(teamId), day: hConstant(day), version: hConstant(version) };
  const midnight = constant(new Date(`${day}T00:00:00Z`));
  const window = { from: midnight, to: midnight, days: { ranges: [[day, day] as const], undated: false } };
  const out: RollupInsert[] = [];
  for (const [template, table] of [
    [DAY_SESSIONS, WEB_ROLLUP_TABLES.sessions],
    [DAY_PAGES, WEB_ROLLUP_TABLES.pages],
    [DAY_DISTINCT_IDS, WEB_ROLLUP_TABLES.distinctIds],
  ] as const) {
    const compiled = compileQuery(await templateSelect(template, fill), rootScope('UTC', window));
    const outer = compiled.query.kind === 'select' ? compiled.query : wrapQuery(compiled.query);
    outer.settings = { max_execution_time: ROLLUP_MAX_EXECUTION_SECONDS };
    const { sql, params } = printSql(outer, { teamId });
    out.push({ table: table.name, sql: `INSERT INTO ${table.name} (${table.columns.join(', ')}) ${sql}`, params });
  }
  return out;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

const addDays = (day: string, n: number) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/**
 * The days of `days` a period may take from their rollups: those whose counted sessions all started and ended inside
 * it (or that count none), among the days the live query would read for it (a day either side of the period's UTC
 * days: sessions are filed by the day their id was made).
 * @example rollupDaysFor(days, { from: jun8, to: jun14End }) // the days of 06-08 … 06-14 computed and standing
 */
export function rollupDaysFor(days: readonly WebRollupDay[], range: Pick<QueryDateRange, 'from' | 'to'>): WebRollupDay[] {
  const [first, last] = readDays(range);
  return days.filter(
    (d) =>
      d.day >= first &&
      d.day <= last &&
      (d.sessions === 0 || (d.minStart !== null && d.maxEnd !== null && d.minStart >= range.from && d.maxEnd <= range.to)),
  );
}

/** The first and last day of session ids the live queries read for a period (sessions-source.ts: a day either side). */
function readDays(range: Pick<QueryDateRange, 'from' | 'to'>): [string, string] {
  return [addDays(utcDay(range.from), -1), addDays(utcDay(range.to), 1)];
}

/**
 * The days of session ids the live part of a query reads: those around its periods that no rollup stands for, and
 * the sessions whose id is not a UUIDv7.
 * @example liveSessionDays([current], used) // { ranges: [['2024-06-07', '2024-06-07'], ['2024-06-15', '2024-06-16']], undated: true }
 */
export function liveSessionDays(ranges: readonly Pick<QueryDateRange, 'from' | 'to'>[], used: readonly WebRollupDay[]): SessionDays {
  const taken = new Set(used.map((d) => d.day));
  const read = new Set<string>();
  for (const [first, last] of ranges.map(readDays)) for (let day = first; day <= last; day = addDays(day, 1)) if (!taken.has(day)) read.add(day);
  const out: [string, string][] = [];
  for (const day of [...read].sort()) {
    const open = out[out.length - 1];
    if (open && addDays(open[1], 1) === day) open[1] = day;
    else out.push([day, day]);
  }
  return { ranges: out, undated: true };
}

/**
 * The rollup rows of `used` days: each day's rows of the computation that stands.
 * @example rolledRows(used) // (session_day = toDate('2024-06-09') AND version = 17…) OR …
 */
export function rolledRows(used: readonly WebRollupDay[]): HExpr {
  if (used.length === 0) return hConstant(false);
  return hOr(
    used.map((d) =>
      hAnd([hCompare('==', hField('session_day'), hCall('toDate', hConstant(d.day))), hCompare('==', hField('version'), hConstant(d.version))]),
    ),
  );
}

/**
 * The statement that records a computed day (after its rows are written): its figures' bounds, read back from the
 * overview row just written, under the same version. Until it runs, the day's new rows count for nothing.
 */
export function rollupDayRecord(teamId: number, day: string, version: number): RollupInsert {
  return {
    table: 'web_rollup_days',
    sql: `INSERT INTO web_rollup_days (team_id, session_day, version, sessions, min_start, max_end)
      SELECT team_id, session_day, version, sessions, min_start, max_end FROM web_sessions_daily
      WHERE team_id = {team:Int64} AND session_day = toDate({day:String}) AND version = {version:UInt64}`,
    params: { team: teamId, day, version },
  };
}

/**
 * A `web_rollup_days` row as the store returns it (day, version, sessions, min start, max end; times as ClickHouse
 * prints a UTC DateTime64) as a WebRollupDay.
 * @example rollupDayFromRow(['2024-06-10', '1718000000000', '3', '2024-06-10 09:00:00.000000', '2024-06-10 11:00:10.000000'])
 */
export function rollupDayFromRow(row: readonly unknown[]): WebRollupDay {
  const time = (v: unknown) => (v === null || v === undefined ? null : new Date(`${String(v).replace(' ', 'T')}Z`));
  return { day: String(row[0]), version: Number(row[1]), sessions: Number(row[2]), minStart: time(row[3]), maxEnd: time(row[4]) };
}
