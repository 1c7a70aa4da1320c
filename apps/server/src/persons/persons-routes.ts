import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import type { PersonRepository } from '../identity/person-repository.js';
import { notFound } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { deletePerson, type DeletePersonDeps } from './delete-person.js';
import { personView } from './person-view.js';

const ListQuery = Type.Object({
  distinct_id: Type.Optional(Type.String({ maxLength: 400 })),
  search: Type.Optional(Type.String({ maxLength: 400 })),
  email: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});

/** `/persons/`: list with `distinct_id` and `search`, retrieve by uuid or id, delete (optionally with events). */
export function registerPersonsRoutes(app: FastifyInstance, authenticator: Authenticator, deps: DeletePersonDeps): void {
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/persons/',
    scope: 'person:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { distinct_id?: string; search?: string; email?: string; limit?: number; offset?: number };
      const page = pageOf(q);
      const rows = await deps.persons.list(project.id, { distinctId: q.distinct_id, search: q.search ?? q.email, limit: page.limit + 1, offset: page.offset });
      const results = await Promise.all(rows.slice(0, page.limit).map(async (p) => personView(p, await deps.persons.distinctIdsOf(project.id, p.id))));
      return { results, ...pageLinks(request, page, rows.length > page.limit) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/persons/:person_id/',
    scope: 'person:read',
    handler: async ({ project, request }) => {
      const person = await findPerson(deps.persons, project.id, (request.params as { person_id: string }).person_id);
      return personView(person, await deps.persons.distinctIdsOf(project.id, person.id));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/persons/:person_id/',
    scope: 'person:write',
    schema: { querystring: Type.Object({ delete_events: Type.Optional(Type.Boolean()) }) },
    handler: async ({ project, request, reply }) => {
      const person = await findPerson(deps.persons, project.id, (request.params as { person_id: string }).person_id);
      await deletePerson(deps, person, (request.query as { delete_events?: boolean }).delete_events === true);
      return reply.code(202).send();
    },
  });
}

async function findPerson(persons: PersonRepository, teamId: number, rawId: string) {
  const person = /^\d{1,15}$/.test(rawId)
    ? await persons.findById(teamId, Number(rawId))
    : await persons.findByUuid(teamId, rawId.toLowerCase());
  if (!person) throw notFound();
  return person;
}
