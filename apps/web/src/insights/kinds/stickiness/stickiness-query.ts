import { eventSeries, type Interval, type SeriesNode } from '../../series/series-model';

/** The StickinessQuery fields the builder edits (others a saved query holds are kept). */
export type StickinessQuery = {
  kind: 'StickinessQuery';
  series: SeriesNode[];
  interval?: Interval;
  dateRange?: { date_from?: string | null; date_to?: string | null };
  stickinessFilter?: { computedAs?: 'non_cumulative' | 'cumulative' | null; [field: string]: unknown } | null;
  compareFilter?: { compare?: boolean | null } | null;
  [field: string]: unknown;
};

/** One result of a StickinessQuery: persons by how many intervals they were active in. */
export interface StickinessResult {
  count: number;
  data: number[];
  /** The interval counts: 1, 2, 3, … */
  days: number[];
  labels: string[];
  label: string;
  action: { order: number } | null;
  compare_label?: 'current' | 'previous';
}

/** Pageviewers by days active over the last 30 days. */
export function defaultStickinessQuery(): StickinessQuery {
  return { kind: 'StickinessQuery', series: [eventSeries('$pageview')], interval: 'day', dateRange: { date_from: '-30d', date_to: null } };
}
