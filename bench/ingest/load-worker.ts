/**
 * The load generator, run as its own forked process so it competes for the cores like a real client would: builds
 * the request pool, warms up, then measures with autocannon and reports over IPC. Every connection walks the pool in
 * order, so the server sees `poolSize` different bodies in rotation.
 */
import autocannon from 'autocannon';
import { loadWorkerResult, serveLoadJob } from '../shared/load-worker-ipc.js';
import type { LoadJob } from './load.js';
import { buildRequestPool, SCENARIOS } from './payloads.js';

serveLoadJob(async (job: LoadJob, measuring) => {
  const scenario = SCENARIOS.find((s) => s.name === job.scenario);
  if (!scenario) throw new Error(`unknown scenario ${job.scenario}`);
  const requests = buildRequestPool(scenario, job.token).map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body }));
  const options = { url: job.url, connections: job.connections, timeout: 30, requests };

  const warmup = await autocannon({ ...options, duration: job.warmupSec });
  measuring();
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ ...options, duration: job.durationSec });
  const cpu = process.cpuUsage(cpuBefore);
  return loadWorkerResult(warmup, result, cpu, { p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
});
