import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric Warren exports on /_metrics, in one registry owned by the app (no global state). */
export class Metrics {
  readonly registry = new Registry();
  readonly eventsAccepted = new Counter({ name: 'warren_events_accepted_total', help: 'Events acknowledged to clients', registers: [this.registry] });
  readonly eventsDropped = new Counter({
    name: 'warren_events_dropped_total',
    help: 'Events not stored, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly eventsFlushed = new Counter({ name: 'warren_events_flushed_total', help: 'Events written to the event store', registers: [this.registry] });
  readonly bufferSize = new Gauge({ name: 'warren_ingest_buffer_events', help: 'Acknowledged events waiting for the event store', registers: [this.registry] });
  private lagSource: () => number = () => 0;
  readonly ingestionLag: Gauge = new Gauge({
    name: 'warren_ingestion_lag_seconds',
    help: 'Age of the oldest acknowledged event not yet in the event store',
    registers: [this.registry],
    collect: (): void => this.ingestionLag.set(this.lagSource()),
  });
  readonly flushDuration = new Histogram({
    name: 'warren_flush_duration_seconds',
    help: 'Time to write one batch to the event store',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'warren_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Where the lag gauge reads from when scraped. */
  measureLagWith(source: () => number): void {
    this.lagSource = source;
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'warren_' });
  }
}
