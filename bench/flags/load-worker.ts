/**
 * The `/flags` load generator, run as its own forked process: every request asks for a random stored person (and
 * that person's company as its group), warms up, then measures with autocannon and reports over IPC. Latency
 * percentiles come from each response's own send→response time in microsecond resolution (autocannon's histogram
 * keeps whole milliseconds, too coarse for a 5 ms target).
 */
import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { loadWorkerResult, serveLoadJob } from '../shared/load-worker-ipc.js';
import { mulberry32 } from '../shared/seeded-random.js';
import { flagsRequestBody, type FlagsLoadJob, type FlagsWorkerResult } from './load.js';
import { activeFraction, latencyFigures } from './latency-figures.js';

// What this worker uses of autocannon beyond bench/shared/autocannon.d.ts: a fixed overall rate, a per-request
// setup hook, and the per-response event of the returned tracker.
type BaseOptions = Parameters<typeof autocannon>[0];
type Result = Awaited<ReturnType<typeof autocannon>>;
type Request = NonNullable<BaseOptions['requests']>[number] & { setupRequest?: (request: Request) => Request };
type Options = BaseOptions & { requests: Request[]; overallRate?: number; ignoreCoordinatedOmission?: boolean };
type Tracker = EventEmitter & Promise<Result>;

function requestsFor(job: FlagsLoadJob): Request[] {
  const rng = mulberry32(job.seed);
  return [
    {
      method: 'POST',
      path: '/flags/?v=2',
      headers: { 'content-type': 'application/json', 'user-agent': 'posthog-js/1.449.2' },
      setupRequest: (request) => ({ ...request, body: flagsRequestBody(job, rng) }),
    },
  ];
}

async function run(job: FlagsLoadJob, measuring: () => void): Promise<FlagsWorkerResult> {
  const options: Options = {
    url: job.url,
    connections: job.connections,
    timeout: 30,
    requests: requestsFor(job),
    // autocannon's correction assumes an expected interval of ceil(1 / rate) = 1 ms per connection, which is not
    // how it paces requests (see README); raw per-request times are reported instead.
    ...(job.overallRate === null ? {} : { overallRate: job.overallRate, ignoreCoordinatedOmission: true }),
  };
  const warmup = await autocannon({ ...options, duration: job.warmupSec });
  measuring();
  const starts: number[] = [];
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const tracker = autocannon({ ...options, duration: job.durationSec }) as unknown as Tracker;
  tracker.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode < 200 || statusCode > 299) return;
    latencies.push(responseTimeMs);
    starts.push(performance.now() - responseTimeMs);
  });
  const result = await tracker;
  const cpu = process.cpuUsage(cpuBefore);
  const figures = latencyFigures(latencies);
  return {
    ...loadWorkerResult(warmup, result, cpu, figures),
    latencyP90Ms: figures.p90Ms,
    latencyP999Ms: figures.p999Ms,
    latencyMaxMs: figures.maxMs,
    activeFraction: activeFraction(starts, latencies),
    // Whole microseconds: rounds of one row are pooled by the parent (merge-rounds.ts).
    latenciesUs: latencies.map((l) => Math.round(l * 1000)),
  };
}

serveLoadJob(run);
