import type { ChartRow } from '../../result/SeriesChartView';
import type { InsightActorsSource } from '../insight-kind';
import type { StickinessQuery, StickinessResult } from './stickiness-query';

/**
 * Chart rows of a stickiness response: persons by number of active intervals, one row per series (and period).
 * Example: stickinessRows(results).labels // ['1 day', '2 days', …]
 */
export function stickinessRows(results: readonly StickinessResult[]): { labels: string[]; rows: ChartRow[] } {
  return {
    labels: results[0]?.labels ?? [],
    rows: results.map((r) => ({
      label: r.compare_label === 'previous' ? `${r.label} (previous period)` : r.label,
      values: r.data,
      total: r.count,
      dashed: r.compare_label === 'previous',
    })),
  };
}

/** The persons active in exactly `days[index]` intervals for one result's series (and period). */
export function stickinessActorsSource(query: StickinessQuery, result: StickinessResult, index: number): InsightActorsSource | null {
  const day = result.days[index];
  if (day === undefined || !result.action) return null;
  return { kind: 'InsightActorsQuery', source: query, day, series: result.action.order, ...(result.compare_label ? { compare: result.compare_label } : {}) };
}
