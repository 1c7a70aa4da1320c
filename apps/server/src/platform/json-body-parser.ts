import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';

/**
 * JSON bodies for the management API. An empty body with a JSON content type (some clients send the header on
 * every request, DELETE and GET included) reads as no body instead of failing before the route runs.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - the request body is not valid JSON.'), undefined);
    }
  });
}
