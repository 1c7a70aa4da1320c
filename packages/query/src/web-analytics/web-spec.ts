import { hAnd, hCall, hCompare, hConstant, hField, hNot, hOr, type HExpr } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import type { SessionWindow } from '../hogql/sessions-source.js';
import { constant } from '../sql/build.js';
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

/**
 * The events a period reads: inside it, in a session, not from a bot, passing the filters, and either a view or
 * (with a goal) a conversion. Sessions are attributed to a period by their start, checked by the caller's HAVING.
 */
export function periodEvents(spec: WebSpec, range: QueryDateRange, extra: HExpr[] = []): HExpr {
  return hAnd([
    ...dateWindow(range),
    hCall('notEmpty', hField('$session_id')),
    hNot(hField('session', '$is_bot')),
    spec.goal ? hOr([VIEW_EVENT, spec.goal]) : VIEW_EVENT,
    ...spec.filters,
    ...extra,
  ]);
}

/** `start` (a session's start, selected by the inner query) inside the period. */
export function sessionStartedIn(range: QueryDateRange): HExpr {
  return hAnd(dateWindow(range, hField('start')));
}

/** The sessions reads of a period are narrowed to sessions begun around it. */
export function sessionWindowOf(range: QueryDateRange): SessionWindow {
  return { from: constant(range.from), to: constant(range.to) };
}
