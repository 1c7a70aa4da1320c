import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerRawBodyRoutes } from '../ingest/raw-body-scope.js';
import { answerFlags, FLAGS_CONTENT_TYPE, type FlagsAnswerOptions } from './flags-answer.js';
import { singleQueryValues } from '../platform/single-query-values.js';

export interface FlagsRouteOptions extends FlagsAnswerOptions {
  bodyChunkTimeoutMs: number;
}

/**
 * `/flags` and `/decide` as Fastify routes, GET and POST. A POST to `/flags` usually never gets here: the flags fast
 * lane (flags-fast-lane.ts) answers it from the HTTP server with the same `answerFlags`.
 */
export async function registerFlagsRoutes(app: FastifyInstance, options: FlagsRouteOptions): Promise<void> {
  const limits = { maxBytes: options.limits.maxWireBytes, chunkTimeoutMs: options.bodyChunkTimeoutMs };
  await registerRawBodyRoutes(app, limits, (scope) => {
    for (const path of ['/flags', '/decide'] as const) {
      scope.post(path, (request, reply) => answer(request, reply, options, path));
      scope.get(path, (request, reply) => answer(request, reply, options, path));
    }
  });
}

async function answer(request: FastifyRequest, reply: FastifyReply, options: FlagsAnswerOptions, path: '/flags' | '/decide') {
  const { status, json } = await answerFlags(
    {
      path,
      query: singleQueryValues(request.query),
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      contentType: request.headers['content-type'],
      contentEncoding: request.headers['content-encoding'],
    },
    options,
  );
  return reply.code(status).type(FLAGS_CONTENT_TYPE).send(json);
}
