import type { ChartSeries } from '../charts/TimeSeriesChart';

/** The part of a TrendsQuery result the chart reads. */
export interface ChartResult {
  data: number[];
  labels: string[];
  count?: number;
  label: string;
  compare_label?: 'current' | 'previous';
}

export interface VisitorsChartModel {
  labels: string[];
  /** Visitors and pageviews, then (comparing) the same two for the previous period, dashed. */
  series: (ChartSeries & { total: number })[];
}

/**
 * The chart's lines from the trends answer: current period first, previous dashed and named so.
 * Example: visitorsChartModel([{ label: 'Visitors', data: [1, 2], labels: ['a', 'b'] }]).series[0].total -> 3
 */
export function visitorsChartModel(results: readonly ChartResult[]): VisitorsChartModel {
  const current = results.filter((r) => r.compare_label !== 'previous');
  const previous = results.filter((r) => r.compare_label === 'previous');
  const line = (r: ChartResult, dashed: boolean) => ({
    label: dashed ? `${r.label} (previous period)` : r.label,
    data: r.data,
    dashed,
    total: r.count ?? r.data.reduce((a, b) => a + b, 0),
  });
  return { labels: current[0]?.labels ?? [], series: [...current.map((r) => line(r, false)), ...previous.map((r) => line(r, true))] };
}

/** What the chart says to a screen reader: each line and its total over the range. */
export function chartSummary(model: VisitorsChartModel): string {
  return `Visitors and pageviews over time: ${model.series.map((s) => `${s.label} ${s.total}`).join(', ')}`;
}
