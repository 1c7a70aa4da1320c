import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { InsightQueryDeps } from '../insights/insight-query.js';
import { AppError, notFound, validationError } from '../platform/app-error.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import { queryJob } from '../query/query-jobs.js';
import { sharedWebQuery } from './shared-web-query.js';
import type { SharingRepository } from './sharing-repository.js';
import { plausibleAccessToken } from './sharing-token.js';

export interface SharedWebRouteDeps {
  sharing: SharingRepository;
  projects: Pick<ProjectRepository, 'findById'>;
  query: InsightQueryDeps;
}

const RETRY_AFTER_SECONDS = 2;

/**
 * `POST /api/shared/:access_token/query/ {query}`: the figures of a shared web analytics page, for anyone with the
 * link. Only a link that shares a project's web analytics page, and only the page's own queries (shared-web-query.ts),
 * run against that project alone; an unknown, disabled or rotated token is a 404 like any shared link. Answers are
 * computed blocking (a viewer without credentials cannot poll) and come from the same cache and per-project
 * concurrency limit as the signed-in page's.
 */
export function registerSharedWebQueryRoute(app: FastifyInstance, deps: SharedWebRouteDeps): void {
  app.post('/api/shared/:access_token/query/', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = (request.params as { access_token: string }).access_token;
    const sharing = plausibleAccessToken(token) ? await deps.sharing.findEnabled(token) : null;
    const project = sharing?.target.kind === 'web' ? await deps.projects.findById(sharing.teamId) : null;
    if (!project) throw notFound();
    const asked = sharedWebQuery((request.body as { query?: unknown } | null)?.query);
    if (!asked.ok) throw validationError(asked.detail, 'query');
    try {
      const mode = asked.live ? 'force_blocking' : 'blocking';
      const { status, body } = await deps.query.executor.execute(queryJob(asked.query, project, deps.query.jobs), mode, randomUUID());
      return reply.code(status).send(body);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw error;
    }
  });
}
