import type { DashboardInsightApi } from '@warren/shared/dashboards-api';
import { userViews, type UserView } from '../actions/action-view.js';
import { presentOne } from '../insights/insight-present.js';
import { emptyInsightResult, queryWithFilters, type InsightQueryDeps, type InsightRefresh } from '../insights/insight-query.js';
import type { InsightRecord, InsightRepository } from '../insights/insight-repository.js';
import { insightView } from '../insights/insight-view.js';
import { AppError } from '../platform/app-error.js';
import type { Project } from '../projects/project-repository.js';
import type { SharingRepository } from '../sharing/sharing-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { DashboardRecord } from './dashboard-repository.js';
import { dashboardView, sortedTiles, tileView } from './dashboard-view.js';
import type { InsightTileRef, TileRecord, TileRepository } from './tile-repository.js';

export interface DashboardPresentDeps {
  db: MetaDb;
  insights: InsightRepository;
  tiles: TileRepository;
  sharing: SharingRepository;
  query: InsightQueryDeps;
}

export interface DashboardPresentOptions {
  refresh: InsightRefresh;
  /** `?filters_override=`: used instead of the dashboard's own filters for this request. */
  filtersOverride?: Record<string, unknown>;
  /** Shown through a sharing link: no users, and each insight names no dashboard but this one. */
  shared?: boolean;
}

/**
 * A dashboard with every tile: insight tiles computed (or read from the cache) with the dashboard's filters, in
 * reading order and one after another, so a refresh queues behind the project's concurrency limit. A tile whose
 * query fails shows its insight without a result and PostHog's tile `error`; the rest of the dashboard still shows.
 */
export async function presentDashboard(deps: DashboardPresentDeps, project: Project, dashboard: DashboardRecord, options: DashboardPresentOptions) {
  const tiles = sortedTiles(await deps.tiles.ofDashboard(dashboard.id));
  const insightIds = tiles.flatMap((t) => (t.insightId === null ? [] : [t.insightId]));
  const insights = await deps.insights.getMany(project.id, insightIds);
  const insightTiles: InsightTileRef[] = options.shared
    ? tiles.flatMap((t) => (t.insightId === null ? [] : [{ id: t.id, dashboardId: dashboard.id, insightId: t.insightId }]))
    : await deps.tiles.ofInsights(insightIds);
  const users = options.shared ? new Map<number, UserView>() : await userViews(deps.db, userIdsOf(dashboard, tiles, insights));
  const filters = options.filtersOverride ?? dashboard.filters;

  const views = [];
  for (const [order, tile] of tiles.entries()) {
    const insight = tile.insightId === null ? null : (insights.get(tile.insightId) ?? null);
    if (tile.insightId !== null && !insight) continue;
    const shown = insight ? await insightTile(deps, project, insight, { refresh: options.refresh, filters }, { tiles: insightTiles, users }) : null;
    views.push({ ...tileView(tile, order, shown?.view ?? null, users, project.id), ...(shown?.error ? { error: shown.error } : {}) });
  }
  const shared = options.shared || (await deps.sharing.sharedDashboards(project.id, [dashboard.id])).has(dashboard.id);
  return dashboardView(dashboard, views, users, shared, filters);
}

async function insightTile(
  deps: DashboardPresentDeps,
  project: Project,
  insight: InsightRecord,
  options: { refresh: InsightRefresh; filters: unknown },
  ctx: { tiles: readonly InsightTileRef[]; users: ReadonlyMap<number, UserView> },
): Promise<{ view: DashboardInsightApi; error?: { type: string; message: string } }> {
  try {
    return { view: await presentOne(deps, project, insight, options, ctx) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const query = insight.query === null ? null : queryWithFilters(insight.query, options.filters);
    return { view: insightView(insight, emptyInsightResult(project), ctx, query), error: { type: error.code, message: error.detail } };
  }
}

function userIdsOf(dashboard: DashboardRecord, tiles: readonly TileRecord[], insights: ReadonlyMap<number, InsightRecord>): (number | null)[] {
  return [
    dashboard.createdBy,
    ...tiles.flatMap((t) => (t.text ? [t.text.createdBy, t.text.lastModifiedBy] : [])),
    ...[...insights.values()].flatMap((i) => [i.createdBy, i.lastModifiedBy]),
  ];
}
