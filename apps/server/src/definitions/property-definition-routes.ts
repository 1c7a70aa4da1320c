import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { userViews } from '../actions/action-view.js';
import type { Authenticator } from '../auth/authenticator.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { PropertyParent, type PropertyParentType } from './definitions-accumulator.js';
import { propertyDefinitionChanges } from './definition-input.js';
import { stringList } from './definition-search.js';
import { propertyDefinitionView, userIdsOf } from './definition-view.js';
import type { PropertyDefinitionFilter, PropertyDefinitionRecord, PropertyDefinitionRepository } from './property-definition-repository.js';

export interface PropertyDefinitionRouteDeps {
  db: MetaDb;
  propertyDefinitions: PropertyDefinitionRepository;
}

const ListQuery = Type.Object({
  type: Type.Optional(Type.Union([Type.Literal('event'), Type.Literal('person'), Type.Literal('group'), Type.Literal('session')])),
  group_type_index: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
  search: Type.Optional(Type.String({ maxLength: 400 })),
  properties: Type.Optional(Type.String({ maxLength: 100_000 })),
  excluded_properties: Type.Optional(Type.String({ maxLength: 100_000 })),
  event_names: Type.Optional(Type.String({ maxLength: 100_000 })),
  filter_by_event_names: Type.Optional(Type.Boolean()),
  is_numerical: Type.Optional(Type.Boolean()),
  is_feature_flag: Type.Optional(Type.Boolean()),
  exclude_hidden: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

type ListParams = {
  type?: keyof typeof PropertyParent;
  group_type_index?: number;
  search?: string;
  properties?: string;
  excluded_properties?: string;
  event_names?: string;
  filter_by_event_names?: boolean;
  is_numerical?: boolean;
  is_feature_flag?: boolean;
  exclude_hidden?: boolean;
  limit?: number;
  offset?: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/property_definitions/`: event, person and group property names ingestion saw, with their types. */
export function registerPropertyDefinitionRoutes(app: FastifyInstance, authenticator: Authenticator, deps: PropertyDefinitionRouteDeps): void {
  const load = async (teamId: number, id: string) => {
    const definition = UUID.test(id) ? await deps.propertyDefinitions.get(teamId, id.toLowerCase()) : null;
    if (!definition) throw notFound();
    return definition;
  };
  const view = async (definitions: PropertyDefinitionRecord[]) => {
    const users = await userViews(deps.db, userIdsOf(definitions));
    return definitions.map((d) => propertyDefinitionView(d, users));
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/property_definitions/',
    scope: 'property_definition:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as ListParams;
      const page = pageOf(q);
      const { count, definitions } = await deps.propertyDefinitions.list(project.id, { ...filterOf(q), ...page });
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: await view(definitions) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/property_definitions/seen_together/',
    scope: 'property_definition:read',
    schema: { querystring: Type.Object({ event_names: Type.Optional(Type.String({ maxLength: 100_000 })), property_name: Type.String({ minLength: 1, maxLength: 400 }) }) },
    handler: async ({ project, request }) => {
      const q = request.query as { event_names?: string; property_name: string };
      const events = listParam(q.event_names, 'event_names');
      return deps.propertyDefinitions.seenTogether(project.id, events, q.property_name);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/property_definitions/:definition_id/',
    scope: 'property_definition:read',
    handler: async ({ project, request }) => (await view([await load(project.id, (request.params as { definition_id: string }).definition_id)]))[0],
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/property_definitions/:definition_id/',
      scope: 'property_definition:write',
      handler: async ({ project, principal, request }) => {
        const current = await load(project.id, (request.params as { definition_id: string }).definition_id);
        const changes = propertyDefinitionChanges(request.body, current, principal.userId);
        return (await view([await deps.propertyDefinitions.update(project.id, current.id, changes)]))[0];
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/property_definitions/:definition_id/',
    scope: 'property_definition:write',
    handler: async ({ project, request, reply }) => {
      const current = await load(project.id, (request.params as { definition_id: string }).definition_id);
      await deps.propertyDefinitions.delete(project.id, current.id);
      return reply.code(204).send();
    },
  });
}

function filterOf(q: ListParams): Omit<PropertyDefinitionFilter, 'limit' | 'offset'> {
  const type: PropertyParentType = PropertyParent[q.type ?? 'event'];
  if (type === PropertyParent.group && q.group_type_index === undefined) {
    throw validationError('group_type_index is required when type is group.', 'group_type_index', 'required');
  }
  const eventNames = listParam(q.event_names, 'event_names');
  return {
    type,
    groupTypeIndex: type === PropertyParent.group ? q.group_type_index : undefined,
    search: q.search,
    names: listParam(q.properties, 'properties'),
    excludedNames: listParam(q.excluded_properties, 'excluded_properties'),
    isNumerical: q.is_numerical,
    isFeatureFlag: q.is_feature_flag,
    excludeHidden: q.exclude_hidden === true,
    // Only event properties are seen "on" events.
    eventNames: type === PropertyParent.event ? eventNames : [],
    onlySeenOnEvents: q.filter_by_event_names === true,
  };
}

function listParam(raw: string | undefined, attr: string): string[] {
  const list = stringList(raw);
  if (list === null) throw validationError('Expected a JSON array of strings.', attr);
  return list;
}
