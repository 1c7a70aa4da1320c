import type { ChartSeries } from '../../../charts/TimeSeriesChart';
import type { InsightActorsSource } from '../insight-kind';
import type { TrendsQuery } from './trends-query';

/** One entry of a TrendsQuery response's `results`. */
export interface TrendResult {
  data: number[];
  labels: string[];
  days: string[];
  count: number;
  aggregated_value?: number;
  label: string;
  action: { order: number; name?: string | null } | null;
  breakdown_value?: unknown;
  compare?: boolean;
  compare_label?: 'current' | 'previous';
}

/** A row of the numbers under a chart: a series (or breakdown value, or previous period) over the intervals. */
export interface SeriesRowData {
  label: string;
  values: number[];
  total: number;
  /** Index of the result this row shows (to open its persons). */
  resultIndex: number;
  dashed: boolean;
}

/** What a series is called on a chart and in tables; the previous period of a comparison says so. */
export function resultLabel(result: Pick<TrendResult, 'label' | 'compare_label'>): string {
  return result.compare_label === 'previous' ? `${result.label} (previous period)` : result.label;
}

/**
 * The time-series rows of a response: labels of the current period (the previous one is drawn under them) and one
 * row per result, dashed for the previous period.
 * Example: timeSeriesRows(results).rows[0].values // results[0].data
 */
export function timeSeriesRows(results: readonly TrendResult[]): { labels: string[]; rows: SeriesRowData[] } {
  const current = results.find((r) => r.compare_label !== 'previous') ?? results[0];
  const labels = current?.labels ?? [];
  const rows = results.map((r, resultIndex) => ({
    label: resultLabel(r),
    values: r.data,
    total: r.count ?? r.data.reduce((a, b) => a + b, 0),
    resultIndex,
    dashed: r.compare_label === 'previous',
  }));
  return { labels, rows };
}

/** The chart's series for rows (the same order, so a clicked dataset index is a row index). */
export function chartSeries(rows: readonly SeriesRowData[]): ChartSeries[] {
  return rows.map((r) => ({ label: r.label, data: r.values, dashed: r.dashed }));
}

/** One value per result for number, table and pie displays. */
export function totalValues(results: readonly TrendResult[]): { label: string; value: number; resultIndex: number }[] {
  return results.map((r, resultIndex) => ({ label: resultLabel(r), value: r.aggregated_value ?? r.count ?? 0, resultIndex }));
}

/**
 * The InsightActorsQuery of a number: the result's series, breakdown value and period, and the clicked interval
 * (`dayIndex`, or null for the whole range). Null where there are no persons to list (formula results).
 * Example: actorsSourceFor(query, results[1], 3) // { kind: 'InsightActorsQuery', source: query, series: 0, day: '2024-05-04', breakdown: 'Chrome' }
 */
export function actorsSourceFor(query: TrendsQuery, result: TrendResult, dayIndex: number | null): InsightActorsSource | null {
  if (!result.action || query.trendsFilter?.formula) return null;
  const source: InsightActorsSource = { kind: 'InsightActorsQuery', source: query, series: result.action.order };
  if (dayIndex !== null) {
    const day = result.days[dayIndex];
    if (day === undefined) return null;
    source.day = day;
  }
  if (result.breakdown_value !== undefined) source.breakdown = result.breakdown_value;
  if (result.compare_label) source.compare = result.compare_label;
  return source;
}

/** The modal's title for a number: "Chrome on 3-May-2024", or the series alone for a whole-range number. */
export function actorsTitle(result: TrendResult, dayIndex: number | null): string {
  const when = dayIndex === null ? '' : ` on ${result.labels[dayIndex] ?? result.days[dayIndex]}`;
  return `Persons: ${resultLabel(result)}${when}`;
}

/**
 * The change from the previous period in percent, or null when there was nothing before.
 * Example: percentChange(15, 10) === 50
 */
export function percentChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}
