import type { FastifyInstance } from 'fastify';
import { DRAINED_TOO_LARGE, readRawBody, tooLargeError, type RawBodyLimits } from './read-raw-body.js';

/**
 * Registers routes in a scope where every body, whatever its content type, arrives as one raw Buffer for the
 * ingest decoders (SDKs send gzip as text/plain, base64 forms, sendBeacon blobs...).
 */
export async function registerRawBodyRoutes(app: FastifyInstance, limits: RawBodyLimits, register: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      readRawBody(request.raw, limits).then(
        (body) => done(null, body),
        (error: Error) => done(error),
      );
    });
    // A callback rather than an async hook: no promise per request on the SDK paths.
    scope.addHook('preHandler', (request, _reply, done) => {
      done(request.body === DRAINED_TOO_LARGE ? tooLargeError() : undefined);
    });
    register(scope);
  });
}
