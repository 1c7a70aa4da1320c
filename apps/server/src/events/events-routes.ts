import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import { CsvSpool } from '../exports/csv-spool.js';
import { validationError } from '../platform/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../platform/pagination.js';
import { absoluteUrl, registerProjectRoute } from '../platform/project-route.js';
import { toQueryError } from '../query/query-errors.js';
import type { EventStore } from '../storage/event-store.js';
import { eventFiltersFrom, type EventFilterParams } from './event-filter-params.js';
import { readEventPages } from './event-pages.js';
import type { EventFilters, EventRow } from './event-query.js';
import { toEventView } from './event-view.js';

const ListQuery = Type.Object({
  event: Type.Optional(Type.String({ maxLength: 400, description: 'Only events of this name, e.g. `$pageview`.' })),
  distinct_id: Type.Optional(Type.String({ maxLength: 400, description: 'Only events of the person who owns this distinct id.' })),
  person_id: Type.Optional(Type.String({ maxLength: 100, description: 'Only events of this person (uuid).' })),
  properties: Type.Optional(Type.String({ maxLength: 100_000, description: 'JSON list of property filters (or an AND/OR group).' })),
  after: Type.Optional(Type.String({ maxLength: 100, description: 'ISO 8601 or relative (`-24h`) lower bound; default: all time.' })),
  before: Type.Optional(Type.String({ maxLength: 100, description: 'ISO 8601 or relative upper bound; default: now + 5 s.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'JSON: at most 1000 (default 100). CSV: default 3500, at most 100000.' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});

type ListParams = EventFilterParams & { limit?: number; format?: 'json' | 'csv' };

const MAX_JSON_LIMIT = 1000;
/** PostHog's `CSV_EXPORT_DEFAULT_LIMIT` and `CSV_EXPORT_MAXIMUM_LIMIT`; the export jobs have no limit. */
const CSV_DEFAULT_LIMIT = 3_500;
const CSV_MAX_LIMIT = 100_000;
const CSV_PAGE_SIZE = 10_000;

/**
 * `GET /events/`: newest first, filtered by event, the person of a distinct id, person id, properties and time;
 * JSON pages by `before` (`next`); `?format=csv` streams PostHog's flattened CSV of up to 100,000 events.
 */
export function registerEventsRoutes(app: FastifyInstance, authenticator: Authenticator, store: EventStore, dataDir: string): void {
  const spoolDir = path.join(dataDir, 'exports', 'spool');
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/events/',
    scope: 'query:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request, reply }) => {
      const q = request.query as ListParams;
      const filters = eventFiltersFrom(q, new Date());
      if (q.format === 'csv') {
        const limit = Math.min(q.limit ?? CSV_DEFAULT_LIMIT, CSV_MAX_LIMIT);
        const spool = await spoolCsv(store, project.id, filters, limit, spoolDir);
        const csv = spool.csv();
        csv.once('close', () => void spool.remove());
        return reply.type('text/csv; charset=utf-8').send(csv);
      }
      if (q.limit !== undefined && q.limit > MAX_JSON_LIMIT) throw validationError(`Ensure this value is less than or equal to ${MAX_JSON_LIMIT}.`, 'limit', 'max_value');
      const limit = q.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await firstPage(store, project.id, filters, limit);
      const results = rows.map(toEventView);
      const last = results.at(-1);
      const nextParams = new URLSearchParams({ ...(q as Record<string, string>), limit: String(limit), before: last ? last.timestamp : '' });
      return {
        next: results.length === limit && last ? absoluteUrl(request, `${request.url.split('?')[0]}?${nextParams.toString()}`) : null,
        results,
      };
    },
  });
}

async function firstPage(store: EventStore, teamId: number, filters: EventFilters, limit: number): Promise<EventRow[]> {
  try {
    for await (const rows of readEventPages(store, teamId, filters, { order: 'desc', pageSize: limit, limit })) return rows;
    return [];
  } catch (error) {
    throw toQueryError(error);
  }
}

/** Reads the events into a CSV spool before the first byte is sent, so a failing query still answers with an error. */
async function spoolCsv(store: EventStore, teamId: number, filters: EventFilters, limit: number, spoolDir: string): Promise<CsvSpool> {
  await fs.promises.mkdir(spoolDir, { recursive: true });
  const spool = new CsvSpool(path.join(spoolDir, `${randomUUID()}.jsonl`));
  try {
    for await (const rows of readEventPages(store, teamId, filters, { order: 'desc', pageSize: CSV_PAGE_SIZE, limit, windowed: true })) {
      for (const row of rows) await spool.add(toEventView(row));
    }
    await spool.finish();
    return spool;
  } catch (error) {
    await spool.remove();
    throw toQueryError(error);
  }
}
