import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCaptureBody } from '../ingest/decode-body.js';
import type { IngestLimits } from '../ingest/limits.js';
import { registerRawBodyRoutes } from '../ingest/raw-body-scope.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import { remoteConfig } from '../remote-config/remote-config.js';

export interface FlagsRouteOptions {
  projects: ProjectRepository;
  limits: IngestLimits;
  bodyChunkTimeoutMs: number;
}

/**
 * `/flags` and `/decide` in every shape the SDKs read. Warren stores no feature flags yet, so every project
 * evaluates to an empty flag set; `config=true` and decide v3+ carry the remote config like PostHog's.
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

async function answer(request: FastifyRequest, reply: import('fastify').FastifyReply, options: FlagsRouteOptions, path: string) {
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
  const base = path === '/flags' && version >= 2
    ? { flags: {}, errorsWhileComputingFlags: false, requestId: randomUUID(), evaluatedAt: Date.now() }
    : { featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false, requestId: randomUUID() };
  return reply.send(withConfig ? { ...remoteConfig(project), ...base } : base);
}
