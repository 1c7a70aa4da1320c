import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { AppError } from '../platform/app-error.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { EventStore } from '../storage/event-store.js';
import { runEventsQuery, type EventsQueryNode } from './run-events-query.js';
import { runHogQLQuery, type HogQLQueryNode } from './run-hogql-query.js';

type QueryNode = HogQLQueryNode | EventsQueryNode | { kind: 'DataTableNode' | 'DataVisualizationNode'; source: QueryNode } | { kind: string };

/** `POST /query/`: PostHog's query API; every refresh mode computes synchronously for now. */
export function registerQueryRoutes(app: FastifyInstance, authenticator: Authenticator, store: EventStore): void {
  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/query/',
    scope: 'query:read',
    handler: async ({ project, request }) => {
      const body = request.body as { query?: QueryNode } | null;
      const node = unwrap(body?.query);
      switch (node.kind) {
        case 'HogQLQuery':
          if (typeof (node as HogQLQueryNode).query !== 'string') throw parseError("Field 'query.query' is required.");
          return runHogQLQuery(store, project, node as HogQLQueryNode);
        case 'EventsQuery':
          if (!Array.isArray((node as EventsQueryNode).select)) throw parseError("Field 'query.select' is required.");
          return runEventsQuery(store, project, node as EventsQueryNode);
        default:
          throw parseError(`Unsupported query kind: ${String(node.kind).slice(0, 100)}`);
      }
    },
  });
}

function unwrap(node: QueryNode | undefined): QueryNode {
  let current = node;
  for (let depth = 0; depth < 4 && current && 'source' in current && current.source; depth++) current = current.source as QueryNode;
  if (!current || typeof current !== 'object' || typeof current.kind !== 'string') throw parseError("Field 'query' is required and needs a 'kind'.");
  return current;
}

const parseError = (detail: string) => new AppError(400, 'invalid_request', 'parse_error', `JSON parse error - ${detail}`);
