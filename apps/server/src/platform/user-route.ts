import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import { hasScope, type RequiredScope } from '../auth/scopes.js';
import { permissionDenied } from './app-error.js';

export interface UserRequestContext {
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface UserRouteDefinition {
  method: HTTPMethods;
  /** Full path, e.g. `/api/personal_api_keys/` or `/api/organizations/:organization_id/`. */
  path: string;
  /** The permission this route needs, declared next to its schema. */
  scope: RequiredScope;
  schema?: FastifySchema;
  handler: (ctx: UserRequestContext) => Promise<unknown>;
}

const authenticated = new WeakMap<FastifyRequest, Principal>();

/**
 * Registers a management route that is not below one project (the user, their keys, organizations, the project
 * list): authenticated and scope-checked before the request's schema is checked (as DRF does); the handler checks
 * organization access itself.
 */
export function registerUserRoute(app: FastifyInstance, authenticator: Authenticator, def: UserRouteDefinition): void {
  app.route({
    method: def.method,
    url: def.path,
    schema: def.schema,
    config: { scope: def.scope },
    preValidation: async (request) => {
      const principal = await authenticator.authenticate({
        headers: request.headers,
        body: request.body,
        query: request.query as Record<string, unknown>,
      });
      if (!hasScope(principal.scopes, def.scope)) throw permissionDenied(`API key missing required scope '${def.scope}'`);
      authenticated.set(request, principal);
    },
    handler: async (request, reply) => def.handler({ principal: authenticated.get(request)!, request, reply }),
  });
}
