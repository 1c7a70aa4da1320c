import { hAnd, hCompare, hConstant, hField } from '../hogql/hogql-ast.js';
import { dateWindow, resolvedDateRangeJson, type QueryDateRange } from '../insights/date-range.js';
import { templateSelect } from '../insights/hogql-template.js';
import type { InsightContext } from '../insights/insight-context.js';
import type { InsightPlan, StatementResult } from '../insights/insight-statement.js';
import { compileWebStatement, SESSIONS_ALIAS } from './web-session-join.js';
import { liveSessionDays, readsRollupRows, rolledRows, rollupDaysFor, type TakenDay } from './web-rollups.js';
import { VIEW_EVENT, lateViews, periodEvents, readWebQuery, sessionWindowOf, type WebQueryBase, type WebSpec } from './web-spec.js';

export interface WebOverviewQuery extends WebQueryBase {
  kind: 'WebOverviewQuery';
  includeRevenue?: boolean | null;
}

/** One figure of the overview, as PostHog shapes it. */
export interface WebOverviewItem {
  key: string;
  kind: 'unit' | 'duration_s' | 'percentage';
  value: number | null;
  previous: number | null;
  changeFromPreviousPct: number | null;
  isIncreaseBad?: boolean;
}

// Events grouped per session first (the period's views, or conversions), then joined to their sessions: sessions
// count for the period their first event falls in, visitors are the sessions' persons after merges, bots' sessions
// are left out. Grouping before the join reads each session once instead of once per event.
const PER_SESSION = (figures: string) => `
  SELECT ${figures}
  FROM (
    SELECT $session_id AS session_id, countIf({is_view}) AS views, countIf({is_goal}) AS conversions
    FROM events
    WHERE {where}
    GROUP BY $session_id
    HAVING {kept}
  ) AS e
  INNER JOIN sessions AS s ON s.session_id = e.session_id
  WHERE {started} AND NOT s.$is_bot`;

const OVERVIEW = PER_SESSION(`
    uniq(s.person_id) AS visitors,
    sum(e.views) AS views,
    count() AS sessions,
    avg(s.$session_duration) AS duration,
    avg(s.$is_bounce) AS bounce_rate`);

const CONVERSIONS = PER_SESSION(`
    uniq(s.person_id) AS visitors,
    sum(e.conversions) AS total_conversions,
    uniqIf(s.person_id, e.conversions > 0) AS unique_conversions`);

// Without filters or a goal, every view of a session begun in the period is in it unless it came after the period's
// end: the sessions model's own counts, less those late views (none when the period ends now), give the same figures
// without reading the period's events. The late views are looked for only up to the last end of these sessions.
const SESSION_ROWS = `
    SELECT
      s.person_id AS person_id,
      toInt64(s.$pageview_count) + toInt64(s.$screen_count) - ifNull(l.late, 0) AS session_views,
      s.$session_duration AS duration,
      s.$is_bounce AS bounce
    FROM sessions AS s
    LEFT JOIN (
      SELECT $session_id AS session_id, toInt64(count()) AS late
      FROM events
      WHERE {late}
      GROUP BY $session_id
    ) AS l ON l.session_id = s.session_id
    WHERE {started} AND NOT s.$is_bot`;

const FROM_SESSIONS = `
  SELECT
    uniq(person_id) AS visitors,
    sum(session_views) AS views,
    count() AS sessions,
    avg(duration) AS duration,
    avg(bounce) AS bounce_rate
  FROM (${SESSION_ROWS})
  WHERE session_views > 0`;

// The same figures with the days a rollup stands for taken from it (web-rollups.ts) and the sessions of the other
// days read as above: visitors merged as uniq states, the rest summed.
const FROM_ROLLUPS_AND_SESSIONS = `
  SELECT
    uniqMerge(day_visitors) AS visitors,
    sum(day_views) AS views,
    sum(day_sessions) AS sessions,
    sum(day_duration) / sum(day_sessions) AS duration,
    sum(day_bounces) / sum(day_sessions) AS bounce_rate
  FROM (
    SELECT visitors AS day_visitors, views AS day_views, sessions AS day_sessions, duration_sum AS day_duration, bounces AS day_bounces
    FROM web_sessions_daily
    WHERE {rolled}
    UNION ALL
    SELECT
      uniqState(person_id) AS day_visitors,
      toInt64(sum(session_views)) AS day_views,
      count() AS day_sessions,
      toInt64(sum(duration)) AS day_duration,
      toUInt64(sum(bounce)) AS day_bounces
    FROM (${SESSION_ROWS})
    WHERE session_views > 0
  )`;

/**
 * Compiles a WebOverviewQuery: visitors, views, sessions, average session duration and bounce rate of the sessions
 * that started in the range (or, with a conversion goal, visitors, total and unique conversions and the conversion
 * rate), for the period and, with compare, the one before; sessions from bots are left out.
 * @example await planWebOverview({ kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [] }, ctx)
 */
