import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { captureRequest, type CaptureDeps } from './capture-request.js';
import { registerRawBodyRoutes } from './raw-body-scope.js';
import { singleQueryValues } from '../platform/single-query-values.js';

/** Every path an SDK posts events to; `/s/` carries session recording snapshots (stored like events, durable). */
export const CAPTURE_PATHS = ['/e', '/i/v0/e', '/capture', '/batch', '/track', '/engage', '/i/v0/ai/batch', '/s', '/i/v1/analytics/events'];

export interface CaptureRouteOptions {
  deps: CaptureDeps;
  bodyChunkTimeoutMs: number;
}

/** Capture endpoints, wire-compatible with PostHog: raw bodies of any content type, decoded by the ingest steps. */
export async function registerCaptureRoutes(app: FastifyInstance, options: CaptureRouteOptions): Promise<void> {
  const limits = { maxBytes: options.deps.limits.maxWireBytes, chunkTimeoutMs: options.bodyChunkTimeoutMs };
  await registerRawBodyRoutes(app, limits, (scope) => {
    const handler = (request: FastifyRequest, reply: FastifyReply) => handleCapture(request, reply, options.deps);
    for (const path of CAPTURE_PATHS) {
      scope.post(path, handler);
      scope.get(path, handler);
    }
  });
}

async function handleCapture(request: FastifyRequest, reply: FastifyReply, deps: CaptureDeps): Promise<FastifyReply> {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const outcome = await captureRequest(
    {
      raw: {
        body,
        contentType: request.headers['content-type'],
        contentEncoding: request.headers['content-encoding'],
        query: singleQueryValues(request.query),
      },
      ip: request.ip,
      userAgent: request.headers['user-agent'],
      bearerToken: bearer(request.headers.authorization),
    },
    deps,
  );
  if (!outcome.ok) {
    return reply.code(outcome.status).send({ type: outcome.status === 401 ? 'authentication_error' : 'validation_error', code: outcome.code, detail: outcome.detail, attr: null });
  }
  if (request.routeOptions.url === '/i/v1/analytics/events') {
    const results: Record<string, { result: string }> = {};
    for (const uuid of outcome.uuids) results[uuid] = { result: 'ok' };
    return reply.code(200).send({ results });
  }
  return reply.code(200).send({ status: 1 });
}

function bearer(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}
