import type { ChartSeries } from '../charts/TimeSeriesChart';
import type { QueryResponse } from '../api/run-query';

/** Days of history the usage chart covers. */
export const USAGE_DAYS = 30;

/**
 * The TrendsQuery behind a flag's usage chart: `$feature_flag_called` events for this flag per day over the last 30
 * days, one line per value the SDKs reported (`$feature_flag_response`: true, false, or a variant key).
 * Example: usageQuery('new-checkout').properties[0].value === 'new-checkout'
 */
export function usageQuery(flagKey: string) {
  return {
    kind: 'TrendsQuery' as const,
    series: [{ kind: 'EventsNode', event: '$feature_flag_called', name: '$feature_flag_called', math: 'total' }],
    interval: 'day',
    dateRange: { date_from: `-${USAGE_DAYS}d`, date_to: null },
    properties: [{ key: '$feature_flag', type: 'event', operator: 'exact', value: flagKey }],
    breakdownFilter: { breakdown: '$feature_flag_response', breakdown_type: 'event' },
    trendsFilter: { display: 'ActionsLineGraph' },
  };
}

export interface UsageChartData {
  labels: string[];
  series: ChartSeries[];
  /** Calls per reported value over the whole range, most first (the table beside the chart). */
  totals: { value: string; calls: number }[];
}

interface TrendRow {
  label?: string;
  labels?: string[];
  data?: number[];
  count?: number;
  breakdown_value?: unknown;
}

/**
 * The chart's lines and the totals table from a TrendsQuery response; empty series when no call was reported.
 * Example: usageChartData({ results: [{ labels: ['1-Nov'], data: [3], breakdown_value: 'true', count: 3 }] }).totals → [{ value: 'true', calls: 3 }]
 */
export function usageChartData(response: QueryResponse | undefined): UsageChartData {
  const rows = (Array.isArray(response?.results) ? response.results : []) as TrendRow[];
  const labels = rows[0]?.labels ?? [];
  const series = rows.map((row) => ({ label: responseLabel(row), data: row.data ?? [] }));
  const totals = rows
    .map((row) => ({ value: responseLabel(row), calls: row.count ?? (row.data ?? []).reduce((a, b) => a + b, 0) }))
    .filter((t) => t.calls > 0)
    .sort((a, b) => b.calls - a.calls);
  return { labels, series, totals };
}

/** What PostHog's trends use for "no value" and for the values past the breakdown limit. */
const NULL_BREAKDOWN = '$$_posthog_breakdown_null_$$';
const OTHER_BREAKDOWN = '$$_posthog_breakdown_other_$$';

/**
 * The value an SDK reported. No value means the SDK did not get the flag at all (disabled, deleted, or not loaded):
 * posthog-js reports `undefined` for a flag missing from its answer.
 */
function responseLabel(row: TrendRow): string {
  const value = row.breakdown_value;
  if (value === undefined || value === null || value === '' || value === NULL_BREAKDOWN) return NO_VALUE;
  if (value === OTHER_BREAKDOWN) return 'Other';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export const NO_VALUE = '(no value)';
