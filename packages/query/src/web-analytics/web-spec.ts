import { hAnd, hCall, hCompare, hConstant, hField, hNot, hOr, type HExpr } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import type { SessionWindow } from '../hogql/sessions-source.js';
import { constant } from '../sql/build.js';
import { MAX_FUTURE_MS } from '../insights/event-time-limits.js';
import { templateSelect } from '../insights/hogql-template.js';
import { dateWindow, previousDateRange, resolveDateRange, type DateRange, type QueryDateRange } from '../insights/date-range.js';
import type { InsightContext } from '../insights/insight-context.js';
import { insightFilterConditions } from '../insights/insight-filters.js';
import { seriesCondition } from '../insights/series.js';
import type { PropertyFilters } from '../hogql/property-filter.js';

/** `conversionGoal` of the web queries: a saved action or a custom event. */
export type ConversionGoal = { actionId: number } | { customEventName: string };

/** The fields every web analytics query shares (rest-api.md 2.14, 2.15). */
export interface WebQueryBase {
  dateRange?: DateRange | null;
  properties?: PropertyFilters | null;
  compareFilter?: { compare?: boolean | null; compare_to?: string | null } | null;
  conversionGoal?: ConversionGoal | null;
  filterTestAccounts?: boolean | null;
  doPathCleaning?: boolean | null;
}

/** A web query read and checked: its periods, its event conditions and its goal. */
export interface WebSpec {
  current: QueryDateRange;
  previous: QueryDateRange | null;
  /** Conditions on the events (and their person and session) from `properties` and the test-account filters. */
  filters: HExpr[];
  /** The goal's condition on an event, when there is a goal. */
  goal: HExpr | null;
}

/**
 * Reads the shared fields: the range (7 days by default, day resolution), the previous period with compare, the
 * property and test-account filters, and the conversion goal. Unknown goal shapes are refused.
 * @example await readWebQuery({ dateRange: { date_from: '-30d' }, properties: [] }, ctx)
 */
export async function readWebQuery(query: WebQueryBase, ctx: InsightContext): Promise<WebSpec> {
  const current = resolveDateRange(query.dateRange ?? { date_from: '-7d' }, 'day', ctx);
  const previous = query.compareFilter?.compare ? previousDateRange(current, query.compareFilter.compare_to, ctx) : null;
  const filters = await insightFilterConditions({ properties: query.properties ?? [], filterTestAccounts: query.filterTestAccounts }, ctx);
  return { current, previous, filters, goal: await goalCondition(query.conversionGoal, ctx) };
}

async function goalCondition(goal: ConversionGoal | null | undefined, ctx: InsightContext): Promise<HExpr | null> {
  if (!goal) return null;
  if ('customEventName' in goal && typeof goal.customEventName === 'string' && goal.customEventName !== '') {
    return hCompare('==', hField('event'), hConstant(goal.customEventName));
  }
  if ('actionId' in goal && Number.isInteger(goal.actionId)) {
    return (await seriesCondition({ kind: 'ActionsNode', id: goal.actionId }, ctx)) ?? hConstant(true);
  }
  throw new HogQLError('unsupported', 'conversionGoal must be {actionId} or {customEventName}');
}

/** Page views and screen views: what web analytics counts as views. */
export const VIEW_EVENT = hCall('in', hField('event'), hCall('tuple', hConstant('$pageview'), hConstant('$screen')));

/** The events web analytics counts for `spec`: with a goal, views and conversions; else views. */
export function countedEvent(spec: Pick<WebSpec, 'goal'>): HExpr {
  return spec.goal ? hOr([VIEW_EVENT, spec.goal]) : VIEW_EVENT;
}

/**
 * The events a period reads: inside it, in a session, not from a bot (unless `botCheck` is false: the caller checks
 * the joined session), passing the filters, and either a view or (with a goal) a conversion. Sessions are attributed
 * to a period by their start, checked by the caller.
 */
export function periodEvents(spec: WebSpec, range: QueryDateRange, extra: HExpr[] = [], botCheck = true): HExpr {
  return webEvents(hAnd(dateWindow(range)), countedEvent(spec), spec.filters, extra, botCheck);
}

/**
 * The events a query over both periods reads (the current one and, with compare, the previous one): `counted`
 * events in a session, not from a bot, passing `filters`.
 */
export function bothPeriodsEvents(spec: WebSpec, counted: HExpr, filters: readonly HExpr[] = spec.filters, extra: HExpr[] = [], botCheck = true): HExpr {
  return webEvents(hOr([inPeriod(spec.current), ...(spec.previous ? [inPeriod(spec.previous)] : [])]), counted, filters, extra, botCheck);
}

function webEvents(window: HExpr, counted: HExpr, filters: readonly HExpr[], extra: HExpr[], botCheck: boolean): HExpr {
  const notBot = botCheck ? [hNot(hField('session', '$is_bot'))] : [];
  return hAnd([window, hCall('notEmpty', hField('$session_id')), ...notBot, counted, ...filters, ...extra]);
}

/**
 * `at` inside the period; constant false for an absent (not compared) period, so one statement can carry both
 * periods' figures side by side. @example inPeriod(spec.previous, hField('start'))
 */
export function inPeriod(range: QueryDateRange | null, at: HExpr = hField('timestamp')): HExpr {
  return range ? hAnd(dateWindow(range, at)) : hConstant(false);
}

/** The sessions reads of a period are narrowed to sessions begun around it. */
export function sessionWindowOf(range: Pick<QueryDateRange, 'from' | 'to'>): SessionWindow {
  return { from: constant(range.from), to: constant(range.to) };
}

/** The sessions reads of both periods: from the earlier start to the later end. */
export function sessionWindowOfBoth(spec: WebSpec): SessionWindow {
  const ranges = [spec.current, ...(spec.previous ? [spec.previous] : [])];
  const from = new Date(Math.min(...ranges.map((r) => r.from.getTime())));
  const to = new Date(Math.max(...ranges.map((r) => r.to.getTime())));
  return sessionWindowOf({ from, to });
}

/**
 * Views after the period's end, up to a bound that lets the read skip days: no event is stored later than the moment
 * asked plus MAX_FUTURE_MS (ingestion clamps later times), which is the bound when that is close to the period's end
 * (a period ending today: the read is a few hours of the key, usually none); else the last end of a session begun in
 * the period, which costs a read of the sessions.
 */
export async function lateViews(range: QueryDateRange, now: Date): Promise<HExpr> {
  const latestStored = new Date(now.getTime() + MAX_FUTURE_MS);
  const bound =
    latestStored.getTime() - range.to.getTime() <= LATE_SCAN_LIMIT_MS
      ? hConstant(latestStored)
      : await templateSelect('SELECT max($end_timestamp) FROM sessions WHERE {started}', { started: hAnd(dateWindow(range, hField('$start_timestamp'))) });
  return hAnd([hCompare('>', hField('timestamp'), hConstant(range.to)), hCompare('<=', hField('timestamp'), bound), hCall('notEmpty', hField('$session_id')), VIEW_EVENT]);
}

/** How much of the events after a period's end a web query reads rather than look up its sessions' last end. */
const LATE_SCAN_LIMIT_MS = 2 * 86_400_000;
