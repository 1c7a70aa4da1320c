import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr, type HOrderExpr, type HQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { templateSelect } from '../insights/hogql-template.js';
import type { BreakdownDefinition } from './web-breakdowns.js';
import { cleanPath, type PathCleaningRule } from './web-path-cleaning.js';
import { onJoinedSessions, SESSIONS_ALIAS } from './web-session-join.js';
import { sortKeys, type WebStatsMetric, type WebStatsSettings } from './web-stats-settings.js';
import { readsRollupRows, ROLLUP_SESSION_BREAKDOWNS, rolledRows, type TakenDay } from './web-rollups.js';
import { bothPeriodsEvents, countedEvent, inPeriod, lateViews, VIEW_EVENT, type WebSpec } from './web-spec.js';

/** What one stats table is built from. */
export interface StatsTableParts {
  spec: WebSpec;
  settings: WebStatsSettings;
  breakdown: BreakdownDefinition;
  rules: readonly PathCleaningRule[];
  /** Its scroll and time-on-page join reads the page left, with `$pathname` filters applied to that page. */
  previousPageFilters: readonly HExpr[];
  /**
   * Days each period takes from the web rollups (only where tableUsesRollups allows); the sessions of these days
   * must be left out of the statement's session window (web-rollups.ts liveSessionDays).
   */
  rolled?: { current: readonly TakenDay[]; previous: readonly TakenDay[] };
  /** The moment asked at (bounds the read of views after a period's end). */
  now: Date;
}

/** Events that carry what the previous page was like: the next view, or leaving the site. */
const PAGE_LEAVING = hCall('in', hField('event'), hCall('tuple', hConstant('$pageview'), hConstant('$pageleave')));

// One row per session and value (with, for the Page table, the session's entry page), and each period's counts: an
// event counts for a period when it and its session's start both fall inside it, so a session that began before
// the current period never leaks into it. The events are grouped per session (and event-level value) first and then
// joined to their sessions, which are read once each; a session-level value is taken from the joined session.
const ROWS = `
  SELECT
    s.person_id AS person_id,
    {breakdown} AS breakdown_value,
    e.n_cur AS n_cur,
    e.n_prev AS n_prev,
    e.views_cur AS views_cur,
    e.views_prev AS views_prev,
    e.goals_cur AS goals_cur,
    e.goals_prev AS goals_prev,
    s.$is_bounce AS bounce,
    s.$start_timestamp AS start,
    {entry_page} AS entry_page
  FROM (
    SELECT
      $session_id AS session_id,
      {event_value} AS event_value,
      countIf({counted_cur}) AS n_cur,
      countIf({counted_prev}) AS n_prev,
      countIf({view_cur}) AS views_cur,
      countIf({view_prev}) AS views_prev,
      countIf({goal_cur}) AS goals_cur,
      countIf({goal_prev}) AS goals_prev
    FROM events
    WHERE {where}
    GROUP BY $session_id, event_value
  ) AS e
  INNER JOIN sessions AS s ON s.session_id = e.session_id
  WHERE NOT s.$is_bot`;

// The Page table without filters or a goal, from the sessions model alone: each session's views carry their time and
// path, so the rows and each period's counts are those the events would give, without parsing the events' JSON again.
// One row per view inside either period (its path, whether it counts for each period, and whether it is where the
// session landed): visitors and views need nothing more, and the bounce rate reads only the landing row, the first
// view of the session's entry page (`indexOf` finds the first), so each session counts once for the page it began on.
// Everything a row needs from its session is a number worked out before the views are unrolled: a session's text
// (its entry page) or time copied onto each of its ~4M views cost more than the rest of the unrolling, and so do
// lambdas that read a session's column (ClickHouse copies it once per array element), so the landing marks are
// built from constant runs around the landing position.
const PAGE_ROWS_FROM_SESSIONS = `
  SELECT
    person_id,
    view.1 AS breakdown_value,
    view.2 AS n_cur,
    view.3 AS n_prev,
    view.2 AS views_cur,
    view.3 AS views_prev,
    0 AS goals_cur,
    0 AS goals_prev,
    bounce,
    session_cur,
    session_prev,
    view.4 AS landed
  FROM (
    SELECT
      s.person_id AS person_id,
      s.$is_bounce AS bounce,
      toUInt8({session_cur}) AS session_cur,
      toUInt8({session_prev}) AS session_prev,
      arrayFilter(pv -> {view_in_periods}, s.$page_views) AS kept_views,
      arrayMap(pv -> {breakdown}, kept_views) AS kept_paths,
      length(kept_paths) AS kept_count,
      indexOf(kept_paths, {entry_page}) AS landing,
      arrayJoin(arrayZip(
        kept_paths,
        arrayMap(pv -> toUInt8({counted_cur}), kept_views),
        arrayMap(pv -> toUInt8({counted_prev}), kept_views),
        if(landing = 0,
          arrayWithConstant(kept_count, toUInt8(0)),
          arrayConcat(arrayWithConstant(landing - 1, toUInt8(0)), [toUInt8(1)], arrayWithConstant(kept_count - landing, toUInt8(0))))
      )) AS view
    FROM sessions AS s
    WHERE NOT s.$is_bot AND {session_in_periods}
  )`;

