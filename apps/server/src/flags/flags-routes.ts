import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeCaptureBody } from '../ingest/decode-body.js';
import type { IngestLimits } from '../ingest/limits.js';
import { registerRawBodyRoutes } from '../ingest/raw-body-scope.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import { remoteConfig } from '../remote-config/remote-config.js';
import { evaluateFlagsRequest, type FlagsRequestBody, type FlagsRequestDeps } from './evaluate-request.js';
import { flagsV1Response, flagsV2Body } from './flags-response.js';

export interface FlagsRouteOptions {
  deps: FlagsRequestDeps;
  projects: ProjectRepository;
  limits: IngestLimits;
  bodyChunkTimeoutMs: number;
}

/**
 * `/flags` and `/decide` in every shape the SDKs read, with every body encoding capture accepts; `config=true` and
 * decide v3+ carry the remote config like PostHog's.
 */
export async function registerFlagsRoutes(app: FastifyInstance, options: FlagsRouteOptions): Promise<void> {
  const limits = { maxBytes: options.limits.maxWireBytes, chunkTimeoutMs: options.bodyChunkTimeoutMs };
  await registerRawBodyRoutes(app, limits, (scope) => {
    for (const path of ['/flags', '/decide']) {
      scope.post(path, (request, reply) => answer(request, reply, options, path));
      scope.get(path, (request, reply) => answer(request, reply, options, path));
    }
  });
}

async function answer(request: FastifyRequest, reply: FastifyReply, options: FlagsRouteOptions, path: string) {
  const query = request.query as Record<string, string | undefined>;
  const decoded = decodeCaptureBody(
    {
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      contentType: request.headers['content-type'],
      contentEncoding: request.headers['content-encoding'],
      query,
    },
    options.limits,
  );
  if (!decoded.ok) return reply.code(decoded.error.status).send({ type: 'validation_error', code: decoded.error.code, detail: decoded.error.detail, attr: null });
  const body = (decoded.value ?? {}) as Record<string, unknown>;
  const token = [body.token, body.api_key, body.$token, query.token].find((t): t is string => typeof t === 'string');
  const project = token ? await options.projects.findByToken(token) : null;
  if (!project) {
    return reply.code(401).send({ type: 'authentication_error', code: 'invalid_api_key', detail: 'Project API key invalid. You can find your project API key in Warren project settings.', attr: null });
  }
  const version = Number(query.v ?? '1');
  const withConfig = query.config === 'true' || (path === '/decide' && version >= 3);
  const disabled = body.disable_flags === true;
  // One flag set for the whole request, so the answer describes exactly the flags that were evaluated.
  const set = options.deps.projectFlags.fresh(project.id) ?? (await options.deps.projectFlags.forProject(project.id));
  const result = disabled
    ? { flags: [], unresolved: {}, errorsWhileComputingFlags: false }
    : await evaluateFlagsRequest(options.deps, project, set, body as FlagsRequestBody);
  const config = withConfig ? remoteConfig(project, set.definitions.some((f) => f.active)) : null;
  if (path === '/flags' && version >= 2) {
    return reply.type('application/json; charset=utf-8').send(flagsV2Body(result, set, config ? JSON.stringify(config) : undefined));
  }
  const base = flagsV1Response(result);
  return reply.send(config ? { ...config, ...base } : base);
}
