import { HogQLError } from '../../hogql/hogql-error.js';
import type { PropertyFilters } from '../../hogql/property-filter.js';
import { previousDateRange, resolveDateRange, type DateRange, type Interval, type QueryDateRange } from '../date-range.js';
import {
  checkDateRange,
  checkGroupTypeIndex,
  checkInterval,
  checkProperties,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalObject,
} from '../field-checks.js';
import type { InsightContext } from '../insight-context.js';
import { assertSeriesNode, type SeriesNode } from '../series.js';

export type StickinessOperator = 'gte' | 'lte' | 'exact';
const OPERATORS: readonly StickinessOperator[] = ['gte', 'lte', 'exact'];
const MAX_INTERVAL_COUNT = 10_000;
const MAX_CRITERIA_VALUE = 1_000_000_000;

/** PostHog's `stickinessFilter`; only `computedAs` and `stickinessCriteria` change the numbers. */
export interface StickinessFilter {
  computedAs?: 'non_cumulative' | 'cumulative' | null;
  stickinessCriteria?: { operator: StickinessOperator; value: number } | null;
  display?: string | null;
  showLegend?: boolean | null;
  showValuesOnSeries?: boolean | null;
  hiddenLegendIndexes?: number[] | null;
}

/** PostHog's StickinessQuery (rest-api.md 2.11). Other fields (modifiers, tags, …) are accepted and ignored. */
export interface StickinessQuery {
  kind: 'StickinessQuery';
  series?: SeriesNode[];
  interval?: Interval | null;
  intervalCount?: number | null;
  dateRange?: DateRange | null;
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
  compareFilter?: { compare?: boolean | null; compare_to?: string | null } | null;
  stickinessFilter?: StickinessFilter | null;
  aggregation_group_type_index?: number | null;
  [field: string]: unknown;
}

/** A checked StickinessQuery with its ranges resolved. */
export interface StickinessSpec {
  series: SeriesNode[];
  current: QueryDateRange;
  /** Set when `compareFilter.compare` asks for the previous period too. */
  previous?: QueryDateRange;
  /** How many intervals make one counted period (1 unless `intervalCount`). */
  intervalCount: number;
  cumulative: boolean;
  criteria?: { operator: StickinessOperator; value: number };
  groupTypeIndex?: number;
  properties?: PropertyFilters;
  filterTestAccounts: boolean;
}

/**
 * Checks a StickinessQuery (at least one series, known enums, numbers in range) and resolves its date ranges.
 * @example readStickinessQuery({ kind: 'StickinessQuery', series: [{ kind: 'EventsNode', event: 'x' }] }, ctx).current.buckets.length // => 8
 */
export function readStickinessQuery(query: StickinessQuery, ctx: InsightContext): StickinessSpec {
  if (!query || typeof query !== 'object' || query.kind !== 'StickinessQuery') {
    throw new HogQLError('unsupported', 'Expected a StickinessQuery');
  }
  if (!Array.isArray(query.series) || query.series.length === 0) {
    throw new HogQLError('unsupported', 'A StickinessQuery needs at least one series');
  }
  const series = query.series.map((node, index) => assertSeriesNode(node, ctx, `series[${index}]`));
  checkProperties(query.properties, 'properties');
  const filter = optionalObject<StickinessFilter>(query.stickinessFilter, 'stickinessFilter');
  const computedAs = optionalEnum(filter?.computedAs, 'stickinessFilter.computedAs', ['non_cumulative', 'cumulative'] as const);
  const compare = optionalObject<NonNullable<StickinessQuery['compareFilter']>>(query.compareFilter, 'compareFilter');
  const compareTo = compare?.compare_to;
  if (compareTo !== undefined && compareTo !== null && typeof compareTo !== 'string') throw new HogQLError('unsupported', 'compareFilter.compare_to must be a string');
  const current = resolveDateRange(checkDateRange(query.dateRange), checkInterval(query.interval), ctx);
  const spec: StickinessSpec = {
    series,
    current,
    intervalCount: optionalInteger(query.intervalCount, 'intervalCount', 1, MAX_INTERVAL_COUNT) ?? 1,
    cumulative: computedAs === 'cumulative',
    filterTestAccounts: optionalBoolean(query.filterTestAccounts, 'filterTestAccounts'),
  };
  if (optionalBoolean(compare?.compare, 'compareFilter.compare')) spec.previous = previousDateRange(current, compareTo, ctx);
  const criteria = readCriteria(filter?.stickinessCriteria);
  if (criteria) spec.criteria = criteria;
  const groupTypeIndex = checkGroupTypeIndex(query.aggregation_group_type_index);
  if (groupTypeIndex !== undefined) spec.groupTypeIndex = groupTypeIndex;
  if (query.properties) spec.properties = query.properties;
  return spec;
}

/**
 * How many periods (groups of `intervalCount` intervals) a range has: the length of `data`, `days` and `labels`.
 * @example periodCount(rangeOf7Days, 2) // => 4
 */
export function periodCount(range: QueryDateRange, intervalCount: number): number {
  return Math.ceil(range.buckets.length / intervalCount);
}

function readCriteria(value: unknown): StickinessSpec['criteria'] {
  const criteria = optionalObject<{ operator?: unknown; value?: unknown }>(value, 'stickinessFilter.stickinessCriteria');
  if (!criteria) return undefined;
  const operator = optionalEnum(criteria.operator, 'stickinessCriteria.operator', OPERATORS);
  const count = optionalInteger(criteria.value, 'stickinessCriteria.value', 0, MAX_CRITERIA_VALUE);
  if (!operator || count === undefined) throw new HogQLError('unsupported', 'stickinessCriteria needs an operator and a value');
  return { operator, value: count };
}
