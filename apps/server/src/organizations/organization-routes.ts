import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerUserRoute } from '../platform/user-route.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { deleteOrganization } from './delete-organization.js';
import { ADMIN, MEMBER, OWNER, requireLevel } from './membership-levels.js';
import { organizationIdParam, refuseProjectScopedKey } from './organization-access.js';
import { organizationNameOf } from './organization-input.js';
import type { OrganizationRecord, OrganizationRepository } from './organization-repository.js';
import { organizationView } from './organization-view.js';

export interface OrganizationRouteDeps {
  db: MetaDb;
  organizations: OrganizationRepository;
  projects: ProjectRepository;
  eventStore: Pick<EventStore, 'query' | 'command'>;
}

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const DETAIL = '/api/organizations/:organization_id/';

/** `/api/organizations/`: the caller's organizations; create (any user, unlimited), read, rename (admin), delete (owner). */
export function registerOrganizationRoutes(app: FastifyInstance, authenticator: Authenticator, deps: OrganizationRouteDeps): void {
  const view = async (organization: OrganizationRecord, level: number) =>
    organizationView(organization, level, await deps.projects.listForOrganizations([organization.id]), await deps.organizations.memberCount(organization.id));
  /** The organization of the route with the caller's level in it, at least `level`. */
  const load = async (principal: Principal, rawId: string, level: number) => {
    refuseProjectScopedKey(principal);
    const id = await organizationIdParam(deps.db, principal, rawId);
    const found = await requireLevel(deps.db, principal.userId, id, level);
    const organization = await deps.organizations.get(id);
    if (!organization) throw notFound();
    return { organization, level: found };
  };

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: '/api/organizations/',
    scope: 'organization:read',
    schema: { querystring: ListQuery },
    handler: async ({ principal, request }) => {
      refuseProjectScopedKey(principal);
      const page = pageOf(request.query as { limit?: number; offset?: number });
      const all = await deps.organizations.listForUser(principal.userId);
      const results = await Promise.all(all.slice(page.offset, page.offset + page.limit).map((m) => view(m.organization, m.level)));
      return { count: all.length, ...pageLinks(request, page, page.offset + page.limit < all.length), results };
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: '/api/organizations/',
    scope: 'organization:write',
    handler: async ({ principal, request, reply }) => {
      refuseProjectScopedKey(principal);
      const name = organizationNameOf(request.body ?? {}, true)!;
      const { organization } = await deps.organizations.create(name, principal.userId);
      await deps.projects.changed();
      return reply.code(201).send(await view(organization, OWNER));
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: DETAIL,
    scope: 'organization:read',
    handler: async ({ principal, request }) => {
      const { organization, level } = await load(principal, (request.params as { organization_id: string }).organization_id, MEMBER);
      return view(organization, level);
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerUserRoute(app, authenticator, {
      method,
      path: DETAIL,
      scope: 'organization:write',
      handler: async ({ principal, request }) => {
        const { organization, level } = await load(principal, (request.params as { organization_id: string }).organization_id, ADMIN);
        const name = organizationNameOf(request.body ?? {}, method === 'PUT');
        const saved = name === undefined ? organization : await deps.organizations.rename(organization.id, name);
        return view(saved ?? organization, level);
      },
    });
  }

  registerUserRoute(app, authenticator, {
    method: 'DELETE',
    path: DETAIL,
    scope: 'organization:write',
    handler: async ({ principal, request, reply }) => {
      const { organization } = await load(principal, (request.params as { organization_id: string }).organization_id, OWNER);
      const own = await deps.projects.listForOrganizations([organization.id]);
      const total = await deps.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (own.length > 0 && own.length >= Number(total.n)) {
        throw validationError('This organization holds every project of this Warren install; create another organization with a project first.');
      }
      await deleteOrganization(deps, organization.id);
      return reply.code(204).send();
    },
  });
}
