import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import type { RequiredScope } from '../auth/scopes.js';
import type { Project } from '../projects/project-repository.js';

export interface ProjectRequestContext {
  project: Project;
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ProjectRouteDefinition {
  method: HTTPMethods;
  /** Path below the project, e.g. `/persons/:person_id/`. */
  path: string;
  /** The permission this route needs, declared next to its schema. */
  scope: RequiredScope;
  schema?: FastifySchema;
  handler: (ctx: ProjectRequestContext) => Promise<unknown>;
}

const authorized = new WeakMap<FastifyRequest, { principal: Principal; project: Project }>();

/**
 * Registers a project-scoped management route under both `/api/projects/:project_id` and
 * `/api/environments/:project_id` (PostHog serves both). The caller is authenticated and authorized before the
 * request's schema is checked (as DRF does), so a project the caller may not reach answers 401/403/404, never a
 * validation error.
 */
export function registerProjectRoute(app: FastifyInstance, authenticator: Authenticator, def: ProjectRouteDefinition): void {
  for (const prefix of ['/api/projects/:project_id', '/api/environments/:project_id']) {
    app.route({
      method: def.method,
      url: prefix + def.path,
      schema: def.schema,
      config: { scope: def.scope },
      preValidation: async (request) => {
        const principal = await authenticator.authenticate({
          headers: request.headers,
          body: request.body,
          query: request.query as Record<string, unknown>,
        });
        const { project_id } = request.params as { project_id: string };
        authorized.set(request, { principal, project: await authenticator.authorizeProject(principal, project_id, def.scope) });
      },
      handler: async (request, reply) => {
        const { principal, project } = authorized.get(request)!;
        return def.handler({ project, principal, request, reply });
      },
    });
  }
}

/** An absolute URL for pagination links, on the host the client used. */
export function absoluteUrl(request: FastifyRequest, pathAndQuery: string): string {
  return `${request.protocol}://${request.host}${pathAndQuery}`;
}
