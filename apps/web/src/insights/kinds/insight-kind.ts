import type { ComponentType } from 'react';
import type { QueryResponse } from '../../api/run-query';

export type InsightKindName = 'TrendsQuery' | 'FunnelsQuery' | 'RetentionQuery' | 'PathsQuery' | 'StickinessQuery' | 'LifecycleQuery';

/** The query of a saved or edited insight: `{ kind, ...fields }` exactly as `/query/` takes it. */
export type InsightQuery = { kind: InsightKindName } & Record<string, any>;

/**
 * An ActorsQuery `source` for a clicked point: PostHog's `InsightActorsQuery` (`{ kind: 'InsightActorsQuery',
 * source: <insight query>, day?, series?, breakdown?, status?, funnelStep?, interval?, compare? }`).
 */
export type InsightActorsSource = { kind: 'InsightActorsQuery'; source: InsightQuery } & Record<string, unknown>;

export interface InsightEditorProps<Q extends InsightQuery = InsightQuery> {
  projectId: number;
  query: Q;
  onChange: (next: Q) => void;
}

export interface InsightResultProps<Q extends InsightQuery = InsightQuery> {
  projectId: number;
  query: Q;
  response: QueryResponse;
  /** Present where clicking a point should list the persons behind it (not on shared or compact tiles). */
  onShowActors?: (source: InsightActorsSource, title: string) => void;
  /** Tiles draw smaller and without tables. */
  compact?: boolean;
}

/** One query kind in the insight builder: its label, a starting query, the editor and the result view. */
export interface InsightKindUi<Q extends InsightQuery = InsightQuery> {
  kind: Q['kind'];
  /** Tab label, e.g. "Trends". */
  label: string;
  defaultQuery(): Q;
  Editor: ComponentType<InsightEditorProps<Q>>;
  Result: ComponentType<InsightResultProps<Q>>;
  /**
   * Optional: why the query cannot run yet (e.g. "Pick an event for step 2"), or null when it can. The builder shows
   * the reason instead of sending a query the server would refuse.
   */
  validate?(query: Q): string | null;
  /** Optional: the builder offers "Compare to previous period" (`compareFilter`) for this kind. */
  supportsCompare?: boolean;
}