// Each metric and its previous-period twin over the rows; {cur} / {prev} say a row's session belongs to the period.
const AGGREGATES: Partial<Record<WebStatsMetric, string>> = {
  visitors: 'uniqIf(person_id, {cur}) AS visitors, uniqIf(person_id, {prev}) AS previous_visitors',
  views: 'sumIf(views_cur, {cur}) AS views, sumIf(views_prev, {prev}) AS previous_views',
  // {landed} narrows the Page table's bounce rate to the rows of the page a session began on (true elsewhere).
  bounce_rate: 'avgIf(bounce, {cur} AND {landed}) AS bounce_rate, avgIf(bounce, {prev} AND {landed}) AS previous_bounce_rate',
  total_conversions: 'sumIf(goals_cur, {cur}) AS total_conversions, sumIf(goals_prev, {prev}) AS previous_total_conversions',
  unique_conversions:
    'uniqIf(person_id, {cur} AND goals_cur > 0) AS unique_conversions, uniqIf(person_id, {prev} AND goals_prev > 0) AS previous_unique_conversions',
  conversion_rate:
    'if(visitors = 0, NULL, unique_conversions / visitors) AS conversion_rate, if(previous_visitors = 0, NULL, previous_unique_conversions / previous_visitors) AS previous_conversion_rate',
};

const aggregated = (metrics: readonly WebStatsMetric[], rows: string) => `
  SELECT breakdown_value, ${metrics.map((m) => AGGREGATES[m]).join(', ')}
  FROM (${rows})
  WHERE {keep}
  GROUP BY breakdown_value
  HAVING visitors > 0`;

// Scroll depth and time on page describe the page a view or page leave left (posthog-js's $prev_pageview_*).
const PREVIOUS_PAGE_METRICS = `
  SELECT
    {previous_page} AS breakdown_value,
    toNullable(avgIf({scroll}, {event_cur})) AS average_scroll_percentage,
    toNullable(avgIf({scroll}, {event_prev})) AS previous_average_scroll_percentage,
    toNullable(avgIf(multiIf(isNull({scroll}), NULL, {scroll} > 0.8, 1, 0), {event_cur})) AS scroll_gt80_percentage,
    toNullable(avgIf(multiIf(isNull({scroll}), NULL, {scroll} > 0.8, 1, 0), {event_prev})) AS previous_scroll_gt80_percentage,
    toNullable(avgIf(least(toFloat(properties.$prev_pageview_duration), toFloat(86400)), {event_cur})) AS avg_time_on_page,
    toNullable(avgIf(least(toFloat(properties.$prev_pageview_duration), toFloat(86400)), {event_prev})) AS previous_avg_time_on_page
  FROM events
  WHERE {previous_page_where}
  GROUP BY breakdown_value`;

const PAGE_METRICS: readonly WebStatsMetric[] = ['average_scroll_percentage', 'scroll_gt80_percentage', 'avg_time_on_page'];

