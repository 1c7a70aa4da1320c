import type { FastifySchema } from 'fastify';

/** The key under which a route schema carries a body that /api/schema/ shows but Fastify does not validate. */
export const DOCUMENTED_BODY = 'documentedBody';

/**
 * A request body for the OpenAPI document only. Management routes validate their bodies in the handler, after
 * authentication: a body schema Fastify enforced would answer 400 to a caller who has not even authenticated.
 * Example: schema: { ...documentedBody(CreateBody), response: { 201: View } }
 */
export function documentedBody(schema: unknown): FastifySchema {
  return { [DOCUMENTED_BODY]: schema } as FastifySchema;
}
