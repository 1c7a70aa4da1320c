import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { DashboardRepository } from '../dashboards/dashboard-repository.js';
import type { InsightRepository } from '../insights/insight-repository.js';
import type { ActivityLog } from '../platform/activity-log.js';
import { notFound, validationError } from '../platform/app-error.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { SharedTarget, SharingRepository } from './sharing-repository.js';
import { sharingView } from './sharing-view.js';
import { registerWebSharingRoutes } from './web-sharing-routes.js';

export interface SharingRouteDeps {
  sharing: SharingRepository;
  dashboards: DashboardRepository;
  insights: InsightRepository;
  activity: ActivityLog;
}

const RESOURCES = [
  { kind: 'dashboard', path: '/dashboards/:resource_id/sharing/', scope: 'Dashboard' },
  { kind: 'insight', path: '/insights/:resource_id/sharing/', scope: 'Insight' },
] as const;

/**
 * `/dashboards/:id/sharing/` and `/insights/:id/sharing/` (scope `sharing_configuration`): read the link, turn it on
 * or off with `PATCH {enabled}`, and `POST …/sharing/refresh/` for a new token that retires the old link; the same
 * for the project's web analytics page at `/web_analytics/sharing/` (web-sharing-routes.ts).
 */
export function registerSharingRoutes(app: FastifyInstance, authenticator: Authenticator, deps: SharingRouteDeps): void {
  const targetOf = async (teamId: number, kind: 'dashboard' | 'insight', rawId: string): Promise<{ target: SharedTarget & { id: number }; name: string }> => {
    const id = /^\d{1,12}$/.test(rawId) ? Number(rawId) : null;
    const found = id === null ? null : kind === 'dashboard' ? await deps.dashboards.get(teamId, id) : await deps.insights.get(teamId, id);
    if (!found || found.deleted) throw notFound(kind === 'dashboard' ? 'Dashboard not found.' : 'Insight not found.');
    const name = 'shortId' in found ? (found.name ?? found.derivedName ?? found.shortId) : (found.name ?? '');
    return { target: { kind, id: found.id }, name };
  };

  for (const resource of RESOURCES) {
    registerProjectRoute(app, authenticator, {
      method: 'GET',
      path: resource.path,
      scope: 'sharing_configuration:read',
      handler: async ({ project, request }) => {
        const { target } = await targetOf(project.id, resource.kind, (request.params as { resource_id: string }).resource_id);
        return sharingView(await deps.sharing.get(project.id, target));
      },
    });

    registerProjectRoute(app, authenticator, {
      method: 'PATCH',
      path: resource.path,
      scope: 'sharing_configuration:write',
      handler: async ({ project, principal, request }) => {
        const { target, name } = await targetOf(project.id, resource.kind, (request.params as { resource_id: string }).resource_id);
        const enabled = (request.body as { enabled?: unknown } | null)?.enabled;
        if (enabled !== undefined && typeof enabled !== 'boolean') throw validationError('Must be a valid boolean.', 'enabled');
        const before = await deps.sharing.get(project.id, target);
        const saved = enabled === undefined ? before : await deps.sharing.setEnabled(project.id, target, enabled);
        if (saved && (before?.enabled ?? false) !== saved.enabled) {
          const change = { type: resource.scope, action: 'changed' as const, field: 'sharing', before: before?.enabled ?? false, after: saved.enabled };
          await deps.activity.record({ teamId: project.id, scope: resource.scope, itemId: String(target.id), activity: 'updated', userId: principal.userId, name, changes: [change] });
        }
        return sharingView(saved);
      },
    });

    registerProjectRoute(app, authenticator, {
      method: 'POST',
      path: `${resource.path}refresh/`,
      scope: 'sharing_configuration:write',
      handler: async ({ project, request }) => {
        const { target } = await targetOf(project.id, resource.kind, (request.params as { resource_id: string }).resource_id);
        return sharingView(await deps.sharing.rotate(project.id, target));
      },
    });
  }
  registerWebSharingRoutes(app, authenticator, deps);
}
