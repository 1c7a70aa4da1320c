import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { userViews } from '../actions/action-view.js';
import type { Authenticator } from '../auth/authenticator.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { eventDefinitionChanges } from './definition-input.js';
import { stringList } from './definition-search.js';
import { eventDefinitionView, userIdsOf } from './definition-view.js';
import { EVENT_DEFINITION_ORDERINGS, type EventDefinitionOrdering, type EventDefinitionRecord, type EventDefinitionRepository } from './event-definition-repository.js';

export interface EventDefinitionRouteDeps {
  db: MetaDb;
  eventDefinitions: EventDefinitionRepository;
}

const ListQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 400 })),
  event_type: Type.Optional(Type.String({ maxLength: 40 })),
  excluded_properties: Type.Optional(Type.String({ maxLength: 100_000 })),
  exclude_hidden: Type.Optional(Type.Boolean()),
  ordering: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/event_definitions/`: names ingestion saw, with volume and last seen; describe, tag, verify, hide, delete. */
export function registerEventDefinitionRoutes(app: FastifyInstance, authenticator: Authenticator, deps: EventDefinitionRouteDeps): void {
  const load = async (teamId: number, id: string) => {
    const definition = UUID.test(id) ? await deps.eventDefinitions.get(teamId, id.toLowerCase()) : null;
    if (!definition) throw notFound();
    return definition;
  };
  const view = async (definitions: EventDefinitionRecord[]) => {
    const users = await userViews(deps.db, userIdsOf(definitions));
    return definitions.map((d) => eventDefinitionView(d, users));
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/event_definitions/',
    scope: 'event_definition:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { search?: string; event_type?: string; excluded_properties?: string; exclude_hidden?: boolean; ordering?: string; limit?: number; offset?: number };
      const excludedNames = stringList(q.excluded_properties);
      if (excludedNames === null) throw validationError('Expected a JSON array of event names.', 'excluded_properties');
      if (q.ordering !== undefined && !(EVENT_DEFINITION_ORDERINGS as readonly string[]).includes(q.ordering)) {
        throw validationError(`Cannot order by "${q.ordering.slice(0, 40)}".`, 'ordering', 'invalid_choice');
      }
      const page = pageOf(q);
      const { count, definitions } = await deps.eventDefinitions.list(project.id, {
        search: q.search,
        eventType: q.event_type,
        excludedNames,
        excludeHidden: q.exclude_hidden === true,
        ordering: q.ordering as EventDefinitionOrdering | undefined,
        ...page,
      });
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: await view(definitions) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/event_definitions/by_name/',
    scope: 'event_definition:read',
    schema: { querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 400 }) }) },
    handler: async ({ project, request }) => {
      const definition = await deps.eventDefinitions.getByName(project.id, (request.query as { name: string }).name);
      if (!definition) throw notFound();
      return (await view([definition]))[0];
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/event_definitions/:definition_id/',
    scope: 'event_definition:read',
    handler: async ({ project, request }) => (await view([await load(project.id, (request.params as { definition_id: string }).definition_id)]))[0],
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/event_definitions/:definition_id/',
      scope: 'event_definition:write',
      handler: async ({ project, principal, request }) => {
        const current = await load(project.id, (request.params as { definition_id: string }).definition_id);
        const changes = eventDefinitionChanges(request.body, current, principal.userId);
        if (changes.owner !== null && !(await userViews(deps.db, [changes.owner])).has(changes.owner)) {
          throw validationError(`Invalid pk "${changes.owner}" - object does not exist.`, 'owner', 'does_not_exist');
        }
        return (await view([await deps.eventDefinitions.update(project.id, current.id, changes)]))[0];
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/event_definitions/:definition_id/',
    scope: 'event_definition:write',
    handler: async ({ project, request, reply }) => {
      const current = await load(project.id, (request.params as { definition_id: string }).definition_id);
      await deps.eventDefinitions.delete(project.id, current.id);
      return reply.code(204).send();
    },
  });
}
