import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/** Records every request's latency under its route pattern (never the raw URL, so label sets stay bounded). */
export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
