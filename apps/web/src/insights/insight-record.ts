import type { InsightBasicApi } from '@warren/shared/insights-api';
import type { InsightKindName, InsightQuery } from './kinds/insight-kind';

/** Tab and list labels of the query kinds a saved insight can hold (kept here so the list needs no kind code). */
export const KIND_LABELS: Record<InsightKindName, string> = {
  TrendsQuery: 'Trends',
  FunnelsQuery: 'Funnels',
  RetentionQuery: 'Retention',
  PathsQuery: 'Paths',
  StickinessQuery: 'Stickiness',
  LifecycleQuery: 'Lifecycle',
};

function isKind(kind: unknown): kind is InsightKindName {
  return typeof kind === 'string' && Object.hasOwn(KIND_LABELS, kind);
}

/**
 * The insight query inside a saved insight's `query`: PostHog's builder wraps it as `{ kind: 'InsightVizNode', source }`;
 * a bare insight query is taken as is. Anything else (SQL insights, data tables) is not one the builder edits: null.
 * Example: insightSource({ kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: [] } })?.kind === 'TrendsQuery'
 */
export function insightSource(query: Record<string, unknown> | null | undefined): InsightQuery | null {
  if (!query) return null;
  const inner = query.kind === 'InsightVizNode' ? (query.source as Record<string, unknown> | undefined) : query;
  return inner && isKind(inner.kind) ? (inner as InsightQuery) : null;
}

/** The stored shape of a builder query. Example: wrapQuery(trends).source === trends */
export function wrapQuery(source: InsightQuery): { kind: 'InsightVizNode'; source: InsightQuery } {
  return { kind: 'InsightVizNode', source };
}

/** "Trends", "Funnels", … for a saved insight's query; "SQL" and friends for kinds the builder does not edit. */
export function insightKindLabel(query: Record<string, unknown> | null | undefined): string {
  const source = insightSource(query);
  if (source) return KIND_LABELS[source.kind];
  const inner = query?.kind === 'InsightVizNode' || query?.kind === 'DataTableNode' || query?.kind === 'DataVisualizationNode' ? (query.source as { kind?: string } | undefined) : query;
  if (inner?.kind === 'HogQLQuery') return 'SQL';
  return typeof inner?.kind === 'string' ? inner.kind : 'Empty';
}

/** The name to show for an insight: its name, else the derived one, else a placeholder. */
export function insightDisplayName(insight: Pick<InsightBasicApi, 'name' | 'derived_name'>): string {
  return insight.name?.trim() || insight.derived_name?.trim() || 'Untitled insight';
}

/** Who made an insight, as the list shows it. */
export function creatorName(insight: Pick<InsightBasicApi, 'created_by'>): string {
  const user = insight.created_by;
  if (!user) return '—';
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email;
}