// A table's counts with the days a rollup stands for taken from it (web-rollups.ts): per value and period, the
// rollup rows of the days taken for that period ({rolled_cur}, {rolled_prev}) and the live rows of the other days,
// aggregated the same way (visitors as uniq states; views, landings and the landings' bounces as sums).
const ROLLUP_AGGREGATES: Partial<Record<WebStatsMetric, string>> = {
  visitors: 'uniqMergeIf(row_visitors, period = 0) AS visitors, uniqMergeIf(row_visitors, period = 1) AS previous_visitors',
  views: 'sumIf(row_views, period = 0) AS views, sumIf(row_views, period = 1) AS previous_views',
  bounce_rate:
    'sumIf(landing_bounces, period = 0) / sumIf(landings, period = 0) AS bounce_rate, sumIf(landing_bounces, period = 1) / sumIf(landings, period = 1) AS previous_bounce_rate',
};

// Where each table's rollup rows come from: the Page table's per path, a session-level table's per value of its
// breakdown (every session counted there "landed" on its value, so its bounce rate is over all of them).
const ROLLUP_ROWS = {
  pages: `SELECT path AS breakdown_value, if({rolled_cur}, 0, 1) AS period, visitors AS row_visitors, views AS row_views, landings, landing_bounces
    FROM web_pages_daily
    WHERE {rolled_cur} OR {rolled_prev}`,
  sessions: `SELECT value AS breakdown_value, if({rolled_cur}, 0, 1) AS period, visitors AS row_visitors, views AS row_views, sessions AS landings, bounces AS landing_bounces
    FROM web_breakdowns_daily
    WHERE breakdown = {breakdown_name} AND ({rolled_cur} OR {rolled_prev})`,
};

// The live rows are read once: grouped by value with both periods' counts side by side, then each value's row is
// turned into one row per period.
const rollupAggregated = (metrics: readonly WebStatsMetric[], rows: string, rollupRows: string) => `
  SELECT breakdown_value, ${metrics.map((m) => ROLLUP_AGGREGATES[m]).join(', ')}
  FROM (
    ${rollupRows}
    UNION ALL
    SELECT
      breakdown_value,
      arrayJoin([0, 1]) AS period,
      if(period = 0, cur_visitors, prev_visitors) AS row_visitors,
      if(period = 0, cur_views, prev_views) AS row_views,
      if(period = 0, cur_landings, prev_landings) AS landings,
      if(period = 0, cur_landing_bounces, prev_landing_bounces) AS landing_bounces
    FROM (
      SELECT
        breakdown_value,
        uniqState(if({cur}, person_id, NULL)) AS cur_visitors,
        uniqState(if({prev}, person_id, NULL)) AS prev_visitors,
        toUInt64(sumIf(views_cur, {cur})) AS cur_views,
        toUInt64(sumIf(views_prev, {prev})) AS prev_views,
        toUInt64(countIf({cur} AND {landed})) AS cur_landings,
        toUInt64(countIf({prev} AND {landed})) AS prev_landings,
        toUInt64(sumIf(bounce, {cur} AND {landed})) AS cur_landing_bounces,
        toUInt64(sumIf(bounce, {prev} AND {landed})) AS prev_landing_bounces
      FROM (${rows})
      GROUP BY breakdown_value
    )
  )
  WHERE {keep}
  GROUP BY breakdown_value
  HAVING visitors > 0`;

// A session-level table's live rows when rollups stand for some days, from the sessions model alone (as the
// overview's): each session begun in a period, its breakdown value, and its own views less those after its period's
// end — the views the events would give — so the period's view events need not be read and parsed.
const SESSION_ROWS_FROM_SESSIONS = `
  SELECT
    person_id,
    breakdown_value,
    session_cur,
    session_prev,
    if(session_cur = 1, session_views, 0) AS n_cur,
    if(session_prev = 1, session_views, 0) AS n_prev,
    n_cur AS views_cur,
    n_prev AS views_prev,
    bounce
  FROM (
    SELECT
      s.person_id AS person_id,
      {breakdown} AS breakdown_value,
      toUInt8({session_cur}) AS session_cur,
      toUInt8({session_prev}) AS session_prev,
      ifNull(toInt64(s.$pageview_count) + toInt64(s.$screen_count), 0) - if(session_cur = 1, ifNull(l.late_cur, 0), ifNull(l.late_prev, 0)) AS session_views,
      toUInt8(ifNull(s.$is_bounce, false)) AS bounce
    FROM sessions AS s
    LEFT JOIN (
      SELECT $session_id AS session_id, toInt64(countIf({late_cur})) AS late_cur, toInt64(countIf({late_prev})) AS late_prev
      FROM events
      WHERE {late_any}
      GROUP BY $session_id
    ) AS l ON l.session_id = s.session_id
    WHERE NOT s.$is_bot AND {session_in_periods}
  )`;

