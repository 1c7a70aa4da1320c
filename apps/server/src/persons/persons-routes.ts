import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { IdentityProcessor } from '../identity/identity-processor.js';
import type { PersonRepository } from '../identity/person-repository.js';
import { validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { findPerson } from './find-person.js';
import { PersonDeletionRepository } from './person-deletion-repository.js';
import { registerPersonDeletionRoutes } from './person-deletion-routes.js';
import { PersonDeletionRunner } from './person-deletion-runner.js';
import { personView } from './person-view.js';
import { splitPerson } from './split-person.js';

export interface PersonsRouteDeps {
  db: MetaDb;
  persons: PersonRepository;
  identity: IdentityProcessor;
  eventStore: EventStore;
  pipeline: { flush(): Promise<void> };
  logger: Logger;
}

const ListQuery = Type.Object({
  distinct_id: Type.Optional(Type.String({ maxLength: 400 })),
  search: Type.Optional(Type.String({ maxLength: 400 })),
  email: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});

/**
 * `/persons/`: list with `distinct_id` and `search`, retrieve by uuid or id, split, and GDPR deletion. The deletion
 * queue is worked off in the background from the moment the routes exist until the app closes.
 */
export function registerPersonsRoutes(app: FastifyInstance, authenticator: Authenticator, deps: PersonsRouteDeps): void {
  const deletions = new PersonDeletionRepository(deps.db);
  const runner = new PersonDeletionRunner(deletions, deps.eventStore, deps.logger);
  runner.start();
  app.addHook('onClose', async () => runner.stop());

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
    method: 'POST',
    path: '/persons/:person_id/split/',
    scope: 'person:write',
    handler: async ({ project, request, reply }) => {
      const person = await findPerson(deps.persons, project.id, (request.params as { person_id: string }).person_id);
      await splitPerson(deps, person, splitRequestOf(request.body));
      return reply.code(201).send({ success: true });
    },
  });

  registerPersonDeletionRoutes(app, authenticator, { ...deps, deletions, kickDeletions: () => runner.kick() });
}

function splitRequestOf(body: unknown): { mainDistinctId?: string; distinctIdsToSplit?: string[] } {
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const main = b.main_distinct_id ?? undefined;
  const toSplit = b.distinct_ids_to_split ?? undefined;
  if (main !== undefined && (typeof main !== 'string' || main === '')) throw validationError('Not a valid string.', 'main_distinct_id');
  if (toSplit !== undefined) {
    if (!Array.isArray(toSplit) || toSplit.some((id) => typeof id !== 'string')) throw validationError('must be a list of strings', 'distinct_ids_to_split');
    if (toSplit.length === 0) throw validationError('must not be empty', 'distinct_ids_to_split');
    if (main !== undefined) throw validationError('main_distinct_id cannot be combined with distinct_ids_to_split');
  }
  return { mainDistinctId: main as string | undefined, distinctIdsToSplit: toSplit as string[] | undefined };
}
