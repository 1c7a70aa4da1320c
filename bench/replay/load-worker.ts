/**
 * The load generator, a forked process of its own: builds the pool of `/s/` bodies, then sends them with autocannon,
 * each body once across all connections (a shared cursor; a body sent twice would be deduplicated by the server),
 * counting the JSON and wire bytes of every request answered 200. Warm-up first, then the timed run.
 */
import autocannon from 'autocannon';
import { loadWorkerResult, serveLoadJob } from '../shared/load-worker-ipc.js';
import type { ReplayLoadJob, ReplayLoadResult } from './load.js';
import { buildPayloadPool, SNAPSHOT_HEADERS } from './payloads.js';

/** autocannon's per-request hooks (its bundled typing leaves them out); `context` is per connection. */
interface HookedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  setupRequest(request: HookedRequest, context: Record<string, unknown>): HookedRequest;
  onResponse(status: number, body: string, context: Record<string, unknown>): void;
}

serveLoadJob<ReplayLoadJob, ReplayLoadResult>(async (job, measuring) => {
  const pool = buildPayloadPool({ token: job.token, minRequests: job.poolRequests, recordingMinutes: job.recordingMinutes, seed: job.seed });
  let cursor = 0;
  const acked = { requests: 0, jsonBytes: 0, wireBytes: 0 };
  const request: HookedRequest = {
    method: 'POST',
    path: '/s/',
    headers: SNAPSHOT_HEADERS,
    setupRequest(req, context) {
      const payload = pool[cursor++ % pool.length];
      context.jsonBytes = payload.jsonBytes;
      context.wireBytes = payload.body.length;
      return { ...req, body: payload.body };
    },
    onResponse(status, _body, context) {
      if (status !== 200) return;
      acked.requests++;
      acked.jsonBytes += context.jsonBytes as number;
      acked.wireBytes += context.wireBytes as number;
    },
  };
  const requests = [request];
  const options = { url: job.url, connections: job.connections, timeout: 30, requests };

  const warmup = await autocannon({ ...options, duration: job.warmupSec });
  const sentInWarmup = cursor;
  Object.assign(acked, { requests: 0, jsonBytes: 0, wireBytes: 0 });
  measuring();
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ ...options, duration: job.durationSec });
  const cpu = process.cpuUsage(cpuBefore);
  const base = loadWorkerResult(warmup, result, cpu, { p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
  return { ...base, acked, poolSize: pool.length, bodiesSent: cursor, sentInWarmup };
});
