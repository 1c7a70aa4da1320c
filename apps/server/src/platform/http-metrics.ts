import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/**
 * Records every request's latency under its route pattern (never the raw URL, so label sets stay bounded). The hook
 * takes a callback rather than returning a promise, and each label set's series is looked up once, not hashed from
 * its labels on every response: this runs for each of thousands of SDK requests a second.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  const series = new Map<string, ReturnType<Metrics['httpDuration']['labels']>>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const key = `${request.method} ${status} ${route}`;
    let labelled = series.get(key);
    if (labelled === undefined) series.set(key, (labelled = metrics.httpDuration.labels({ method: request.method, route, status: String(status) })));
    labelled.observe(reply.elapsedTime / 1000);
    done();
  });
}
