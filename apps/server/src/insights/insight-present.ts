import { userViews, type UserView } from '../actions/action-view.js';
import type { InsightTileRef, TileRepository } from '../dashboards/tile-repository.js';
import type { Project } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { insightResult, queryWithFilters, type InsightQueryDeps, type InsightRefresh } from './insight-query.js';
import type { InsightRecord } from './insight-repository.js';
import { insightBasicView, insightView } from './insight-view.js';

export interface InsightPresentDeps {
  db: MetaDb;
  tiles: TileRepository;
  query: InsightQueryDeps;
}

export interface PresentOptions {
  refresh: InsightRefresh;
  /** Dashboard filters (or a `filters_override`) merged into each insight's query. */
  filters?: unknown;
  /** PostHog's `basic=true`: no result and no cache fields. */
  basic?: boolean;
}

/**
 * Insights as the REST API shows them: with the dashboards they are on, their users and, unless basic, their
 * results in the asked refresh mode. Results are computed one after another so a long list queues behind the
 * project's concurrency limit instead of failing it.
 */
export async function presentInsights(deps: InsightPresentDeps, project: Project, insights: readonly InsightRecord[], options: PresentOptions) {
  const tiles = await deps.tiles.ofInsights(insights.map((i) => i.id));
  const users = await userViews(deps.db, insights.flatMap((i) => [i.createdBy, i.lastModifiedBy]));
  const views = [];
  for (const insight of insights) {
    views.push(options.basic ? insightBasicView(insight, { tiles, users }) : await presentOne(deps, project, insight, options, { tiles, users }));
  }
  return views;
}

/** One full insight with its result, given the tiles and users it is shown with (shared links pass fewer). */
export async function presentOne(
  deps: Pick<InsightPresentDeps, 'query'>,
  project: Project,
  insight: InsightRecord,
  options: PresentOptions,
  ctx: { tiles: readonly InsightTileRef[]; users: ReadonlyMap<number, UserView> },
) {
  const result = await insightResult(insight.query, project, { filters: options.filters, refresh: options.refresh }, deps.query);
  const query = insight.query === null ? null : queryWithFilters(insight.query, options.filters);
  return insightView(insight, result, ctx, query);
}
