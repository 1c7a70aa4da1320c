import { HogQLError } from '../../hogql/hogql-error.js';
import type { PropertyFilters } from '../../hogql/property-filter.js';
import { breakdownsOf, DEFAULT_BREAKDOWN_LIMIT, type Breakdown, type BreakdownFilter } from '../breakdown.js';
import type { DateRange } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import type { InsightFilters } from '../insight-filters.js';
import { assertSeriesNode, entityToSeries, type RetentionEntity, type SeriesNode } from '../series.js';
import { RETENTION_PERIODS, type RetentionPeriod } from './retention-periods.js';

export const RETENTION_TYPES = ['retention_recurring', 'retention_first_time', 'retention_first_ever_occurrence'] as const;
export type RetentionType = (typeof RETENTION_TYPES)[number];

/** PostHog's `retentionFilter` (rest-api.md 2.9). Display-only fields are accepted and ignored. */
export interface RetentionFilter {
  retentionType?: RetentionType | null;
  period?: RetentionPeriod | null;
  totalIntervals?: number | null;
  targetEntity?: RetentionEntity | null;
  returningEntity?: RetentionEntity | null;
  retentionReference?: 'total' | 'previous' | null;
  cumulative?: boolean | null;
  minimumOccurrences?: number | null;
  timeWindowMode?: 'strict_calendar_dates' | '24_hour_windows' | null;
  aggregationType?: 'count' | 'sum' | 'avg' | null;
  retentionCustomBrackets?: number[] | null;
  [presentation: string]: unknown;
}

/** PostHog's RetentionQuery (rest-api.md 2.9). */
export interface RetentionQuery extends InsightFilters {
  kind: 'RetentionQuery';
  dateRange?: DateRange | null;
  retentionFilter?: RetentionFilter | null;
  breakdownFilter?: BreakdownFilter | null;
  aggregation_group_type_index?: number | null;
  samplingFactor?: number | null;
  properties?: PropertyFilters | null;
  filterTestAccounts?: boolean | null;
  [other: string]: unknown;
}

/** A validated RetentionQuery with PostHog's defaults filled in. */
export interface RetentionSpec {
  retentionType: RetentionType;
  period: RetentionPeriod;
  totalIntervals: number;
  target: SeriesNode;
  returning: SeriesNode;
  cumulative: boolean;
  minimumOccurrences: number;
  breakdown: Breakdown | null;
  breakdownLimit: number;
  /** Count groups of this type instead of persons. */
  groupTypeIndex: number | null;
  dateRange: DateRange | null;
  filters: InsightFilters;
}

export const DEFAULT_TOTAL_INTERVALS = 8;
/** Hourly retention over three weeks fits; the response grows with the square of this. */
export const MAX_TOTAL_INTERVALS = 500;
const MAX_MINIMUM_OCCURRENCES = 1_000_000;
const MAX_BREAKDOWN_LIMIT = 10_000;

/**
 * Validates a RetentionQuery and fills PostHog's defaults (recurring, Day, 8 intervals, `$pageview` entities).
 * @example parseRetentionQuery({ kind: 'RetentionQuery', retentionFilter: { period: 'Week' } }, ctx).totalIntervals // => 8
 */
