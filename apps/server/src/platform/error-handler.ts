import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

/** Every error leaves as PostHog's `{type, code, detail, attr}`; unknown errors become a generic 500 with an id to quote. */
export function installErrorHandler(app: FastifyInstance, notFoundFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean): void {
  app.setNotFoundHandler((request, reply) => {
    if (notFoundFallback?.(request, reply)) return;
    void reply.code(404).send({ type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });
  });
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, body } = errorAnswer(error, request.log);
    return reply.code(status).send(body);
  });
}

/**
 * The status and PostHog-shaped body for an error raised while answering: an AppError as it says (logged when it is
 * a server error), Fastify's own errors as their client errors, anything else a generic 500 with an id to quote, the
 * error logged under that id. Shared with the flags fast lane, which answers outside Fastify.
 */
export function errorAnswer(error: unknown, log: Pick<FastifyBaseLogger, 'error'>, context: Record<string, unknown> = {}): { status: number; body: Record<string, unknown> } {
  if (error instanceof AppError) {
    if (error.status >= 500) log.error({ ...context, err: error, errorId: error.errorId }, error.detail);
    return { status: error.status, body: error.toBody() };
  }
  const known = typeof error === 'object' && error !== null ? fromFastifyError(error as FastifyError) : null;
  if (known) return { status: known.status, body: known.toBody() };
  const wrapped = new AppError(500, 'server_error', 'error', 'A server error occurred.');
  log.error({ ...context, err: error, errorId: wrapped.errorId }, 'unhandled error');
  return { status: 500, body: { ...wrapped.toBody(), error_id: wrapped.errorId } };
}

function fromFastifyError(error: FastifyError): AppError | null {
  if (error.validation) {
    const first = error.validation[0];
    const attr = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '__') : ((first?.params as { missingProperty?: string })?.missingProperty ?? null);
    return new AppError(400, 'validation_error', 'invalid_input', first?.message ?? 'Invalid input.', attr);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'invalid_request', 'payload_too_large', 'Request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'invalid_request', 'unsupported_media_type', 'Unsupported media type.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(400, 'invalid_request', 'parse_error', 'Malformed request body.');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const parse = error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
    return new AppError(error.statusCode, 'invalid_request', parse ? 'parse_error' : 'invalid_request', parse ? 'JSON parse error.' : 'Bad request.');
  }
  return null;
}
