import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { compileHogQL } from '@warren/query/hogql/compile-hogql';
import type { Authenticator } from '../auth/authenticator.js';
import { validationError } from '../platform/app-error.js';
import { DEFAULT_PAGE_SIZE } from '../platform/pagination.js';
import { absoluteUrl, registerProjectRoute } from '../platform/project-route.js';
import { toQueryError } from '../query/query-errors.js';
import { shapeValue } from '../query/shape-values.js';
import { parseRelativeOrIsoDate } from './parse-date-param.js';
import type { EventStore } from '../storage/event-store.js';

const ListQuery = Type.Object({
  event: Type.Optional(Type.String({ maxLength: 400 })),
  distinct_id: Type.Optional(Type.String({ maxLength: 400 })),
  person_id: Type.Optional(Type.String({ maxLength: 100 })),
  after: Type.Optional(Type.String({ maxLength: 100 })),
  before: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

type ListParams = { event?: string; distinct_id?: string; person_id?: string; after?: string; before?: string; limit?: number };

/** `GET /events/`: newest first, filtered by event, the person of a distinct id, person id and time; `next` pages by `before`. */
export function registerEventsRoutes(app: FastifyInstance, authenticator: Authenticator, store: EventStore): void {
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/events/',
    scope: 'query:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as ListParams;
      const limit = q.limit ?? DEFAULT_PAGE_SIZE;
      const now = new Date();
      const after = q.after ? parseRelativeOrIsoDate(q.after, now) : new Date(0);
      const before = q.before ? parseRelativeOrIsoDate(q.before, now) : new Date(now.getTime() + 5000);
      if (!after || !before) throw validationError('after and before must be ISO 8601 dates or relative dates like -24h.', after ? 'before' : 'after');
      const where = ['timestamp >= {after}', 'timestamp < {before}'];
      const values: Record<string, unknown> = { after, before };
      if (q.event) (where.push('event = {event}'), (values.event = q.event));
      if (q.distinct_id) {
        where.push('person_id in (select person_id from events where distinct_id = {distinct_id})');
        values.distinct_id = q.distinct_id;
      }
      if (q.person_id) (where.push('toString(person_id) = {person_id}'), (values.person_id = q.person_id.toLowerCase()));
      const hogqlText = `select toString(uuid), distinct_id, properties, event, timestamp, elements_chain, person_id, person.properties, person.is_identified
        from events where ${where.join(' and ')} order by timestamp desc, uuid desc limit ${limit}`;
      let rows: unknown[][];
      try {
        const compiled = await compileHogQL({ query: hogqlText, teamId: project.id, timezone: 'UTC', values });
        const result = await store.query(compiled.sql, compiled.params, { timeoutMs: 10_000 });
        rows = result.rows.slice(0, limit).map((r) => r.map((v, i) => shapeValue(v, result.columns[i].type)));
      } catch (error) {
        throw toQueryError(error);
      }
      const results = rows.map(([uuid, distinctId, properties, event, timestamp, elementsChain, personId, personProps, identified]) => ({
        id: uuid,
        distinct_id: distinctId,
        properties: JSON.parse(String(properties)) as unknown,
        event,
        timestamp: String(timestamp).replace(/Z$/, '+00:00'),
        person: personProps === null ? null : { id: personId, is_identified: Boolean(identified), properties: JSON.parse(String(personProps)) as unknown },
        elements: [],
        elements_chain: elementsChain,
      }));
      const last = results.at(-1);
      const nextParams = new URLSearchParams({ ...(q as Record<string, string>), limit: String(limit), before: last ? String(last.timestamp) : '' });
      return {
        next: results.length === limit && last ? absoluteUrl(request, `${request.url.split('?')[0]}?${nextParams.toString()}`) : null,
        results,
      };
    },
  });
}
