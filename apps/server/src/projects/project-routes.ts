import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { registerUserRoute } from '../platform/user-route.js';
import { linkedFlagLookup } from '../replay/settings/linked-flag-lookup.js';
import { ADMIN, membershipLevels, requireLevel } from '../organizations/membership-levels.js';
import { currentOrganizationId, organizationIdParam, refuseProjectScopedKey } from '../organizations/organization-access.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { deleteProject } from './delete-project.js';
import { projectSettingsFrom } from './project-input.js';
import { DEFAULT_PROJECT_SETTINGS, settingsOf, type Project, type ProjectRepository } from './project-repository.js';
import { projectView } from './project-view.js';

export interface ProjectRouteDeps {
  db: MetaDb;
  projects: ProjectRepository;
  eventStore: Pick<EventStore, 'query' | 'command'>;
}

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/**
 * Projects (PostHog's teams): `/api/projects/` and `/api/organizations/:id/projects/` list and create (admins, any
 * number), `/api/projects/:id/` reads, updates (admins) and deletes (admins), `reset_token/` rotates the `phc_` token.
 */
export function registerProjectRoutes(app: FastifyInstance, authenticator: Authenticator, deps: ProjectRouteDeps): void {
  const list = async (principal: Principal, request: FastifyRequest, organizationId: string | null) => {
    const levels = await membershipLevels(deps.db, principal.userId);
    if (organizationId !== null && !levels.has(organizationId)) throw notFound('Organization not found.');
    let projects = await deps.projects.listForOrganizations(organizationId === null ? [...levels.keys()] : [organizationId]);
    const scoped = principal.scopedTeams;
    if (scoped && scoped.length > 0) projects = projects.filter((p) => scoped.includes(p.id));
    const page = pageOf(request.query as { limit?: number; offset?: number });
    const results = projects.slice(page.offset, page.offset + page.limit).map((p) => projectView(p, levels.get(p.organizationId) ?? null));
    return { count: projects.length, ...pageLinks(request, page, page.offset + page.limit < projects.length), results };
  };
  const create = async (principal: Principal, request: FastifyRequest, reply: FastifyReply, organizationId: string | null) => {
    refuseProjectScopedKey(principal);
    if (organizationId === null) throw notFound('Current organization not found.');
    const level = await requireLevel(deps.db, principal.userId, organizationId, ADMIN, 'Organization');
    const project = await deps.projects.create(organizationId, await projectSettingsFrom(request.body ?? {}, DEFAULT_PROJECT_SETTINGS));
    // As in PostHog, the creator switches to the new project.
    await deps.db.updateTable('users').set({ current_project_id: project.id }).where('id', '=', principal.userId).execute();
    return reply.code(201).send(projectView(project, level));
  };
  const current = (principal: Principal) => currentOrganizationId(deps.db, principal.userId, principal.currentProjectId);
  const organizationOf = (principal: Principal, request: FastifyRequest) =>
    organizationIdParam(deps.db, principal, (request.params as { organization_id: string }).organization_id);

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: '/api/projects/',
    scope: 'project:read',
    schema: { querystring: ListQuery },
    handler: ({ principal, request }) => list(principal, request, null),
  });
  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: '/api/projects/',
    scope: 'project:write',
    handler: async ({ principal, request, reply }) => create(principal, request, reply, await current(principal)),
  });
  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: '/api/organizations/:organization_id/projects/',
    scope: 'project:read',
    schema: { querystring: ListQuery },
    handler: async ({ principal, request }) => {
      refuseProjectScopedKey(principal);
      return list(principal, request, await organizationOf(principal, request));
    },
  });
  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: '/api/organizations/:organization_id/projects/',
    scope: 'project:write',
    handler: async ({ principal, request, reply }) => create(principal, request, reply, await organizationOf(principal, request)),
  });

  registerProjectDetailRoutes(app, authenticator, deps);
}

function registerProjectDetailRoutes(app: FastifyInstance, authenticator: Authenticator, deps: ProjectRouteDeps): void {
  const adminOf = (principal: Principal, project: Project) => requireLevel(deps.db, principal.userId, project.organizationId, ADMIN, 'Project');
  const levelOf = async (principal: Principal, project: Project) => (await membershipLevels(deps.db, principal.userId)).get(project.organizationId) ?? null;

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/',
    scope: 'project:read',
    handler: async ({ project, principal }) => projectView(project, await levelOf(principal, project)),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/',
      scope: 'project:write',
      handler: async ({ project, principal, request }) => {
        const level = await adminOf(principal, project);
        const settings = await projectSettingsFrom(request.body ?? {}, settingsOf(project), linkedFlagLookup(deps.db, project.id));
        const saved = await deps.projects.update(project.id, settings);
        if (!saved) throw notFound('Project not found.');
        return projectView(saved, level);
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'PATCH',
    path: '/reset_token/',
    scope: 'project:write',
    handler: async ({ project, principal }) => {
      const level = await adminOf(principal, project);
      const saved = await deps.projects.rotateToken(project.id);
      if (!saved) throw notFound('Project not found.');
      return projectView(saved, level);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/',
    scope: 'project:write',
    handler: async ({ project, principal, reply }) => {
      await adminOf(principal, project);
      const total = await deps.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(total.n) <= 1) throw validationError('This is the last project of this Warren install; create another project first.');
      await deleteProject(deps, project.id);
      return reply.code(204).send();
    },
  });
}
