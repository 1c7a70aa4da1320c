import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/**
 * Records every request's latency under its route pattern (never the raw URL, so label sets stay bounded). The hook
 * takes a callback rather than returning a promise, and each label set's series is looked up once, not hashed from
 * its labels on every response: this runs for each of thousands of SDK requests a second.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  const observe = httpLatencyRecorder(metrics);
  app.addHook('onResponse', (request, reply, done) => {
    observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

/**
 * Records one request's latency in seconds in the HTTP histogram, each label set's series looked up once. Also used
 * by the flags fast lane, which answers outside Fastify's hooks.
 */
export function httpLatencyRecorder(metrics: Metrics): (method: string, route: string, status: number, seconds: number) => void {
  const series = new Map<string, ReturnType<Metrics['httpDuration']['labels']>>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let labelled = series.get(key);
    if (labelled === undefined) series.set(key, (labelled = metrics.httpDuration.labels({ method, route, status: String(status) })));
    labelled.observe(seconds);
  };
}
