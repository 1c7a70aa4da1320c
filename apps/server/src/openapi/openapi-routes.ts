import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { DOCUMENTED_BODY } from './documented-body.js';

const SECURITY_SCHEME = 'PersonalAPIKeyAuth';
const ACTIONS: Record<string, { collection: string; item: string }> = {
  get: { collection: 'list', item: 'retrieve' },
  post: { collection: 'create', item: 'create' },
  put: { collection: 'update', item: 'update' },
  patch: { collection: 'partial_update', item: 'partial_update' },
  delete: { collection: 'destroy', item: 'destroy' },
};

type Operation = Record<string, unknown>;
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

/**
 * `GET /api/schema/`: an OpenAPI 3 document of every management route, built from the routes themselves (their
 * TypeBox schemas and the scope each declares, as `x-required-scope`). Public, as PostHog's `/api/schema/` is.
 * Must be registered before any route, since it learns routes as they are added.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Warren API',
        version: '1.0.0',
        description: "Warren's management API, shaped as PostHog's so scripts written for PostHog's API work against it.",
      },
      components: { securitySchemes: { [SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', description: 'A personal API key, `phx_…`.' } } },
    },
    transform: ({ schema, url, route }) => {
      const scope = (route.config as { scope?: string } | undefined)?.scope;
      // Ingestion, flags for SDKs, health and static files are not the management API.
      if (!scope) return { schema: { ...(schema ?? {}), hide: true } as typeof schema, url };
      const { [DOCUMENTED_BODY]: body, ...rest } = (schema ?? {}) as Record<string, unknown>;
      return {
        schema: {
          ...rest,
          ...(body !== undefined && { body }),
          tags: [tagOf(url)],
          security: [{ [SECURITY_SCHEME]: [] }],
          'x-required-scope': scope,
        } as typeof schema,
        url,
      };
    },
    transformObject: (document) =>
      'openapiObject' in document ? (withOperationIds(document.openapiObject as unknown as OpenApiDocument) as unknown as typeof document.openapiObject) : document.swaggerObject,
  });

  app.get('/api/schema/', { schema: { hide: true } as object }, async (request, reply) => {
    if ((request.query as { format?: string }).format === 'yaml') {
      return reply.type('application/vnd.oai.openapi; charset=utf-8').send(app.swagger({ yaml: true }));
    }
    return reply.type('application/json; charset=utf-8').send(app.swagger());
  });
}

/** The resource a path is about: `/api/projects/{project_id}/exports/{export_id}/` -> `exports`. */
function tagOf(url: string): string {
  const parts = url.split('/').filter((p) => p !== '' && p !== 'api' && !p.startsWith(':') && !p.startsWith('@'));
  const scoped = parts[0] === 'projects' || parts[0] === 'environments';
  return (scoped && parts.length > 1 ? parts[1] : parts[0]) ?? 'api';
}

/**
 * DRF-style operation ids (`projects_exports_list`, `environments_events_retrieve`, `projects_exports_content_retrieve`),
 * made unique by a numeric suffix where two routes would share one.
 */
function withOperationIds(doc: OpenApiDocument): OpenApiDocument {
  const seen = new Map<string, number>();
  for (const [url, item] of Object.entries(doc.paths)) {
    const segments = url.split('/').filter((p) => p !== '' && p !== 'api');
    const names = segments.filter((p) => !p.startsWith('{') && !p.startsWith('@')).map((p) => p.replace(/[^A-Za-z0-9_]/g, '_'));
    const last = segments.at(-1) ?? '';
    const endsWithParam = last.startsWith('{') || last.startsWith('@');
    for (const [method, operation] of Object.entries(item)) {
      const action = ACTIONS[method];
      if (!action || typeof operation !== 'object') continue;
      let id = [...names, endsWithParam || names.length > 2 ? action.item : action.collection].join('_');
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id = `${id}_${n}`;
      operation.operationId = id;
    }
  }
  return doc;
}
