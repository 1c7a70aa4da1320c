import { eventSeries, type Interval, type SeriesNode } from '../../series/series-model';

export const LIFECYCLE_STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** The LifecycleQuery fields the builder edits (others a saved query holds are kept). */
export type LifecycleQuery = {
  kind: 'LifecycleQuery';
  /** Exactly one series. */
  series: SeriesNode[];
  interval?: Interval;
  dateRange?: { date_from?: string | null; date_to?: string | null };
  lifecycleFilter?: { toggledLifecycles?: LifecycleStatus[] | null; [field: string]: unknown } | null;
  [field: string]: unknown;
};

/** One of the four results of a LifecycleQuery (dormant counts are negative). */
export interface LifecycleResult {
  data: number[];
  count: number;
  labels: string[];
  days: string[];
  label: string;
  status: LifecycleStatus;
}

/** Pageviewers' lifecycle by day over the last 30 days. */
export function defaultLifecycleQuery(): LifecycleQuery {
  return { kind: 'LifecycleQuery', series: [eventSeries('$pageview')], interval: 'day', dateRange: { date_from: '-30d', date_to: null } };
}
