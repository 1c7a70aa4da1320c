/**
 * The `/flags` load generator for a constant arrival rate, run as its own forked process: request i is due at
 * start + i / rate whether or not earlier answers have come back (an open loop, as wrk2 and k6's constant-arrival-rate
 * executor pace), sent on a free keep-alive connection (up to `connections`; beyond that it waits for one), and its
 * latency is counted from the moment it was due, so a server that stalls is charged for every request that piled up
 * behind the stall (no coordinated omission). Requests are dispatched from a 1 ms timer: a request may leave up to
 * about a millisecond after it was due, and that wait counts in its latency too.
 *
 * autocannon's `overallRate` (load-worker.ts) paces differently: each connection sends its share of the second
 * back-to-back from the top of the second, then idles, which measures a queue of `connections` requests at
 * saturation rather than a rate. Both rows are printed.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { serveLoadJob } from '../shared/load-worker-ipc.js';
import { mulberry32 } from '../shared/seeded-random.js';
import { flagsRequestBody, type FlagsLoadJob, type FlagsWorkerResult } from './load.js';
import { activeFraction, latencyFigures } from './latency-figures.js';

interface Window {
  ok2xx: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** Due time (ms, performance.now) and latency from it (ms) of each 2xx answer. */
  dues: number[];
  latencies: number[];
}

function emptyWindow(): Window {
  return { ok2xx: 0, non2xx: 0, errors: 0, statusCodes: {}, dues: [], latencies: [] };
}

/** Sends `rate` requests a second for `seconds`, each due at its slot; resolves when every answer is in. */
function pacedRun(job: FlagsLoadJob, agent: http.Agent, rng: () => number, rate: number, seconds: number): Promise<Window & { elapsedSec: number }> {
  const window = emptyWindow();
  const target = new URL(job.url);
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  const startedAt = performance.now();
  let sent = 0;
  let answered = 0;
  return new Promise((resolve) => {
    const settle = () => {
      answered++;
      if (answered === total) resolve({ ...window, elapsedSec: (performance.now() - startedAt) / 1000 });
    };
    const send = (dueAt: number) => {
      const body = flagsRequestBody(job, rng);
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: '/flags/?v=2',
          headers: { 'content-type': 'application/json', 'user-agent': 'posthog-js/1.449.2', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.on('data', () => {});
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            window.statusCodes[status] = (window.statusCodes[status] ?? 0) + 1;
            if (status >= 200 && status <= 299) {
              window.ok2xx++;
              window.dues.push(dueAt);
              window.latencies.push(performance.now() - dueAt);
            } else window.non2xx++;
            settle();
          });
        },
      );
      request.on('error', () => {
        window.errors++;
        settle();
      });
      request.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
      for (; sent < due; sent++) send(startedAt + sent * intervalMs);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}

async function run(job: FlagsLoadJob, measuring: () => void): Promise<FlagsWorkerResult> {
  if (job.overallRate === null) throw new Error('a paced load needs a rate');
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const rng = mulberry32(job.seed);
  const warmup = await pacedRun(job, agent, rng, job.overallRate, job.warmupSec);
  measuring();
  const cpuBefore = process.cpuUsage();
  const timed = await pacedRun(job, agent, rng, job.overallRate, job.durationSec);
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  const figures = latencyFigures(timed.latencies);
  return {
    type: 'result',
    warmup2xx: warmup.ok2xx,
    ok2xx: timed.ok2xx,
    non2xx: timed.non2xx,
    errors: timed.errors,
    timeouts: 0,
    // Longer than asked when the target fell behind: req/s then shows the rate it kept up with.
    durationSec: Math.max(job.durationSec, timed.elapsedSec),
    latencyP50Ms: figures.p50Ms,
    latencyP99Ms: figures.p99Ms,
    statusCodes: timed.statusCodes,
    cpuSec: (cpu.user + cpu.system) / 1e6,
    latencyP90Ms: figures.p90Ms,
    latencyP999Ms: figures.p999Ms,
    latencyMaxMs: figures.maxMs,
    activeFraction: activeFraction(timed.dues, timed.latencies),
    latenciesUs: timed.latencies.map((l) => Math.round(l * 1000)),
  };
}

serveLoadJob(run);