export async function planWebOverview(query: WebOverviewQuery, ctx: InsightContext): Promise<InsightPlan<WebOverviewItem[]>> {
  const spec = await readWebQuery(query, ctx);
  const periods = [spec.current, ...(spec.previous ? [spec.previous] : [])];
  const statements = [];
  for (const range of periods) {
    // Rollups stand for whole days of sessions, which filters and goals would have to look inside.
    const used = spec.filters.length === 0 && !spec.goal ? rollupDaysFor(ctx.webRollupDays ?? [], range) : [];
    const window = used.length === 0 ? sessionWindowOf(range) : { ...sessionWindowOf(range), days: liveSessionDays([range], used) };
    statements.push(compileWebStatement(await periodQuery(spec, range, ctx, used), ctx, window));
  }
  return {
    statements,
    shape: (results) => (spec.goal ? shapeConversions(results) : shapeOverview(results)),
    extra: { samplingRate: { numerator: 1 }, dateFrom: spec.current.from.toISOString(), dateTo: spec.current.to.toISOString(), resolved_date_range: resolvedDateRangeJson(spec.current) },
  };
}

async function periodQuery(spec: WebSpec, range: QueryDateRange, ctx: InsightContext, rolled: readonly TakenDay[]) {
  const started = hAnd(dateWindow(range, hField(SESSIONS_ALIAS, '$start_timestamp')));
  if (spec.goal) {
    const fill = { is_view: VIEW_EVENT, is_goal: spec.goal, where: periodEvents(spec, range, [], false), kept: hConstant(true), started };
    return templateSelect(CONVERSIONS, fill);
  }
  if (spec.filters.length === 0) {
    const late = await lateViews(range, ctx.now);
    return readsRollupRows(rolled) ? templateSelect(FROM_ROLLUPS_AND_SESSIONS, { late, started, rolled: rolledRows(rolled) }) : templateSelect(FROM_SESSIONS, { late, started });
  }
  // Sessions count only when they had a view in the period (the filters may have removed them all).
  const kept = hCompare('>', hField('views'), hConstant(0));
  return templateSelect(OVERVIEW, { is_view: VIEW_EVENT, is_goal: hConstant(false), where: periodEvents(spec, range, [], false), kept, started });
}

function row(result: StatementResult | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  result?.columns.forEach((c, i) => {
    const v = result.rows[0]?.[i];
    const n = v === null || v === undefined ? null : Number(v);
    out[c.name] = n === null || Number.isNaN(n) ? null : n;
  });
  return out;
}

/** `round(100 * (value - previous) / previous)`, null without a previous value or when it is zero. */
export function changeFromPreviousPct(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return Math.round((100 * (value - previous)) / previous);
}

function item(key: string, kind: WebOverviewItem['kind'], value: number | null, previous: number | null | undefined, isIncreaseBad?: boolean): WebOverviewItem {
  const prev = previous === undefined ? null : previous;
  return { key, kind, value, previous: prev, changeFromPreviousPct: changeFromPreviousPct(value, prev), ...(isIncreaseBad !== undefined && { isIncreaseBad }) };
}

function shapeOverview(results: readonly StatementResult[]): WebOverviewItem[] {
  const now = row(results[0]);
  const before = results[1] ? row(results[1]) : undefined;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v * 100);
  const emptyToNull = (r: Record<string, number | null> | undefined, key: string) => (r && r.sessions ? r[key] : r ? null : undefined);
  return [
    item('visitors', 'unit', now.visitors ?? 0, before?.visitors),
    item('views', 'unit', now.views ?? 0, before?.views),
    item('sessions', 'unit', now.sessions ?? 0, before?.sessions),
    item('session duration', 'duration_s', emptyToNull(now, 'duration') ?? null, emptyToNull(before, 'duration')),
    item('bounce rate', 'percentage', pct(emptyToNull(now, 'bounce_rate')), before ? pct(emptyToNull(before, 'bounce_rate')) : undefined, true),
  ];
}

function shapeConversions(results: readonly StatementResult[]): WebOverviewItem[] {
  const now = row(results[0]);
  const before = results[1] ? row(results[1]) : undefined;
  const rate = (r: Record<string, number | null>) => (r.visitors ? (100 * (r.unique_conversions ?? 0)) / r.visitors : null);
  return [
    item('visitors', 'unit', now.visitors ?? 0, before?.visitors),
    item('total conversions', 'unit', now.total_conversions ?? 0, before?.total_conversions),
    item('unique conversions', 'unit', now.unique_conversions ?? 0, before?.unique_conversions),
    item('conversion rate', 'percentage', rate(now), before ? rate(before) : undefined),
  ];
}
