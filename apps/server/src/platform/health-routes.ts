import type { FastifyInstance } from 'fastify';
import type { IngestPipeline } from '../ingest/ingest-pipeline.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { Metrics } from './metrics.js';
import { sql } from 'kysely';

/** Liveness, readiness (both stores answer and the write-ahead log takes appends) and Prometheus metrics. */
export function registerHealthRoutes(app: FastifyInstance, deps: { eventStore: EventStore; metaDb: MetaDb; metrics: Metrics; pipeline: Pick<IngestPipeline, 'accepting'> }): void {
  app.get('/_health', async () => ({ status: 'ok' }));
  app.get('/_ready', async (request, reply) => {
    const events = await deps.eventStore.ping();
    const meta = await sql`select 1`.execute(deps.metaDb).then(() => true, () => false);
    const ingest = deps.pipeline.accepting;
    const ready = events && meta && ingest;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', event_store: events, meta_store: meta, write_ahead_log: ingest });
  });
  app.get('/_metrics', async (request, reply) => {
    return reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}
