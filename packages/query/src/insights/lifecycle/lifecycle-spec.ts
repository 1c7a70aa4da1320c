import { HogQLError } from '../../hogql/hogql-error.js';
import type { PropertyFilters } from '../../hogql/property-filter.js';
import { resolveDateRange, type DateRange, type Interval, type QueryDateRange } from '../date-range.js';
import {
  checkDateRange,
  checkGroupTypeIndex,
  checkInterval,
  checkProperties,
  optionalBoolean,
  optionalEnum,
  optionalObject,
} from '../field-checks.js';
import type { InsightContext } from '../insight-context.js';
import { assertSeriesNode, type SeriesNode } from '../series.js';

/** The four statuses, in the order PostHog returns them. */
export const LIFECYCLE_STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** PostHog's `lifecycleFilter`; only `toggledLifecycles` is checked, the rest is display. */
export interface LifecycleFilter {
  toggledLifecycles?: LifecycleStatus[] | null;
  showLegend?: boolean | null;
  showValuesOnSeries?: boolean | null;
  stacked?: boolean | null;
}

/** PostHog's LifecycleQuery (rest-api.md 2.12). Other fields (modifiers, tags, …) are accepted and ignored. */
export interface LifecycleQuery {
  kind: 'LifecycleQuery';
  series?: SeriesNode[];
  interval?: Interval | null;
  dateRange?: DateRange | null;
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
  samplingFactor?: number | null;
  aggregation_group_type_index?: number | null;
  lifecycleFilter?: LifecycleFilter | null;
  [field: string]: unknown;
}

/** A checked LifecycleQuery with its range resolved. */
export interface LifecycleSpec {
  series: SeriesNode;
  range: QueryDateRange;
  /** Set when the query counts groups of this type instead of persons. */
  groupTypeIndex?: number;
  properties?: PropertyFilters;
  filterTestAccounts: boolean;
}

/**
 * Checks a LifecycleQuery (exactly one series, known interval and statuses, well-typed fields) and resolves its range.
 * @example readLifecycleQuery({ kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] }, ctx).range.buckets.length // => 8
 */
export function readLifecycleQuery(query: LifecycleQuery, ctx: InsightContext): LifecycleSpec {
  if (!query || typeof query !== 'object' || query.kind !== 'LifecycleQuery') {
    throw new HogQLError('unsupported', 'Expected a LifecycleQuery');
  }
  if (!Array.isArray(query.series) || query.series.length !== 1) {
    throw new HogQLError('unsupported', 'A LifecycleQuery takes exactly one series');
  }
  const series = assertSeriesNode(query.series[0], ctx);
  checkProperties(query.properties, 'properties');
  const filter = optionalObject<LifecycleFilter>(query.lifecycleFilter, 'lifecycleFilter');
  checkToggled(filter?.toggledLifecycles);
  if (query.samplingFactor !== undefined && query.samplingFactor !== null) {
    const factor = query.samplingFactor;
    if (typeof factor !== 'number' || !(factor > 0 && factor <= 1)) throw new HogQLError('unsupported', 'samplingFactor must be a number in (0, 1]');
  }
  const interval = checkInterval(query.interval);
  const range = resolveDateRange(checkDateRange(query.dateRange), interval, ctx);
  const spec: LifecycleSpec = { series, range, filterTestAccounts: optionalBoolean(query.filterTestAccounts, 'filterTestAccounts') };
  const groupTypeIndex = checkGroupTypeIndex(query.aggregation_group_type_index);
  if (groupTypeIndex !== undefined) spec.groupTypeIndex = groupTypeIndex;
  if (query.properties) spec.properties = query.properties;
  return spec;
}

/**
 * A status named by a client (`InsightActorsQuery.status`). @example checkStatus('dormant') // => 'dormant'
 */
export function checkStatus(value: unknown, name = 'status'): LifecycleStatus | undefined {
  return optionalEnum(value, name, LIFECYCLE_STATUSES);
}

function checkToggled(value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new HogQLError('unsupported', 'lifecycleFilter.toggledLifecycles must be a list');
  for (const status of value) checkStatus(status, 'lifecycleFilter.toggledLifecycles');
}
