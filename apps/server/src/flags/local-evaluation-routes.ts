import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { authenticationFailed, notFound } from '../platform/app-error.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { Project, ProjectRepository } from '../projects/project-repository.js';
import type { FlagRepository } from './flag-repository.js';
import type { ProjectFlags } from './project-flags.js';
import { singleQueryValues } from '../platform/single-query-values.js';

export interface LocalEvaluationDeps {
  projects: ProjectRepository;
  projectFlags: ProjectFlags;
  flags: FlagRepository;
}

/**
 * What server SDKs poll to evaluate flags themselves (personal API key with feature_flag:read): the project's flag
 * definitions, group type mapping and cohorts, with an ETag so an unchanged flag set costs a 304.
 */
export function registerLocalEvaluationRoutes(app: FastifyInstance, authenticator: Authenticator, deps: LocalEvaluationDeps): void {
  const byToken = async (request: FastifyRequest): Promise<Project> => {
    const secret = projectSecretKey(request.headers.authorization);
    const query = singleQueryValues(request.query);
    if (secret !== null) return projectOfSecretKey(secret, query.token, deps.projects);
    const principal = await authenticator.authenticate({ headers: request.headers, body: null, query });
    const token = query.token;
    const project = token ? await deps.projects.findByToken(token) : null;
    // A token that names no project must not fall back to another project's flags.
    if (token && !project) throw authenticationFailed('Project API key invalid. You can find your project API key in Warren project settings.');
    return authenticator.authorizeProject(principal, project ? String(project.id) : '@current', 'feature_flag:read');
  };
  for (const path of ['/flags/definitions', '/api/feature_flag/local_evaluation']) {
    app.get(path, async (request, reply) => definitions(await byToken(request), request, reply, deps));
  }
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/feature_flags/local_evaluation/',
    scope: 'feature_flag:read',
    handler: async ({ project, request, reply }) => definitions(project, request, reply, deps),
  });
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/feature_flags/:flag_key/remote_config/',
    scope: 'feature_flag:read',
    handler: async ({ project, request }) => {
      const flag = await deps.flags.getByKey(project.id, (request.params as { flag_key: string }).flag_key);
      if (!flag) throw notFound();
      const payloads = (flag.filters.payloads ?? {}) as Record<string, unknown>;
      const payload = payloads.true;
      return payload === undefined || payload === null ? null : typeof payload === 'string' ? payload : JSON.stringify(payload);
    },
  });
}

function projectSecretKey(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(phs_\S+)$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}

/** A project secret key (`phs_…`) authorizes local evaluation for its own project only. */
async function projectOfSecretKey(secret: string, token: string | undefined, projects: ProjectRepository): Promise<Project> {
  const project = await projects.findBySecretKey(secret);
  if (!project) throw authenticationFailed('Project secret API key is invalid.');
  if (token && token !== project.apiToken) throw authenticationFailed('The project secret API key does not belong to this project.');
  return project;
}

async function definitions(project: Project, request: FastifyRequest, reply: FastifyReply, deps: LocalEvaluationDeps) {
  const set = await deps.projectFlags.forProject(project.id);
  reply.header('etag', set.etag).header('cache-control', 'private, no-cache');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === set.etag)) return reply.code(304).send();
  return reply.send(set.local);
}
