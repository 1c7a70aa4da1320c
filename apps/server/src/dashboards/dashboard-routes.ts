import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { userViews } from '../actions/action-view.js';
import type { Authenticator } from '../auth/authenticator.js';
import { truthy } from '../insights/insight-list-query.js';
import { filtersOverrideOf, insightRefreshOf } from '../insights/insight-query.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { Project } from '../projects/project-repository.js';
import { presentDashboard, type DashboardPresentDeps } from './dashboard-present.js';
import type { DashboardRecord } from './dashboard-repository.js';
import { dashboardListItemView } from './dashboard-view.js';
import { createDashboard, moveTile, updateDashboard, type DashboardWriteDeps } from './dashboard-writes.js';

export type DashboardRouteDeps = DashboardWriteDeps & DashboardPresentDeps;

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  search: Type.Optional(Type.String({ maxLength: 400 })),
  pinned: Type.Optional(Type.String({ maxLength: 10 })),
});

const SCOPE = 'Dashboard';
type Params = { dashboard_id: string };
type ShowQuery = { refresh?: string; filters_override?: string };

/**
 * `/dashboards/` (rest-api.md 4.7): list (pinned first, by name; each row with Warren's `tiles_count` and
 * `last_modified_at`), create (empty, from a template or a copy),
 * retrieve with every tile and `?refresh=`, update (fields, filters, tiles, soft delete and restore), `move_tile`,
 * DELETE refused, and the activity log.
 */
export function registerDashboardRoutes(app: FastifyInstance, authenticator: Authenticator, deps: DashboardRouteDeps): void {
  const load = async (teamId: number, rawId: string, includeDeleted = false): Promise<DashboardRecord> => {
    const dashboard = /^\d{1,12}$/.test(rawId) ? await deps.dashboards.get(teamId, Number(rawId)) : null;
    if (!dashboard || (dashboard.deleted && !includeDeleted)) throw notFound();
    return dashboard;
  };
  const show = async (project: Project, dashboard: DashboardRecord, q: ShowQuery) => {
    const refresh = insightRefreshOf(q.refresh);
    const view = await presentDashboard(deps, project, dashboard, { refresh, filtersOverride: filtersOverrideOf(q.filters_override) });
    const now = new Date().toISOString();
    const refreshedAt = refresh === 'force_cache' ? undefined : now;
    await deps.dashboards.touch(project.id, dashboard.id, { accessedAt: now, refreshedAt });
    return { ...view, last_accessed_at: now, last_refresh: refreshedAt ?? view.last_refresh };
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/dashboards/',
    scope: 'dashboard:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { limit?: number; offset?: number; search?: string; pinned?: string };
      const page = pageOf(q);
      const { count, dashboards } = await deps.dashboards.list(project.id, { ...page, search: q.search || undefined, pinned: q.pinned === undefined ? undefined : truthy(q.pinned) });
      const users = await userViews(deps.db, dashboards.map((d) => d.createdBy));
      const ids = dashboards.map((d) => d.id);
      const [shared, tileCounts, modified] = await Promise.all([deps.sharing.sharedDashboards(project.id, ids), deps.tiles.countsOf(ids), deps.dashboards.lastModified(project.id, ids)]);
      const results = dashboards.map((d) => dashboardListItemView(d, users, shared.has(d.id), tileCounts.get(d.id) ?? 0, modified.get(d.id) ?? null));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/dashboards/',
    scope: 'dashboard:write',
    handler: async ({ project, principal, request, reply }) => {
      const dashboard = await createDashboard(deps, project, request.body, principal.userId);
      return reply.code(201).send(await show(project, dashboard, request.query as ShowQuery));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/dashboards/:dashboard_id/',
    scope: 'dashboard:read',
    handler: async ({ project, request }) => show(project, await load(project.id, (request.params as Params).dashboard_id), request.query as ShowQuery),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/dashboards/:dashboard_id/',
      scope: 'dashboard:write',
      handler: async ({ project, principal, request }) => {
        // PATCH {deleted: false} is how a deleted dashboard is restored, so it may address one.
        const restoring = (request.body as { deleted?: unknown } | null)?.deleted === false;
        const current = await load(project.id, (request.params as Params).dashboard_id, restoring);
        const saved = await updateDashboard(deps, project, current, request.body, principal.userId);
        return show(project, saved, request.query as ShowQuery);
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'PATCH',
    path: '/dashboards/:dashboard_id/move_tile/',
    scope: 'dashboard:write',
    handler: async ({ project, request }) => {
      const dashboard = await load(project.id, (request.params as Params).dashboard_id);
      const body = (request.body ?? {}) as { tile?: { id?: unknown }; toDashboard?: unknown };
      if (!Number.isSafeInteger(body.tile?.id)) throw validationError('A tile id is required.', 'tile');
      if (!Number.isSafeInteger(body.toDashboard)) throw validationError('A dashboard id is required.', 'toDashboard');
      await moveTile(deps, project, dashboard, body.tile!.id as number, body.toDashboard as number);
      return show(project, dashboard, {});
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/dashboards/:dashboard_id/',
    scope: 'dashboard:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/dashboards/activity/',
    scope: 'dashboard:read',
    handler: async ({ project }) => ({ results: await deps.activity.list(project.id, SCOPE, null, 100), next: null, previous: null }),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/dashboards/:dashboard_id/activity/',
    scope: 'dashboard:read',
    handler: async ({ project, request }) => {
      const dashboard = await load(project.id, (request.params as Params).dashboard_id, true);
      return { results: await deps.activity.list(project.id, SCOPE, String(dashboard.id), 100), next: null, previous: null };
    },
  });
}
