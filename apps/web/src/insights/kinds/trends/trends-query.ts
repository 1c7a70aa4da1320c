import { eventSeries, type Interval, type SeriesNode } from '../../series/series-model';

export type BreakdownType = 'event' | 'person';

/** The TrendsQuery fields the builder edits (PostHog's schema; others a saved query holds are kept as they are). */
export type TrendsQuery = {
  kind: 'TrendsQuery';
  series: SeriesNode[];
  interval?: Interval;
  dateRange?: { date_from?: string | null; date_to?: string | null };
  properties?: unknown[];
  filterTestAccounts?: boolean;
  breakdownFilter?: { breakdown_type?: BreakdownType | string | null; breakdown?: string | number | null; breakdown_limit?: number | null } | null;
  trendsFilter?: { display?: TrendsDisplay | string | null; formula?: string | null; [field: string]: unknown } | null;
  compareFilter?: { compare?: boolean | null; compare_to?: string | null } | null;
  [field: string]: unknown;
};

export type TrendsDisplay = 'ActionsLineGraph' | 'ActionsBar' | 'BoldNumber' | 'ActionsTable' | 'ActionsPie';

export const DISPLAYS: readonly { value: TrendsDisplay; label: string }[] = [
  { value: 'ActionsLineGraph', label: 'Line chart' },
  { value: 'ActionsBar', label: 'Bar chart' },
  { value: 'BoldNumber', label: 'Number' },
  { value: 'ActionsTable', label: 'Table' },
  { value: 'ActionsPie', label: 'Pie chart' },
];

export const DEFAULT_BREAKDOWN_LIMIT = 25;

/** Pageviews by day over the last 7 days, as a line: where a new trends insight starts. */
export function defaultTrendsQuery(): TrendsQuery {
  return {
    kind: 'TrendsQuery',
    series: [eventSeries('$pageview')],
    interval: 'day',
    dateRange: { date_from: '-7d', date_to: null },
    trendsFilter: { display: 'ActionsLineGraph' },
  };
}

/** The display a query draws with (line unless it says otherwise). */
export function displayOf(query: Pick<TrendsQuery, 'trendsFilter'>): string {
  return query.trendsFilter?.display ?? 'ActionsLineGraph';
}

/** Displays that show one number per series over the whole range instead of a value per interval. */
export function isTotalValueDisplay(display: string): boolean {
  return display === 'BoldNumber' || display === 'ActionsTable' || display === 'ActionsPie' || display === 'ActionsBarValue' || display === 'WorldMap';
}

/**
 * The query with a trendsFilter field set, or removed when blank (an empty formula means none).
 * Example: withTrendsFilter(q, 'formula', '').trendsFilter?.formula === undefined
 */
export function withTrendsFilter(query: TrendsQuery, field: string, value: unknown): TrendsQuery {
  const filter = { ...(query.trendsFilter ?? {}) };
  if (value === undefined || value === null || value === '') delete filter[field];
  else filter[field] = value;
  return { ...query, trendsFilter: filter };
}

/**
 * The query broken down by one event or person property (limit kept), or not at all for an empty property.
 * Example: withBreakdown(q, 'event', '$browser', 10).breakdownFilter // { breakdown_type: 'event', breakdown: '$browser', breakdown_limit: 10 }
 */
export function withBreakdown(query: TrendsQuery, type: BreakdownType, property: string, limit: number | null): TrendsQuery {
  const { breakdownFilter: _old, ...rest } = query;
  if (property.trim() === '') return rest as TrendsQuery;
  return {
    ...rest,
    breakdownFilter: { breakdown_type: type, breakdown: property, ...(limit && limit !== DEFAULT_BREAKDOWN_LIMIT ? { breakdown_limit: limit } : {}) },
  } as TrendsQuery;
}
