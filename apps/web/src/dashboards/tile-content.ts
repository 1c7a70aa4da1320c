import type { DashboardInsightApi } from '@warren/shared/dashboards-api';
import type { QueryResponse } from '../api/run-query';
import type { InsightKindName, InsightQuery } from '../insights/kinds/insight-kind';

const INSIGHT_KINDS: ReadonlySet<string> = new Set<InsightKindName>(['TrendsQuery', 'FunnelsQuery', 'RetentionQuery', 'PathsQuery', 'StickinessQuery', 'LifecycleQuery']);

/**
 * The insight query a tile draws: the source of the saved `InsightVizNode` (or a bare insight query), with the
 * dashboard's filters already merged in by the server. Null for queries the insight views cannot draw (SQL tables).
 * Example: tileInsightQuery({ query: { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', … } }, … })?.kind === 'TrendsQuery'
 */
export function tileInsightQuery(insight: Pick<DashboardInsightApi, 'query'>): InsightQuery | null {
  const query = insight.query;
  if (!query) return null;
  const node = query.kind === 'InsightVizNode' ? (query.source as Record<string, unknown> | undefined) : query;
  return node && typeof node.kind === 'string' && INSIGHT_KINDS.has(node.kind) ? (node as InsightQuery) : null;
}

/** Example: insightTitle({ name: null, derived_name: 'Pageview count' }) === 'Pageview count' */
export function insightTitle(insight: Pick<DashboardInsightApi, 'name' | 'derived_name'>): string {
  return insight.name?.trim() || insight.derived_name?.trim() || 'Untitled insight';
}

/**
 * The query response a shared tile draws, rebuilt from the insight's result fields: a shared link has no session to
 * run queries with, so the server computed the results. Example: sharedResponse(insight).results === insight.result
 */
export function sharedResponse(insight: DashboardInsightApi): QueryResponse {
  return {
    results: insight.result,
    columns: insight.columns ?? undefined,
    types: insight.types ?? undefined,
    hogql: insight.hogql ?? undefined,
    resolved_date_range: insight.resolved_date_range,
    timezone: insight.timezone,
    is_cached: insight.is_cached,
    last_refresh: insight.last_refresh ?? undefined,
  };
}

/** The oldest of some results' `last_refresh` times: how fresh the whole dashboard is. Null when none is known. */
export function oldestRefresh(times: readonly (string | null | undefined)[]): string | null {
  let oldest: string | null = null;
  for (const t of times) {
    if (!t || Number.isNaN(Date.parse(t))) continue;
    if (oldest === null || Date.parse(t) < Date.parse(oldest)) oldest = t;
  }
  return oldest;
}
