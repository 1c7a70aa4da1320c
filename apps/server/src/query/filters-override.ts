import { parseError } from './query-errors.js';

/** PostHog's `DashboardFilter`, as `/query/` accepts it in `filters_override`. */
export interface FiltersOverride {
  date_from?: string | null;
  date_to?: string | null;
  explicitDate?: boolean | null;
  properties?: unknown[] | null;
  breakdown_filter?: Record<string, unknown> | null;
}

const DATED_INSIGHTS = new Set(['TrendsQuery', 'FunnelsQuery', 'RetentionQuery', 'PathsQuery', 'StickinessQuery', 'LifecycleQuery']);
const BREAKDOWN_INSIGHTS = new Set(['TrendsQuery', 'FunnelsQuery', 'RetentionQuery']);
const ACTORS_WRAPPERS = new Set(['ActorsQuery', 'InsightActorsQuery', 'FunnelsActorsQuery', 'InsightActorsQueryOptions']);

type Node = Record<string, unknown> & { kind: string };

/**
 * Merges a dashboard's filters into a query as PostHog's `apply_dashboard_filters` does: a date in the override
 * replaces the whole date range, its properties are AND-ed with the query's, its breakdown replaces the query's.
 * Actors queries pass the override to the insight they open. Returns a new node; the input is not changed.
 * Example: applyFiltersOverride({ kind: 'TrendsQuery', … }, { date_from: '-30d' }).dateRange // { date_from: '-30d', date_to: null, … }
 */
export function applyFiltersOverride(node: Node, override: unknown): Node {
  if (override === undefined || override === null) return node;
  if (typeof override !== 'object' || Array.isArray(override)) throw parseError('filters_override must be an object');
  const filters = override as FiltersOverride;
  if (filters.properties !== undefined && filters.properties !== null && !Array.isArray(filters.properties)) {
    throw parseError('filters_override.properties must be a list');
  }
  return apply(node, filters);
}

function apply(node: Node, filters: FiltersOverride): Node {
  if (ACTORS_WRAPPERS.has(node.kind) && isNode(node.source)) return { ...node, source: apply(node.source, filters) };
  const hasDate = Boolean(filters.date_from || filters.date_to);
  const properties = filters.properties?.length ? filters.properties : null;
  if (DATED_INSIGHTS.has(node.kind)) {
    const next: Node = { ...node };
    if (hasDate) next.dateRange = { date_from: filters.date_from ?? null, date_to: filters.date_to ?? null, explicitDate: filters.explicitDate ?? false };
    if (properties) next.properties = combined(node.properties, properties);
    if (filters.breakdown_filter && BREAKDOWN_INSIGHTS.has(node.kind)) next.breakdownFilter = filters.breakdown_filter;
    return next;
  }
  if (node.kind === 'EventsQuery') {
    const next: Node = { ...node };
    if (hasDate) Object.assign(next, { after: filters.date_from ?? node.after, before: filters.date_to ?? node.before });
    if (properties) next.properties = combined(node.properties, properties);
    return next;
  }
  return node;
}

/** A list of filters is extended; a filter group is AND-ed with the override's filters. */
function combined(current: unknown, extra: unknown[]): unknown {
  if (current === undefined || current === null) return extra;
  if (Array.isArray(current)) return [...current, ...extra];
  return { type: 'AND', values: [current, { type: 'AND', values: extra }] };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).kind === 'string';
}
