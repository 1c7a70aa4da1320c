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
import type { FlagsLoadJob, FlagsWorkerResult } from './load.js';
import { COMPANY_GROUP_TYPE, companyOfPerson, distinctIdOf } from './population.js';

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
      setupRequest: (request) => {
        const i = Math.floor(rng() * job.persons);
        const body = { token: job.token, distinct_id: distinctIdOf(i), groups: { [COMPANY_GROUP_TYPE]: companyOfPerson(i, job.companies) } };
        return { ...request, body: JSON.stringify(body) };
      },
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
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  return {
    ...loadWorkerResult(warmup, result, cpu, { p50Ms: at(0.5), p99Ms: at(0.99) }),
    latencyP90Ms: at(0.9),
    latencyP999Ms: at(0.999),
    latencyMaxMs: sorted.length === 0 ? NaN : sorted[sorted.length - 1],
    activeFraction: activeFraction(starts, latencies),
    // Whole microseconds: rounds of one row are pooled by the parent (merge-rounds.ts).
    latenciesUs: latencies.map((l) => Math.round(l * 1000)),
  };
}

/**
 * Share of the timed run during which at least one request was in flight: near 1 when the target is saturated,
 * well below 1 when autocannon's fixed rate sends each second's budget in a burst and then waits.
 */
function activeFraction(starts: number[], latencies: number[]): number {
  if (starts.length === 0) return NaN;
  const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  let busyMs = 0;
  let from = starts[order[0]];
  let to = from + latencies[order[0]];
  let last = to;
  for (const i of order) {
    const start = starts[i];
    const end = start + latencies[i];
    last = Math.max(last, end);
    if (start > to) {
      busyMs += to - from;
      from = start;
      to = end;
    } else to = Math.max(to, end);
  }
  busyMs += to - from;
  return busyMs / (last - starts[order[0]]);
}

serveLoadJob(run);
