import type { ChartRow } from '../../result/SeriesChartView';
import type { InsightActorsSource } from '../insight-kind';
import { LIFECYCLE_STATUSES, type LifecycleQuery, type LifecycleResult, type LifecycleStatus } from './lifecycle-query';

const STATUS_WORDS: Record<LifecycleStatus, string> = {
  new: 'New',
  returning: 'Returning',
  resurrecting: 'Resurrecting',
  dormant: 'Dormant',
};

/**
 * Stacked-bar rows of a lifecycle response in PostHog's order (new, returning, resurrecting, dormant), leaving out
 * statuses the query hides (`toggledLifecycles`); dormant stays negative so it hangs below the axis.
 * Example: lifecycleRows(results, query).rows.map((r) => r.label) // ['New', 'Returning', 'Resurrecting', 'Dormant']
 */
export function lifecycleRows(results: readonly LifecycleResult[], query: Pick<LifecycleQuery, 'lifecycleFilter'>): { labels: string[]; rows: (ChartRow & { status: LifecycleStatus })[] } {
  const shown = query.lifecycleFilter?.toggledLifecycles?.length ? query.lifecycleFilter.toggledLifecycles : LIFECYCLE_STATUSES;
  const rows = LIFECYCLE_STATUSES.filter((s) => shown.includes(s)).flatMap((status) => {
    const result = results.find((r) => r.status === status);
    return result ? [{ label: STATUS_WORDS[status], values: result.data, total: result.count, status }] : [];
  });
  return { labels: results[0]?.labels ?? [], rows };
}

/** The persons of one status in one interval. */
export function lifecycleActorsSource(query: LifecycleQuery, results: readonly LifecycleResult[], status: LifecycleStatus, index: number): InsightActorsSource | null {
  const day = results.find((r) => r.status === status)?.days[index];
  return day === undefined ? null : { kind: 'InsightActorsQuery', source: query, day, status };
}

/** The query showing only some statuses (all when every one is on). */
export function withToggledStatuses(query: LifecycleQuery, statuses: readonly LifecycleStatus[]): LifecycleQuery {
  const filter = { ...(query.lifecycleFilter ?? {}) };
  if (statuses.length === LIFECYCLE_STATUSES.length) delete filter.toggledLifecycles;
  else filter.toggledLifecycles = LIFECYCLE_STATUSES.filter((s) => statuses.includes(s));
  return { ...query, lifecycleFilter: filter };
}
