import { compileQuery, rootScope, wrapQuery } from '../hogql/compile-select.js';
import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr } from '../hogql/hogql-ast.js';
import type { SessionDays } from '../hogql/sessions-source.js';
import { templateSelect } from '../insights/hogql-template.js';
import type { QueryDateRange } from '../insights/date-range.js';
import { constant } from '../sql/build.js';
import { printSql } from '../sql/print-sql.js';
import { breakdownDefinition, type WebStatsBreakdown } from './web-breakdowns.js';
import { onJoinedSessions } from './web-session-join.js';

/**
 * Web analytics' daily pre-aggregates ("rollups"). A day here is a day of the session id, the way raw_sessions files
 * sessions (the day a posthog-js session id was made; ids that are not UUIDv7 are never rolled up). For each such day
 * the rollup job computes, from the sessions model exactly as the live queries read it, the overview's figures of
 * the day's sessions (visitors as a uniq state, views, sessions, summed durations and bounces), the Page table's
 * figures per path and the session-level tables' per breakdown value, in bands: the sessions of a day split by the date they started on in the project's timezone
 * (mostly one band; two where the project's midnight falls inside the UTC day), each band with the earliest and latest
 * start and the latest end among its sessions. A web query takes a day from its rollup when each band lies wholly
 * inside the period (every session started at or after its start and ended at or before its end, so every view of
 * them is inside it too) or wholly outside it (every session started before or after it), and reads the sessions of
 * every other day itself, as before. The answer is the one the sessions alone give: visitors merge as uniq states,
 * which count the same as one uniq over all the persons; the rest are sums.
 *
 * Which days may be taken is the server's business (a day counts only while nothing changed its sessions or their
 * persons since it was computed: apps/server/src/web-analytics/web-rollup-store.ts); this file computes and reads.
 */

/** The sessions of a computed day that started on one date in the project's timezone (a band). */
export interface WebRollupBand {
  /** The date they started on, `YYYY-MM-DD`, in the timezone the day was computed in. */
  band: string;
  /** Sessions counted (not from bots, with at least one view). */
  sessions: number;
  minStart: Date;
  maxStart: Date;
  maxEnd: Date;
}

/** A computed day the server found standing: no session of it, nor the person of one, changed since. */
export interface WebRollupDay {
  /** The day of the session id, `YYYY-MM-DD`. */
  day: string;
  /** The computation its rows carry. */
  version: number;
  /** Its counted sessions by band (none: the day counts nothing). */
  bands: readonly WebRollupBand[];
}

/** A day a period takes from its rollup, and the bands of it inside the period (the others are outside it). */
export interface TakenDay {
  day: string;
  version: number;
  bands: readonly string[];
}

/** The rollup tables' own rows, as the job writes them: the overview's, the Page table's, the sessions' distinct ids. */
export const WEB_ROLLUP_TABLES = {
  sessions: {
    name: 'web_sessions_daily',
    columns: ['team_id', 'session_day', 'version', 'band', 'visitors', 'views', 'sessions', 'duration_sum', 'bounces', 'min_start', 'max_start', 'max_end'],
  },
  pages: { name: 'web_pages_daily', columns: ['team_id', 'session_day', 'version', 'band', 'path', 'views', 'visitors', 'landings', 'landing_bounces'] },
  breakdowns: {
    name: 'web_breakdowns_daily',
    columns: ['team_id', 'session_day', 'version', 'band', 'breakdown', 'value', 'visitors', 'views', 'sessions', 'bounces'],
  },
  distinctIds: { name: 'web_rollup_distinct_ids', columns: ['team_id', 'distinct_id', 'session_day', 'version'] },
} as const;

// The overview's figures of one day's sessions by band: those the live overview counts (not bots, at least one view).
const DAY_SESSIONS = `
  SELECT
    {team} AS rollup_team, toDate({day}) AS session_day, {version} AS version,
    toDate(start) AS band,
    uniqState(person_id) AS visitors,
    sum(session_views) AS views,
    count() AS sessions,
    sum(duration) AS duration_sum,
    sum(bounce) AS bounces,
    min(start) AS min_start,
    max(start) AS max_start,
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
  WHERE session_views > 0
  GROUP BY band`;

// The Page table's figures of one day's sessions per band and path: every view (all of them fall inside any period
// the band is taken for), its person, and the landing mark exactly as the live Page table sets it (the first view of
// the session's entry page), with the session's bounce.
const DAY_PAGES = `
  SELECT
    {team} AS rollup_team, toDate({day}) AS session_day, {version} AS version,
    band,
    view.1 AS path,
    count() AS views,
    uniqState(person_id) AS visitors,
    sum(view.2) AS landings,
    sumIf(bounce, view.2 = 1) AS landing_bounces
  FROM (
    SELECT
      s.person_id AS person_id,
      toUInt8(s.$is_bounce) AS bounce,
      toDate(s.$start_timestamp) AS band,
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
  GROUP BY band, path`;

