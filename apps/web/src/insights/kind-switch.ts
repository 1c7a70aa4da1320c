import type { InsightKindName, InsightQuery } from './kinds/insight-kind';
import { withoutMath, type SeriesNode } from './series/series-model';

/** Fields the builder's shared controls own: they follow the user from one kind's tab to another's. */
const SHARED_FIELDS = ['dateRange', 'properties', 'filterTestAccounts'] as const;
const COMPARING_KINDS = new Set<InsightKindName>(['TrendsQuery', 'StickinessQuery']);
const SERIES_KINDS = new Set<InsightKindName>(['TrendsQuery', 'StickinessQuery', 'LifecycleQuery']);

/**
 * The query shown on switching tabs from `current` to another kind, starting from `target` (that kind's earlier draft,
 * or its default when `fresh`). Date range, filters and test-account filtering always follow; comparison follows
 * between kinds that compare; a fresh trends, stickiness or lifecycle query also takes over the series and interval
 * (lifecycle takes one series; stickiness and lifecycle count persons, so maths are dropped).
 * Example: switchKind(trends, { kind: 'LifecycleQuery', series: [] }, true).series // trends' first series
 */
export function switchKind(current: InsightQuery, target: InsightQuery, fresh: boolean): InsightQuery {
  const next: InsightQuery = { ...target };
  for (const field of SHARED_FIELDS) {
    if (current[field] === undefined) delete next[field];
    else next[field] = current[field];
  }
  if (COMPARING_KINDS.has(next.kind)) {
    if (current.compareFilter === undefined || !COMPARING_KINDS.has(current.kind)) delete next.compareFilter;
    else next.compareFilter = current.compareFilter;
  }
  if (fresh && SERIES_KINDS.has(current.kind) && SERIES_KINDS.has(next.kind) && Array.isArray(current.series) && current.series.length > 0) {
    const series = current.series as SeriesNode[];
    const carried = next.kind === 'TrendsQuery' ? series : series.map(withoutMath);
    next.series = next.kind === 'LifecycleQuery' ? carried.slice(0, 1) : carried;
    if (current.interval) next.interval = current.interval;
  }
  return next;
}
