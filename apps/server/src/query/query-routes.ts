import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { AppError, notFound } from '../platform/app-error.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { QueryExecutor } from './query-executor.js';
import { queryJob, type QueryJobDeps } from './query-jobs.js';
import { parseQueryRequest } from './query-request.js';

const RETRY_AFTER_SECONDS = 2;

/**
 * `POST /query/` (every refresh mode, cached and limited per project), `GET /query/:id/` to poll an async query and
 * `DELETE /query/:id/` to cancel one. PostHog counts all three as reads.
 */
export function registerQueryRoutes(app: FastifyInstance, authenticator: Authenticator, deps: QueryJobDeps, executor = new QueryExecutor()): void {
  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/query/',
    scope: 'query:read',
    handler: async ({ project, request, reply }) => {
      const { node, mode, queryId } = parseQueryRequest(request.body);
      try {
        const { status, body } = await executor.execute(queryJob(node, project, deps), mode, queryId);
        return reply.code(status).send(body);
      } catch (error) {
        if (error instanceof AppError && error.status === 429) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        throw error;
      }
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/query/:query_id/',
    scope: 'query:read',
    handler: async ({ project, request, reply }) => {
      const status = executor.asyncQueries.get(project.id, (request.params as { query_id: string }).query_id);
      if (!status) throw notFound();
      const code = status.error ? (status.error_message ? 400 : 500) : status.complete ? 200 : 202;
      return reply.code(code).send({ query_status: status });
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/query/:query_id/',
    scope: 'query:read',
    handler: async ({ project, request }) => ({ message: executor.asyncQueries.cancel(project.id, (request.params as { query_id: string }).query_id) }),
  });
}
