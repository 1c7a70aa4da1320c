import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { ActivityLog } from '../platform/activity-log.js';
import { validationError } from '../platform/app-error.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { SharingRepository } from './sharing-repository.js';
import { sharingView } from './sharing-view.js';

const WEB = { kind: 'web' } as const;
const PATH = '/web_analytics/sharing/';

/**
 * The project's switch for a public read-only link to its web analytics page (scope `sharing_configuration`), in
 * the shape of a dashboard's: `GET` the configuration, `PATCH {enabled}` to turn the link on or off (turning it
 * back on keeps the link), `POST …/refresh/` for a new token that retires the old link at once.
 */
export function registerWebSharingRoutes(app: FastifyInstance, authenticator: Authenticator, deps: { sharing: SharingRepository; activity: ActivityLog }): void {
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: PATH,
    scope: 'sharing_configuration:read',
    handler: async ({ project }) => sharingView(await deps.sharing.get(project.id, WEB)),
  });

  registerProjectRoute(app, authenticator, {
    method: 'PATCH',
    path: PATH,
    scope: 'sharing_configuration:write',
    handler: async ({ project, principal, request }) => {
      const enabled = (request.body as { enabled?: unknown } | null)?.enabled;
      if (enabled !== undefined && typeof enabled !== 'boolean') throw validationError('Must be a valid boolean.', 'enabled');
      const before = await deps.sharing.get(project.id, WEB);
      const saved = enabled === undefined ? before : await deps.sharing.setEnabled(project.id, WEB, enabled);
      if (saved && (before?.enabled ?? false) !== saved.enabled) {
        const change = { type: 'Team', action: 'changed' as const, field: 'web_analytics_sharing', before: before?.enabled ?? false, after: saved.enabled };
        await deps.activity.record({ teamId: project.id, scope: 'Team', itemId: String(project.id), activity: 'updated', userId: principal.userId, name: project.name, changes: [change] });
      }
      return sharingView(saved);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: `${PATH}refresh/`,
    scope: 'sharing_configuration:write',
    handler: async ({ project }) => sharingView(await deps.sharing.rotate(project.id, WEB)),
  });
}