/**
 * The session-level breakdowns of WebStatsTableQuery whose values are texts, kept per day (the tuple-valued Region,
 * City and Viewport are read from sessions).
 */
export const ROLLUP_SESSION_BREAKDOWNS: readonly WebStatsBreakdown[] = [
  'InitialPage', 'ExitPage', 'InitialChannelType', 'InitialReferringDomain', 'InitialReferringURL', 'InitialUTMSource',
  'InitialUTMMedium', 'InitialUTMCampaign', 'InitialUTMTerm', 'InitialUTMContent', 'InitialUTMSourceMediumCampaign',
  'Browser', 'OS', 'DeviceType', 'Country', 'Timezone', 'Language',
];

// The session-level tables' figures of one day's sessions per band, breakdown and value: the sessions the live
// tables count (not bots, at least one view; all their views fall inside any period the band is taken for), each
// under every breakdown's value (as breakdownDefinition computes it, without path cleaning).
const DAY_BREAKDOWNS = `
  SELECT
    {team} AS rollup_team, toDate({day}) AS session_day, {version} AS version,
    band,
    kv.1 AS breakdown,
    kv.2 AS value,
    uniqState(person_id) AS visitors,
    sum(session_views) AS views,
    count() AS sessions,
    sum(bounce) AS bounces
  FROM (
    SELECT
      s.person_id AS person_id,
      toInt64(s.$pageview_count) + toInt64(s.$screen_count) AS session_views,
      toUInt8(s.$is_bounce) AS bounce,
      toDate(s.$start_timestamp) AS band,
      arrayJoin([${ROLLUP_SESSION_BREAKDOWNS.map((name, i) => `tuple('${name}', {b${i}})`).join(', ')}]) AS kv
    FROM sessions AS s
    WHERE NOT s.$is_bot
  )
  WHERE session_views > 0
  GROUP BY band, breakdown, value`;

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
 * The statements that compute one day of one project's rollups under `version`, its bands cut at midnight in
 * `timezone`, to run in order: the overview's rows, the Page table's rows, the session-level tables' rows and the
 * distinct ids, from that day's sessions only, and last the day's record, which is what makes them count.
 * @example await rollupDayInserts(1, '2024-06-10', 1718000000000, 'UTC') // four INSERT … SELECT statements, then the record
 */
