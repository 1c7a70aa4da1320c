import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from 'pino';
import { DRAINED_TOO_LARGE, readRawBody, tooLargeError, type RawBodyLimits } from '../ingest/read-raw-body.js';
import { AppError } from '../platform/app-error.js';
import { errorAnswer } from '../platform/error-handler.js';
import { httpLatencyRecorder } from '../platform/http-metrics.js';
import type { Metrics } from '../platform/metrics.js';
import { answerFlags, FLAGS_CONTENT_TYPE, type FlagsAnswerOptions } from './flags-answer.js';
import { singleQueryValues } from '../platform/single-query-values.js';

/** Answers the request and returns true, or returns false and leaves it untouched for Fastify. */
export type FastLane = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface FlagsFastLaneOptions extends FlagsAnswerOptions {
  bodyLimits: RawBodyLimits;
  metrics: Metrics;
  logger: Logger;
}

/**
 * `POST /flags` — what posthog-js sends on every page load and the SDKs on every uncached evaluation — answered by the
 * HTTP server itself, before Fastify: routing, hooks, the reply's serializers and the CORS plugin cost a /flags
 * request about as much as evaluating 50 flags. What it does is what the Fastify route does with the same
 * `answerFlags`, and what the route's hooks add, written out: CORS as the SDK routes have it (cors-policy.ts), the
 * 413/408 of the raw-body scope, PostHog's error shape for a server error, and the request's latency in the HTTP
 * histogram under the route `/flags`. `flags-fast-lane.test.ts` sends the same requests both ways and compares
 * status, headers and body. Everything else (GET, `/decide`, preflights) goes to Fastify.
 */
export function flagsFastLane(options: FlagsFastLaneOptions): FastLane {
  const observe = httpLatencyRecorder(options.metrics);
  return (request, response) => {
    if (request.method !== 'POST') return false;
    const url = request.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (path !== '/flags' && path !== '/flags/') return false;
    const startedAt = performance.now();
    response.once('finish', () => observe('POST', '/flags', response.statusCode, (performance.now() - startedAt) / 1000));
    void serve(request, response, queryAt < 0 ? '' : url.slice(queryAt + 1), options);
    return true;
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, search: string, options: FlagsFastLaneOptions): Promise<void> {
  const origin = request.headers.origin;
  // @fastify/cors with `origin: true, credentials: true`: Vary always, the Origin mirrored when sent.
  response.setHeader('vary', 'Origin');
  if (origin) response.setHeader('access-control-allow-origin', origin);
  response.setHeader('access-control-allow-credentials', 'true');
  try {
    const body = await readRawBody(request, options.bodyLimits);
    if (body === DRAINED_TOO_LARGE) throw tooLargeError();
    const { status, json } = await answerFlags(
      {
        path: '/flags',
        query: singleQueryValues(parseQuery(search)),
        body,
        contentType: request.headers['content-type'],
        contentEncoding: request.headers['content-encoding'],
      },
      options,
    );
    send(response, status, json);
  } catch (error) {
    // A client that went away mid-body (the stream's "aborted" error) is no server error and has no one to answer.
    if (!(error instanceof AppError) && request.destroyed && !request.complete) {
      options.logger.debug({ err: error, url: request.url }, 'flags request aborted by the client');
      return;
    }
    const { status, body } = errorAnswer(error, options.logger, { url: request.url });
    // As Fastify answers an error raised while reading a body: the connection closes after the answer.
    if (status < 500 && !request.complete) response.setHeader('connection', 'close');
    send(response, status, JSON.stringify(body));
  }
}

function send(response: ServerResponse, status: number, json: Buffer | string): void {
  if (response.headersSent || response.destroyed) return;
  response.statusCode = status;
  response.setHeader('content-type', FLAGS_CONTENT_TYPE);
  response.setHeader('content-length', Buffer.byteLength(json));
  response.end(json);
}