/** The metrics a table taking rollups can show (scroll depth and time on page, the Page table's, come from the events). */
const ROLLUP_METRICS: readonly WebStatsMetric[] = ['visitors', 'views', 'bounce_rate', ...PAGE_METRICS];

/** The Page table with scroll depth or time on page: its counts joined to the metrics of the page left. */
const withPageMetrics = (metrics: readonly WebStatsMetric[], counts: string) => {
  const from = (m: WebStatsMetric) => (PAGE_METRICS.includes(m) ? 'page_metrics' : 'counts');
  const columns = metrics.map((m) => `${from(m)}.${m} AS ${m}, ${from(m)}.previous_${m} AS previous_${m}`);
  return `
  SELECT counts.breakdown_value AS breakdown_value, ${columns.join(', ')}
  FROM (${counts}) AS counts
  LEFT JOIN (${PREVIOUS_PAGE_METRICS}) AS page_metrics ON counts.breakdown_value = page_metrics.breakdown_value`;
};

/**
 * Whether a stats table may take days from the web rollups: the Page table and the session-level tables with text
 * values (ROLLUP_SESSION_BREAKDOWNS), without filters, goal or path cleaning (the rollups keep paths as sent), asking
 * only for what a rollup holds (scroll depth and time on page come from the events, and only the Page table has them).
 */
export function tableUsesRollups(parts: Pick<StatsTableParts, 'spec' | 'settings' | 'rules'>): boolean {
  const { spec, settings, rules } = parts;
  const page = settings.breakdown === 'Page';
  if (!page && !ROLLUP_SESSION_BREAKDOWNS.includes(settings.breakdown)) return false;
  return spec.filters.length === 0 && !spec.goal && rules.length === 0 && settings.metrics.every((m) => ROLLUP_METRICS.includes(m));
}

/**
 * The HogQL of one stats table, both periods in one statement: per value, each metric as a current and a previous
 * column (the previous ones stay zero or null without compare), sorted and paged in the engine so the previous
 * values always belong to the rows shown. One row more than the limit is asked for, to tell whether more follow.
 * @example await statsTableQuery({ spec, settings, breakdown: breakdownDefinition('Country', []), rules: [], … })
 */
