import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

/** Every error leaves as PostHog's `{type, code, detail, attr}`; unknown errors become a generic 500 with an id to quote. */
export function installErrorHandler(app: FastifyInstance, notFoundFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean): void {
  app.setNotFoundHandler((request, reply) => {
    if (notFoundFallback?.(request, reply)) return;
    void reply.code(404).send({ type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });
  });
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error, errorId: error.errorId }, error.detail);
      return reply.code(error.status).send(error.toBody());
    }
    const known = fromFastifyError(error);
    if (known) return reply.code(known.status).send(known.toBody());
    const wrapped = new AppError(500, 'server_error', 'error', 'A server error occurred.');
    request.log.error({ err: error, errorId: wrapped.errorId }, 'unhandled error');
    return reply.code(500).send({ ...wrapped.toBody(), error_id: wrapped.errorId });
  });
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
