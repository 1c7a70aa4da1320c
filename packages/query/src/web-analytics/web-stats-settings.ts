import { HogQLError } from '../hogql/hogql-error.js';
import { optionalBoolean, optionalInteger } from '../insights/field-checks.js';
import { isWebStatsBreakdown, WEB_STATS_BREAKDOWNS, type WebStatsBreakdown } from './web-breakdowns.js';
import type { WebQueryBase } from './web-spec.js';

/** PostHog's WebStatsTableQuery (rest-api.md 2.15). */
export interface WebStatsTableQuery extends WebQueryBase {
  kind: 'WebStatsTableQuery';
  breakdownBy: WebStatsBreakdown;
  includeBounceRate?: boolean | null;
  includeScrollDepth?: boolean | null;
  includeAvgTimeOnPage?: boolean | null;
  limit?: number | null;
  offset?: number | null;
  orderBy?: readonly unknown[] | null;
  samplingFactor?: number | null;
}

/** A metric column of the table, by its SQL alias; PostHog's column name is `context.columns.<metric>`. */
export type WebStatsMetric =
  | 'visitors'
  | 'views'
  | 'bounce_rate'
  | 'average_scroll_percentage'
  | 'scroll_gt80_percentage'
  | 'avg_time_on_page'
  | 'total_conversions'
  | 'unique_conversions'
  | 'conversion_rate';

/** PostHog's `WebAnalyticsOrderByFields`, with the column each one sorts (none: not a column of these tables). */
const ORDER_FIELDS: Readonly<Record<string, WebStatsMetric | null>> = {
  Visitors: 'visitors',
  Views: 'views',
  BounceRate: 'bounce_rate',
  AverageScrollPercentage: 'average_scroll_percentage',
  ScrollGt80Percentage: 'scroll_gt80_percentage',
  TotalConversions: 'total_conversions',
  UniqueConversions: 'unique_conversions',
  ConversionRate: 'conversion_rate',
  ConvertingUsers: 'unique_conversions',
  Clicks: null,
  RageClicks: null,
  DeadClicks: null,
  Errors: null,
};

export type OrderDirection = 'ASC' | 'DESC';

/** A WebStatsTableQuery read and checked. */
export interface WebStatsSettings {
  breakdown: WebStatsBreakdown;
  /** The metric columns, in PostHog's order. */
  metrics: readonly WebStatsMetric[];
  /** The asked sort column when the table has it, else null (the default order applies). */
  orderBy: WebStatsMetric | null;
  direction: OrderDirection;
  limit: number;
  offset: number;
}

export const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 10_000;
const MAX_OFFSET = 1_000_000;

/**
 * Checks a WebStatsTableQuery's own fields and decides its columns: visitors, then views and (unless
 * `includeBounceRate` is false) bounce rate; scroll depth and time on page for the Page table when asked; with a
 * conversion goal, visitors and conversions instead. Unknown breakdowns, order fields and directions are refused.
 * @example readWebStatsSettings({ kind: 'WebStatsTableQuery', breakdownBy: 'Page' }, false).metrics // ['visitors', 'views', 'bounce_rate']
 */
export function readWebStatsSettings(query: WebStatsTableQuery, hasGoal: boolean): WebStatsSettings {
  if (!isWebStatsBreakdown(query.breakdownBy)) {
    throw bad(`breakdownBy must be one of ${WEB_STATS_BREAKDOWNS.join(', ')}; got ${shown(query.breakdownBy)}`);
  }
  const breakdown = query.breakdownBy;
  const bounce = query.includeBounceRate === undefined || query.includeBounceRate === null ? true : optionalBoolean(query.includeBounceRate, 'includeBounceRate');
  const scroll = optionalBoolean(query.includeScrollDepth, 'includeScrollDepth') && breakdown === 'Page';
  const timeOnPage = optionalBoolean(query.includeAvgTimeOnPage, 'includeAvgTimeOnPage') && breakdown === 'Page';
  const metrics: WebStatsMetric[] = hasGoal
    ? ['visitors', 'total_conversions', 'unique_conversions', 'conversion_rate']
    : [
        'visitors',
        'views',
        ...(bounce ? (['bounce_rate'] as const) : []),
        ...(scroll ? (['average_scroll_percentage', 'scroll_gt80_percentage'] as const) : []),
        ...(timeOnPage ? (['avg_time_on_page'] as const) : []),
      ];
  const asked = readOrderBy(query.orderBy);
  const column = asked ? ORDER_FIELDS[asked.field] : null;
  // A sort on a column this table lacks (clicks, or scroll depth not asked for) falls back to the default order.
  const orderBy = column !== null && metrics.includes(column) ? column : null;
  return {
    breakdown,
    metrics,
    orderBy,
    direction: orderBy && asked ? asked.direction : 'DESC',
    limit: optionalInteger(query.limit, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
    offset: optionalInteger(query.offset, 'offset', 0, MAX_OFFSET) ?? 0,
  };
}

/**
 * A web query's `orderBy`: one of PostHog's `WebAnalyticsOrderByFields` and a direction, or null when absent.
 * @example readOrderBy(['Views', 'ASC']) // => { field: 'Views', direction: 'ASC' }
 */
export function readOrderBy(orderBy: unknown): { field: string; direction: OrderDirection } | null {
  if (orderBy === undefined || orderBy === null) return null;
  if (!Array.isArray(orderBy) || orderBy.length !== 2) throw bad('orderBy must be [field, "ASC" | "DESC"]');
  const [field, direction] = orderBy;
  if (typeof field !== 'string' || !Object.hasOwn(ORDER_FIELDS, field)) {
    throw bad(`orderBy field must be one of ${Object.keys(ORDER_FIELDS).join(', ')}; got ${shown(field)}`);
  }
  if (direction !== 'ASC' && direction !== 'DESC') throw bad(`orderBy direction must be ASC or DESC; got ${shown(direction)}`);
  return { field, direction };
}

/**
 * The sort: the asked column first, then PostHog's tie-breakers in the same direction (unique and total conversions,
 * visitors, views, whichever the table has), then the value itself A→Z so pages of rows never overlap.
 * @example sortKeys(settings) // [['visitors', 'DESC'], ['views', 'DESC'], ['breakdown_value', 'ASC']]
 */
export function sortKeys(settings: WebStatsSettings): [column: string, direction: OrderDirection][] {
  const keys: [string, OrderDirection][] = settings.orderBy ? [[settings.orderBy, settings.direction]] : [];
  for (const tieBreaker of ['unique_conversions', 'total_conversions', 'visitors', 'views'] as const) {
    if (tieBreaker !== settings.orderBy && settings.metrics.includes(tieBreaker)) keys.push([tieBreaker, settings.direction]);
  }
  keys.push(['breakdown_value', 'ASC']);
  return keys;
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}

function shown(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 50) ?? String(value);
}