export async function statsTableQuery(parts: StatsTableParts): Promise<HQuery> {
  const { spec, settings, breakdown } = parts;
  const page = settings.breakdown === 'Page';
  const joined = page && settings.metrics.some((m) => PAGE_METRICS.includes(m));
  const rolled = parts.rolled && readsRollupRows([...parts.rolled.current, ...parts.rolled.previous]) ? parts.rolled : null;
  const fromSessions = page && spec.filters.length === 0 && !spec.goal;
  // A session-level table taking days from the rollups reads its other days' sessions alone too.
  const sessionsAlone = !page && rolled !== null;
  const rows = fromSessions ? PAGE_ROWS_FROM_SESSIONS : sessionsAlone ? SESSION_ROWS_FROM_SESSIONS : ROWS;
  const rollupRows = page ? ROLLUP_ROWS.pages : ROLLUP_ROWS.sessions;
  const counts = (metrics: readonly WebStatsMetric[]) => (rolled ? rollupAggregated(metrics, rows, rollupRows) : aggregated(metrics, rows));
  const text = joined ? withPageMetrics(settings.metrics, counts(settings.metrics.filter((m) => !PAGE_METRICS.includes(m)))) : counts(settings.metrics);
  const previous = spec.previous;
  // A row counts for a period when its session began in it and its event (or view) falls in it.
  const flag = (range: typeof previous, n: string, sessionIn: HExpr) => (range ? hAnd([sessionIn, hCompare('>', hField(n), hConstant(0))]) : hConstant(false));
  const sessionIn = (range: typeof previous, name: string) => (fromSessions || sessionsAlone ? hField(name) : inPeriod(range, hField('start')));
  const eventIn = (range: typeof previous) => (range ? hAnd([inPeriod(range), inPeriod(range, hField('session', '$start_timestamp'))]) : hConstant(false));
  const scroll = hCall('toFloat', hField('properties', '$prev_pageview_max_scroll_percentage'));
  // A page's bounce rate is that of the sessions that began on it: each such session has exactly one row (session,
  // page) whose page is its entry page, so the bounce rate needs no second pass over the events. Other tables read
  // no entry page (it costs the landing-event tuple of every session).
  const bounceByEntry = page && settings.metrics.includes('bounce_rate');
  const eventLevel = breakdown.level === 'event';
  const query = await templateSelect(text, {
    ...(fromSessions || sessionsAlone ? pageFromSessions(spec) : {}),
    ...(sessionsAlone && (await lateViewsOfBoth(spec, parts.now))),
    ...(rolled && { rolled_cur: rolledRows(rolled.current), rolled_prev: rolledRows(rolled.previous), breakdown_name: hConstant(settings.breakdown) }),
    event_value: eventLevel ? breakdown.value : hConstant(null),
    breakdown: fromSessions ? cleanPath(viewPart(3), parts.rules) : eventLevel ? hField('e', 'event_value') : onJoinedSessions(breakdown.value),
    keep: breakdown.keep,
    where: bothPeriodsEvents(spec, countedEvent(spec), spec.filters, [], false),
    counted_cur: inPeriod(spec.current, fromSessions ? viewPart(2) : undefined),
    counted_prev: inPeriod(previous, fromSessions ? viewPart(2) : undefined),
    view_cur: hAnd([VIEW_EVENT, inPeriod(spec.current)]),
    view_prev: previous ? hAnd([VIEW_EVENT, inPeriod(previous)]) : hConstant(false),
    goal_cur: spec.goal ? hAnd([spec.goal, inPeriod(spec.current)]) : hConstant(false),
    goal_prev: spec.goal && previous ? hAnd([spec.goal, inPeriod(previous)]) : hConstant(false),
    cur: flag(spec.current, 'n_cur', sessionIn(spec.current, 'session_cur')),
    prev: flag(previous, 'n_prev', sessionIn(previous, 'session_prev')),
    entry_page: bounceByEntry ? cleanPath(hField(SESSIONS_ALIAS, '$entry_pathname'), parts.rules) : hConstant(null),
    landed: !bounceByEntry ? hConstant(true) : fromSessions ? hField('landed') : hCompare('==', hField('breakdown_value'), hField('entry_page')),
    ...(joined && {
      previous_page: cleanPath(hField('properties', '$prev_pageview_pathname'), parts.rules),
      previous_page_where: bothPeriodsEvents(spec, PAGE_LEAVING, parts.previousPageFilters, [
        hCall('isNotNull', hField('properties', '$prev_pageview_pathname')),
      ]),
      scroll,
      event_cur: eventIn(spec.current),
      event_prev: eventIn(previous),
    }),
  });
  if (query.node !== 'SelectQuery') throw new HogQLError('unsupported', 'A stats table compiles to one SELECT');
  query.order_by = sortKeys(settings).map(([column, direction]): HOrderExpr => ({ node: 'OrderExpr', expr: hField(column), order: direction }));
  query.limit = hConstant(settings.limit + 1);
  query.offset = hConstant(settings.offset);
  return query;
}

/** The views after each period's end (web-spec.ts lateViews), for the sessions-alone rows of both periods. */
async function lateViewsOfBoth(spec: WebSpec, now: Date) {
  const lateCur = await lateViews(spec.current, now);
  const latePrev = spec.previous ? await lateViews(spec.previous, now) : hConstant(false);
  return { late_cur: lateCur, late_prev: latePrev, late_any: hOr([lateCur, latePrev]) };
}

/** Part `index` of a view of `sessions.$page_views`: 1 its uuid, 2 its time, 3 its path. */
const viewPart = (index: number) => hCall('tupleElement', hField('pv'), hConstant(index));

/** The Page table's rows from sessions: which sessions and which of their views are unrolled, each period's session flag. */
function pageFromSessions(spec: WebSpec) {
  const periods = [spec.current, ...(spec.previous ? [spec.previous] : [])];
  const started = (range: typeof spec.previous) => (range ? inPeriod(range, hField(SESSIONS_ALIAS, '$start_timestamp')) : hConstant(false));
  return {
    session_in_periods: hOr(periods.map(started)),
    view_in_periods: hOr(periods.map((range) => inPeriod(range, viewPart(2)))),
    session_cur: started(spec.current),
    session_prev: started(spec.previous),
  };
}
