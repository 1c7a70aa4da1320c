import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import { compileEventsPage } from '../events/event-query.js';
import { eventFiltersFrom } from '../events/event-filter-params.js';
import { documentedBody } from '../openapi/documented-body.js';
import { notFound } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { toQueryError } from '../query/query-errors.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { EXPORT_FORMATS, exportRequestFrom, FILE_EXTENSIONS, type ExportRequest } from './export-input.js';
import { exportFilePath } from './export-job.js';
import { ExportRepository } from './export-repository.js';
import { ExportRunner } from './export-runner.js';
import { ExportView, exportView } from './export-view.js';

export interface ExportRouteDeps {
  db: MetaDb;
  store: EventStore;
  dataDir: string;
  logger: Logger;
}

/** Exports and their files are deleted this long after they were asked for. */
export const EXPORT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const CreateBody = Type.Object({
  export_format: Type.Unsafe<string>({ type: 'string', enum: [...EXPORT_FORMATS], description: '`application/json` writes one event per line.' }),
  export_context: Type.Object(
    {
      after: Type.String({ description: 'ISO 8601 or relative (`-7d`) start of the range (inclusive).' }),
      before: Type.Optional(Type.String({ description: 'End of the range (exclusive); default now.' })),
      event: Type.Optional(Type.String()),
      distinct_id: Type.Optional(Type.String()),
      person_id: Type.Optional(Type.String()),
      properties: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'Property filters, as /events/ takes them.' })),
    },
    { additionalProperties: false },
  ),
});

const CONTENT_TYPES: Record<string, string> = {
  'text/csv': 'text/csv; charset=utf-8',
  'application/json': 'application/x-ndjson; charset=utf-8',
  'application/vnd.apache.parquet': 'application/vnd.apache.parquet',
};

/**
 * `/exports/`: create an export of events (CSV, JSON lines, Parquet) that runs in the background, follow it, and
 * download its file. The runner starts with the server and stops with it.
 */
export function registerExportRoutes(app: FastifyInstance, authenticator: Authenticator, deps: ExportRouteDeps): void {
  const repo = new ExportRepository(deps.db);
  const dir = path.join(deps.dataDir, 'exports');
  const runner = new ExportRunner(repo, deps.store, deps.logger, { dir, concurrency: 1, sweepEveryMs: 60 * 60 * 1000 });
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => runner.stop());
  const load = async (teamId: number, rawId: string) => {
    const job = /^\d{1,12}$/.test(rawId) ? await repo.get(teamId, Number(rawId)) : null;
    if (!job) throw notFound();
    return job;
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/exports/',
    scope: 'export:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const page = pageOf(request.query as { limit?: number; offset?: number });
      const { count, exports } = await repo.list(project.id, page);
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: exports.map(exportView) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/exports/',
    scope: 'export:write',
    schema: { ...documentedBody(CreateBody), response: { 201: ExportView } },
    handler: async ({ project, principal, request, reply }) => {
      const input = exportRequestFrom(request.body, new Date());
      await assertFiltersCompile(project.id, input);
      const job = await repo.create(
        project.id,
        { ...input, filename: filenameOf(input), expiresAfter: new Date(Date.now() + EXPORT_RETENTION_MS).toISOString() },
        principal.userId,
      );
      runner.enqueue(job);
      return reply.code(201).send(exportView(job));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/exports/:export_id/',
    scope: 'export:read',
    schema: { response: { 200: ExportView } },
    handler: async ({ project, request }) => exportView(await load(project.id, (request.params as { export_id: string }).export_id)),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/exports/:export_id/content/',
    scope: 'export:read',
    handler: async ({ project, request, reply }) => {
      const job = await load(project.id, (request.params as { export_id: string }).export_id);
      if (job.status !== 'complete' || !job.contentLocation) throw notFound(`This export has no content (status: ${job.status}).`);
      const file = exportFilePath(dir, job.contentLocation);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat) throw notFound('The file of this export is gone.');
      return reply
        .type(CONTENT_TYPES[job.format])
        .header('content-length', String(stat.size))
        .header('content-disposition', `attachment; filename="${job.filename}"`)
        .send(fs.createReadStream(file));
    },
  });
}

/** Refuses property filters the compiler cannot turn into SQL now, rather than as a failed job later. */
async function assertFiltersCompile(teamId: number, input: ExportRequest): Promise<void> {
  try {
    const filters = eventFiltersFrom(input.context, new Date());
    await compileEventsPage(teamId, filters, { order: 'asc', limit: 1 });
  } catch (error) {
    throw toQueryError(error);
  }
}

/** `events-2024-05-01-2024-06-01.csv`: the range in the name, as a person saving several would want. */
function filenameOf(input: ExportRequest): string {
  const day = (iso: string) => iso.slice(0, 10);
  return `events-${day(input.context.after)}-${day(input.context.before)}.${FILE_EXTENSIONS[input.format]}`;
}
