import { hAnd, hCall, hCompare, hConstant, type HExpr } from '../hogql/hogql-ast.js';
import type { QueryDateRange } from '../insights/date-range.js';
import { resolvedDateRangeJson } from '../insights/date-range.js';
import { templateSelect } from '../insights/hogql-template.js';
import type { InsightContext } from '../insights/insight-context.js';
import { compileInsightStatement, type InsightPlan, type StatementResult } from '../insights/insight-statement.js';
import { VIEW_EVENT, periodEvents, readWebQuery, sessionStartedIn, sessionWindowOf, type WebQueryBase, type WebSpec } from './web-spec.js';

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

// Per session (grouped by $session_id over the period's events), then over sessions: sessions count by the period
// their first event falls in, visitors are the sessions' persons after merges.
const OVERVIEW = `
SELECT
  uniq(person_id) AS visitors,
  sum(views) AS views,
  count() AS sessions,
  avg(duration) AS duration,
  avg(bounce) AS bounce_rate
FROM (
  SELECT
    any(session.person_id) AS person_id,
    countIf({is_view}) AS views,
    any(session.$session_duration) AS duration,
    any(session.$is_bounce) AS bounce,
    any(session.$start_timestamp) AS start
  FROM events
  WHERE {where}
  GROUP BY $session_id
  HAVING {started}
)`;

const CONVERSIONS = `
SELECT
  uniq(person_id) AS visitors,
  sum(conversions) AS total_conversions,
  uniqIf(person_id, conversions > 0) AS unique_conversions
FROM (
  SELECT
    any(session.person_id) AS person_id,
    countIf({is_goal}) AS conversions,
    any(session.$start_timestamp) AS start
  FROM events
  WHERE {where}
  GROUP BY $session_id
  HAVING {started}
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
  for (const range of periods) statements.push(compileInsightStatement(await periodQuery(spec, range), ctx, sessionWindowOf(range)));
  return {
    statements,
    shape: (results) => (spec.goal ? shapeConversions(results) : shapeOverview(results)),
    extra: { samplingRate: { numerator: 1 }, dateFrom: spec.current.from.toISOString(), dateTo: spec.current.to.toISOString(), resolved_date_range: resolvedDateRangeJson(spec.current) },
  };
}

function periodQuery(spec: WebSpec, range: QueryDateRange) {
  if (spec.goal) {
    return templateSelect(CONVERSIONS, { is_goal: spec.goal, where: periodEvents(spec, range), started: sessionStartedIn(range) });
  }
  return templateSelect(OVERVIEW, { is_view: VIEW_EVENT, where: periodEvents(spec, range), started: hAnd([sessionStartedIn(range), viewed()]) });
}

/** Sessions count only when they had a view in the period (the filters may have removed them all). */
function viewed(): HExpr {
  return hCompare('>', hCall('countIf', VIEW_EVENT), hConstant(0));
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