export async function rollupDayInserts(teamId: number, day: string, version: number, timezone: string): Promise<RollupInsert[]> {
  const fill = {
    team: hConstant(teamId),
    day: hConstant(day),
    version: hConstant(version),
    ...Object.fromEntries(ROLLUP_SESSION_BREAKDOWNS.map((name, i) => [`b${i}`, onJoinedSessions(breakdownDefinition(name, []).value)])),
  };
  const midnight = constant(new Date(`${day}T00:00:00Z`));
  const window = { from: midnight, to: midnight, days: { ranges: [[day, day] as const], undated: false } };
  const out: RollupInsert[] = [];
  for (const [template, table] of [
    [DAY_SESSIONS, WEB_ROLLUP_TABLES.sessions],
    [DAY_PAGES, WEB_ROLLUP_TABLES.pages],
    [DAY_BREAKDOWNS, WEB_ROLLUP_TABLES.breakdowns],
    [DAY_DISTINCT_IDS, WEB_ROLLUP_TABLES.distinctIds],
  ] as const) {
    const compiled = compileQuery(await templateSelect(template, fill), rootScope(timezone, window));
    const outer = compiled.query.kind === 'select' ? compiled.query : wrapQuery(compiled.query);
    outer.settings = { max_execution_time: ROLLUP_MAX_EXECUTION_SECONDS };
    const { sql, params } = printSql(outer, { teamId });
    out.push({ table: table.name, sql: `INSERT INTO ${table.name} (${table.columns.join(', ')}) ${sql}`, params });
  }
  out.push(dayRecord(teamId, day, version));
  return out;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

const addDays = (day: string, n: number) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/**
 * The days of `days` a period may take from their rollups, with their bands inside it: days whose every band lies
 * wholly inside the period or wholly outside it, among the days the live query would read for it (a day either side
 * of the period's UTC days: sessions are filed by the day their id was made; `aroundOnly` false: among all days).
 * @example rollupDaysFor(days, { from: jun8, to: jun14End }) // [{ day: '2024-06-08', version, bands: ['2024-06-08'] }, …]
 */
export function rollupDaysFor(days: readonly WebRollupDay[], range: Pick<QueryDateRange, 'from' | 'to'>, aroundOnly = true): TakenDay[] {
  const [first, last] = readDays(range);
  const taken: TakenDay[] = [];
  for (const d of days) {
    const around = d.day >= first && d.day <= last;
    if (aroundOnly && !around) continue;
    // Sessions filed further away are not read for the period, even if they started in it (as the live query).
    const inside = around ? d.bands.filter((b) => b.minStart >= range.from && b.maxEnd <= range.to) : [];
    const outside = d.bands.filter((b) => b.maxStart < range.from || b.minStart > range.to);
    if (inside.length + outside.length === d.bands.length) taken.push({ day: d.day, version: d.version, bands: inside.map((b) => b.band) });
  }
  return taken;
}

/**
 * The days a statement over two periods (the current one and, with compare, the previous one) takes from the
 * rollups: only days each period can take, since the statement reads the other days' sessions once for both; each
 * period reads the bands inside it.
 * @example rollupDaysForBoth(days, current, previous) // { current: [...], previous: [...] } over the same days
 */
export function rollupDaysForBoth(
  days: readonly WebRollupDay[],
  current: Pick<QueryDateRange, 'from' | 'to'>,
  previous: Pick<QueryDateRange, 'from' | 'to'> | null,
): { current: TakenDay[]; previous: TakenDay[] } {
  if (!previous) return { current: rollupDaysFor(days, current), previous: [] };
  // A day outside the live days of one period is taken for it with no bands, as long as its bands are outside it.
  const forPeriod = (range: Pick<QueryDateRange, 'from' | 'to'>) => new Map(rollupDaysFor(days, range, false).map((d) => [d.day, d]));
  const [cur, prev] = [forPeriod(current), forPeriod(previous)];
  const both = [...cur.keys()].filter((day) => prev.has(day));
  return { current: both.map((day) => cur.get(day) as TakenDay), previous: both.map((day) => prev.get(day) as TakenDay) };
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
export function liveSessionDays(ranges: readonly Pick<QueryDateRange, 'from' | 'to'>[], used: readonly TakenDay[]): SessionDays {
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

/** True when some taken day has bands inside the period, that is rollup rows to read (else only live days are read). */
export function readsRollupRows(used: readonly TakenDay[]): boolean {
  return used.some((d) => d.bands.length > 0);
}

/**
 * The rollup rows of the bands taken: each day's rows of the computation that stands, in the bands inside the period.
 * @example rolledRows(used) // (session_day = toDate('2024-06-09') AND version = 17… AND band IN ('2024-06-09')) OR …
 */
export function rolledRows(used: readonly TakenDay[]): HExpr {
  const rows = used.filter((d) => d.bands.length > 0);
  if (rows.length === 0) return hConstant(false);
  return hOr(
    rows.map((d) =>
      hAnd([
        hCompare('==', hField('session_day'), hCall('toDate', hConstant(d.day))),
        hCompare('==', hField('version'), hConstant(d.version)),
        hCall('in', hField('band'), hCall('tuple', ...d.bands.map((band) => hCall('toDate', hConstant(band))))),
      ]),
    ),
  );
}

/** The statement that records a computed day, after its rows: until it runs, the day's new rows count for nothing. */
function dayRecord(teamId: number, day: string, version: number): RollupInsert {
  return {
    table: 'web_rollup_days',
    sql: 'INSERT INTO web_rollup_days (team_id, session_day, version) VALUES ({team:Int64}, toDate({day:String}), {version:UInt64})',
    params: { team: teamId, day, version },
  };
}

/**
 * A day's band as the store returns it (day, version, band, sessions, earliest start, latest start, latest end; times
 * as ClickHouse prints a UTC DateTime64).
 * @example rollupBandFromRow(['2024-06-10', '1718…', '2024-06-10', '3', '2024-06-10 09:00:00.000000', …])
 */
export function rollupBandFromRow(row: readonly unknown[]): { day: string; version: number; band: WebRollupBand } {
  const time = (v: unknown) => new Date(`${String(v).replace(' ', 'T')}Z`);
  return {
    day: String(row[0]),
    version: Number(row[1]),
    band: { band: String(row[2]), sessions: Number(row[3]), minStart: time(row[4]), maxStart: time(row[5]), maxEnd: time(row[6]) },
  };
}

/** The statement that reads a project's bands (rollupBandFromRow reads its rows). */
export const ROLLUP_BANDS_SQL = `SELECT toString(session_day), version, toString(band), sessions, min_start, max_start, max_end
  FROM web_sessions_daily WHERE team_id = {team:Int64}`;

/**
 * Computed days (day, version) with their bands from the band rows read by ROLLUP_BANDS_SQL.
 * @example withBands([['2024-06-10', 17…]], bandRows) // [{ day: '2024-06-10', version: 17…, bands: [...] }]
 */
export function withBands(days: readonly (readonly [day: string, version: number])[], bandRows: readonly (readonly unknown[])[]): WebRollupDay[] {
  const bands = new Map<string, WebRollupBand[]>();
  for (const row of bandRows) {
    const { day, version, band } = rollupBandFromRow(row);
    const key = `${day}/${version}`;
    bands.set(key, [...(bands.get(key) ?? []), band]);
  }
  return days.map(([day, version]) => ({ day, version, bands: bands.get(`${day}/${version}`) ?? [] }));
}
