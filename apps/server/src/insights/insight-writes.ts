import type { DashboardRepository } from '../dashboards/dashboard-repository.js';
import type { TileRepository } from '../dashboards/tile-repository.js';
import { diffFields, type ActivityLog } from '../platform/activity-log.js';
import { validationError } from '../platform/app-error.js';
import type { Project } from '../projects/project-repository.js';
import { insightInputFrom } from './insight-input.js';
import { insightQueryKind, type InsightQueryDeps } from './insight-query.js';
import type { InsightRecord, InsightRepository, InsightWrite } from './insight-repository.js';

export interface InsightWriteDeps {
  insights: InsightRepository;
  dashboards: DashboardRepository;
  tiles: TileRepository;
  activity: ActivityLog;
  query: InsightQueryDeps;
}

const SCOPE = 'Insight';

/** Creates an insight from a PostHog-shaped body, placing it on the dashboards it names; logs the creation. */
export async function createInsight(deps: InsightWriteDeps, project: Project, body: unknown, userId: number | null): Promise<InsightRecord> {
  const input = insightInputFrom(body, null);
  const write = withQueryKind(input.write, project, deps);
  const dashboards = await checkedDashboards(deps, project.id, input.dashboards ?? []);
  const insight = await deps.insights.create(project.id, write, userId);
  for (const dashboardId of dashboards) await deps.tiles.addInsight(dashboardId, insight.id);
  await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(insight.id), activity: 'created', userId, name: activityName(insight), changes: [] });
  return insight;
}

/** A new insight with another's definition (name + " (Copy)"), for duplicated dashboards; logs the creation. */
export async function copyInsight(deps: InsightWriteDeps, project: Project, source: InsightRecord, userId: number | null): Promise<InsightRecord> {
  const { name, derivedName, description, query, queryKind, tags, favorited, saved } = source;
  const write = { name: name ? `${name} (Copy)` : null, derivedName, description, query, queryKind, tags, favorited, saved, deleted: false };
  const insight = await deps.insights.create(project.id, write, userId);
  await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(insight.id), activity: 'created', userId, name: activityName(insight), changes: [] });
  return insight;
}

/** An insight defined by a dashboard template, placed on its dashboard by the caller; logs the creation. */
export async function createTemplateInsight(
  deps: InsightWriteDeps,
  project: Project,
  definition: { name: string; description: string; query: Record<string, unknown> },
  userId: number | null,
): Promise<InsightRecord> {
  const write = withQueryKind({ ...definition, derivedName: null, queryKind: null, tags: [], favorited: false, saved: true, deleted: false }, project, deps);
  const insight = await deps.insights.create(project.id, write, userId);
  await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(insight.id), activity: 'created', userId, name: activityName(insight), changes: [] });
  return insight;
}

/**
 * Applies a PATCH/PUT body to an insight. Deleting it takes it off every dashboard; otherwise `dashboards`, when
 * given, is the full list of dashboards it should be on (tiles are added, restored or removed to match).
 */
export async function updateInsight(deps: InsightWriteDeps, project: Project, current: InsightRecord, body: unknown, userId: number | null): Promise<InsightRecord> {
  const input = insightInputFrom(body, current);
  const write = input.write.query === current.query ? input.write : withQueryKind(input.write, project, deps);
  const before = (await deps.tiles.ofInsights([current.id])).map((t) => t.dashboardId);
  let after = before;
  if (write.deleted) {
    await deps.tiles.removeAllOfInsight(current.id);
    after = [];
  } else if (input.dashboards !== undefined) {
    after = await checkedDashboards(deps, project.id, input.dashboards);
    for (const dashboardId of after.filter((id) => !before.includes(id))) await deps.tiles.addInsight(dashboardId, current.id);
    await deps.tiles.removeInsight(current.id, before.filter((id) => !after.includes(id)));
  }
  const saved = await deps.insights.update(project.id, current.id, write, { material: input.material, userId });
  const changes = diffFields(SCOPE, auditable(current, before), auditable(saved, after));
  const activity = saved.deleted && !current.deleted ? 'deleted' : 'updated';
  await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(saved.id), activity, userId, name: activityName(saved), changes });
  return saved;
}

/** The insight's query kind, checked by the query planner (a query it cannot plan is a 400 before anything is saved). */
function withQueryKind(write: InsightWrite, project: Project, deps: InsightWriteDeps): InsightWrite {
  return { ...write, queryKind: write.query === null ? null : insightQueryKind(write.query, project, deps.query) };
}

/** The ids, each a live dashboard of this project; another project's dashboard is as unknown as a missing one. */
async function checkedDashboards(deps: InsightWriteDeps, teamId: number, ids: number[]): Promise<number[]> {
  const live = await deps.dashboards.liveIds(teamId, ids);
  ids.forEach((id, i) => {
    if (!live.has(id)) throw validationError(`Invalid pk "${id}" - object does not exist.`, `dashboards__${i}`, 'does_not_exist');
  });
  return [...new Set(ids)];
}

function activityName(insight: InsightRecord): string {
  return insight.name || insight.derivedName || insight.shortId;
}

function auditable(insight: InsightRecord, dashboards: number[]): Record<string, unknown> {
  return {
    name: insight.name,
    derived_name: insight.derivedName,
    description: insight.description,
    query: insight.query,
    tags: insight.tags,
    favorited: insight.favorited,
    saved: insight.saved,
    deleted: insight.deleted,
    dashboards: [...dashboards].sort((a, b) => a - b),
  };
}
