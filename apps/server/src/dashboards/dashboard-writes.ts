import { copyInsight, createTemplateInsight, type InsightWriteDeps } from '../insights/insight-writes.js';
import { diffFields } from '../platform/activity-log.js';
import { validationError } from '../platform/app-error.js';
import type { Project } from '../projects/project-repository.js';
import { dashboardInputFrom, type TilePatch } from './dashboard-input.js';
import type { DashboardRecord, DashboardRepository } from './dashboard-repository.js';
import { templateTiles } from './dashboard-templates.js';
import type { TileRecord, TileRepository } from './tile-repository.js';

export interface DashboardWriteDeps extends InsightWriteDeps {
  dashboards: DashboardRepository;
  tiles: TileRepository;
}

const SCOPE = 'Dashboard';

/**
 * Creates a dashboard: empty, from a built-in template (`use_template`), or as a copy of another dashboard of the
 * project (`use_dashboard`: its filters unless the body gives some, its tiles pointing at the same insights, or at
 * copies of them with `duplicate_tiles: true`; text tiles get their own copy of the text).
 */
export async function createDashboard(deps: DashboardWriteDeps, project: Project, body: unknown, userId: number | null): Promise<DashboardRecord> {
  const input = dashboardInputFrom(body, null);
  const template = input.useTemplate === undefined ? undefined : templateTiles(input.useTemplate);
  if (input.useTemplate !== undefined && !template) throw validationError(`Invalid template provided: ${input.useTemplate}`, 'use_template');
  let source: DashboardRecord | null = null;
  if (input.useDashboard !== undefined) {
    source = await deps.dashboards.get(project.id, input.useDashboard);
    if (!source || source.deleted) throw validationError('Invalid value provided', 'use_dashboard');
  }
  const write = { ...input.write, filters: input.filtersGiven || !source ? input.write.filters : source.filters };
  const mode = template ? 'template' : source ? 'duplicate' : 'default';
  const dashboard = await deps.dashboards.create(project.id, write, mode, userId);
  for (const tile of template ?? []) {
    const insight = await createTemplateInsight(deps, project, tile, userId);
    await deps.tiles.insert(dashboard.id, { insightId: insight.id, textId: null, layouts: tile.layouts, color: tile.color });
  }
  if (source) {
    for (const tile of await deps.tiles.ofDashboard(source.id)) await copyTile(deps, project, tile, dashboard.id, { deep: input.duplicateTiles, userId });
  }
  await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(dashboard.id), activity: 'created', userId, name: dashboard.name ?? '', changes: [] });
  return dashboard;
}

/**
 * Applies a PATCH/PUT: fields, soft delete (with `delete_insights`, also the insights on no other dashboard) and
 * restore, then the `tiles` entries (text tiles, layouts, colours, removals, new insight tiles) and `duplicate_tiles`.
 */
export async function updateDashboard(deps: DashboardWriteDeps, project: Project, current: DashboardRecord, body: unknown, userId: number | null): Promise<DashboardRecord> {
  const input = dashboardInputFrom(body, current);
  const deleting = input.write.deleted && !current.deleted;
  if (deleting && input.deleteInsights) await deps.insights.softDelete(project.id, await deps.tiles.insightsOnlyOn(current.id));
  if (current.deleted && !input.write.deleted) {
    // PostHog brings back the insights that went with the dashboard.
    const deletedOnIt = [...(await deps.insights.getMany(project.id, await deps.tiles.insightIdsOf(current.id))).values()].filter((i) => i.deleted);
    await deps.insights.restore(project.id, deletedOnIt.map((i) => i.id));
  }
  const saved = await deps.dashboards.update(project.id, current.id, input.write);
  for (const [i, patch] of input.tiles.entries()) await applyTilePatch(deps, project, saved.id, patch, i, userId);
  if (input.duplicate.length > 0) {
    const tiles = await deps.tiles.ofDashboard(saved.id);
    for (const [i, wanted] of input.duplicate.entries()) {
      const tile = tiles.find((t) => t.id === wanted.id);
      if (!tile) throw validationError('Tile not found.', `duplicate_tiles__${i}__id`);
      await copyTile(deps, project, { ...tile, layouts: wanted.layouts }, saved.id, { deep: true, userId });
    }
  }
  const activity = deleting ? 'deleted' : 'updated';
  const changes = diffFields(SCOPE, auditable(current), auditable(saved));
  await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(saved.id), activity, userId, name: saved.name ?? '', changes });
  return saved;
}

/** Moves a tile to another live dashboard of the project (PostHog's `move_tile`). */
export async function moveTile(deps: DashboardWriteDeps, project: Project, from: DashboardRecord, tileId: number, toDashboardId: number): Promise<void> {
  const target = await deps.dashboards.get(project.id, toDashboardId);
  if (!target || target.deleted) throw validationError('Dashboard not found.', 'toDashboard');
  if (!(await deps.tiles.move(tileId, from.id, target.id))) throw validationError('Tile not found.', 'tile');
}

async function applyTilePatch(deps: DashboardWriteDeps, project: Project, dashboardId: number, patch: TilePatch, i: number, userId: number | null): Promise<void> {
  const placement = { layouts: patch.layouts ?? {}, color: patch.color ?? null };
  if (patch.text && patch.id === undefined && patch.text.id === undefined) {
    await deps.tiles.addText(project.id, dashboardId, patch.text.body, userId, placement);
    return;
  }
  if (patch.text) {
    const textId = patch.text.id ?? (await deps.tiles.ofDashboard(dashboardId)).find((t) => t.id === patch.id)?.text?.id;
    if (textId === undefined || !(await deps.tiles.updateText(dashboardId, textId, patch.text.body, userId))) throw validationError('Text tile not found.', `tiles__${i}__text`);
  }
  if (patch.insightId !== undefined) {
    const insight = await deps.insights.get(project.id, patch.insightId);
    if (!insight || insight.deleted) throw validationError(`Invalid pk "${patch.insightId}" - object does not exist.`, `tiles__${i}__insight`, 'does_not_exist');
    await deps.tiles.addInsight(dashboardId, insight.id, placement);
    return;
  }
  if (patch.id !== undefined) {
    const found = await deps.tiles.update(dashboardId, patch.id, { layouts: patch.layouts, color: patch.color, deleted: patch.deleted });
    if (!found) throw validationError('Tile not found.', `tiles__${i}__id`);
  }
}

async function copyTile(deps: DashboardWriteDeps, project: Project, tile: TileRecord, dashboardId: number, options: { deep: boolean; userId: number | null }): Promise<void> {
  const placement = { layouts: tile.layouts, color: tile.color };
  if (tile.text) {
    await deps.tiles.addText(project.id, dashboardId, tile.text.body, options.userId, placement);
    return;
  }
  if (tile.insightId === null) return;
  let insightId = tile.insightId;
  if (options.deep) {
    const source = await deps.insights.get(project.id, tile.insightId);
    if (!source) return;
    insightId = (await copyInsight(deps, project, source, options.userId)).id;
  }
  await deps.tiles.insert(dashboardId, { insightId, textId: null, ...placement });
}

function auditable(d: DashboardRecord): Record<string, unknown> {
  return { name: d.name, description: d.description, pinned: d.pinned, tags: d.tags, filters: d.filters, deleted: d.deleted };
}