export function parseRetentionQuery(query: unknown, ctx: InsightContext): RetentionSpec {
  const q = objectOrNull(query, 'query');
  if (!q || q.kind !== 'RetentionQuery') throw new HogQLError('unsupported', 'Expected a RetentionQuery');
  const filter = (objectOrNull(q.retentionFilter, 'retentionFilter') ?? {}) as RetentionFilter;
  assertPresentationOnly(filter, q as RetentionQuery);
  const breakdowns = breakdownsOf(objectOrNull(q.breakdownFilter, 'breakdownFilter') as BreakdownFilter | null);
  if (breakdowns.length > 1) throw new HogQLError('unsupported', 'Retention supports one breakdown');
  if (breakdowns[0]?.type === 'cohort') throw new HogQLError('unsupported', 'Cohort breakdowns are not supported in retention');
  for (const key of ['properties'] as const) {
    if (q[key] !== undefined && q[key] !== null && typeof q[key] !== 'object') {
      throw new HogQLError('unsupported', `${key} must be a list or group of property filters`);
    }
  }
  if (q.filterTestAccounts !== undefined && q.filterTestAccounts !== null && typeof q.filterTestAccounts !== 'boolean') {
    throw new HogQLError('unsupported', 'filterTestAccounts must be a boolean');
  }
  return {
    retentionType: oneOf(filter.retentionType, RETENTION_TYPES, 'retentionType') ?? 'retention_recurring',
    period: oneOf(filter.period, RETENTION_PERIODS, 'period') ?? 'Day',
    totalIntervals: integerIn(filter.totalIntervals, 1, MAX_TOTAL_INTERVALS, 'totalIntervals') ?? DEFAULT_TOTAL_INTERVALS,
    target: entity(filter.targetEntity, 'targetEntity', ctx),
    returning: entity(filter.returningEntity, 'returningEntity', ctx),
    cumulative: booleanOrNull(filter.cumulative, 'cumulative') ?? false,
    minimumOccurrences: integerIn(filter.minimumOccurrences, 1, MAX_MINIMUM_OCCURRENCES, 'minimumOccurrences') ?? 1,
    breakdown: breakdowns[0] ?? null,
    breakdownLimit:
      integerIn((q.breakdownFilter as BreakdownFilter | null)?.breakdown_limit, 1, MAX_BREAKDOWN_LIMIT, 'breakdown_limit') ??
      DEFAULT_BREAKDOWN_LIMIT,
    groupTypeIndex: integerIn(q.aggregation_group_type_index, 0, 4, 'aggregation_group_type_index'),
    dateRange: dateRangeOf(q.dateRange),
    filters: { properties: (q.properties as PropertyFilters | null | undefined) ?? null, filterTestAccounts: Boolean(q.filterTestAccounts) },
  };
}

/** Fields that would change the numbers in ways Warren does not compute are refused rather than ignored. */
function assertPresentationOnly(filter: RetentionFilter, query: RetentionQuery): void {
  oneOf(filter.retentionReference, ['total', 'previous'] as const, 'retentionReference');
  if (oneOf(filter.timeWindowMode, ['strict_calendar_dates', '24_hour_windows'] as const, 'timeWindowMode') === '24_hour_windows') {
    throw new HogQLError('unsupported', 'timeWindowMode 24_hour_windows is not supported; periods are calendar periods');
  }
  if ((oneOf(filter.aggregationType, ['count', 'sum', 'avg'] as const, 'aggregationType') ?? 'count') !== 'count') {
    throw new HogQLError('unsupported', 'Only aggregationType count is supported in retention');
  }
  if (Array.isArray(filter.retentionCustomBrackets) && filter.retentionCustomBrackets.length > 0) {
    throw new HogQLError('unsupported', 'retentionCustomBrackets are not supported');
  }
  const sampling = query.samplingFactor;
  if (sampling !== undefined && sampling !== null && sampling !== 1) {
    throw new HogQLError('unsupported', 'samplingFactor is not supported in retention');
  }
}

function entity(value: unknown, where: string, ctx: InsightContext): SeriesNode {
  const e = objectOrNull(value, where) as RetentionEntity | null;
  if (e) {
    oneOf(e.type, ['events', 'actions'] as const, `${where}.type`);
    oneOf(e.kind, ['EventsNode', 'ActionsNode'] as const, `${where}.kind`);
    if (e.id !== undefined && e.id !== null && typeof e.id !== 'string' && typeof e.id !== 'number') {
      throw new HogQLError('unsupported', `${where}.id must be an event name or an action id`);
    }
    const isAction = e.type === 'actions' || e.kind === 'ActionsNode';
    if (isAction && !(typeof e.id === 'number' || (typeof e.id === 'string' && /^\d+$/.test(e.id)))) {
      throw new HogQLError('unsupported', `${where}.id must be an action id`);
    }
    if (e.properties !== undefined && e.properties !== null && typeof e.properties !== 'object') {
      throw new HogQLError('unsupported', `${where}.properties must be a list of property filters`);
    }
  }
  return assertSeriesNode(entityToSeries(e), ctx, where);
}

function dateRangeOf(value: unknown): DateRange | null {
  const range = objectOrNull(value, 'dateRange');
  for (const key of ['date_from', 'date_to'] as const) {
    if (range?.[key] !== undefined && range[key] !== null && typeof range[key] !== 'string') {
      throw new HogQLError('unsupported', `dateRange.${key} must be a date string`);
    }
  }
  return range as DateRange | null;
}

function objectOrNull(value: unknown, name: string): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new HogQLError('unsupported', `${name} must be an object`);
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new HogQLError('unsupported', `${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function integerIn(value: unknown, min: number, max: number, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new HogQLError('unsupported', `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function booleanOrNull(value: unknown, name: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new HogQLError('unsupported', `${name} must be a boolean`);
  return value;
}
