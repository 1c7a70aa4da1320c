/**
 * The load generator, run as its own forked process so it competes for the cores like a real client would: builds
 * the request pool, warms up, then measures with autocannon and reports over IPC. Every connection walks the pool in
 * order, so the server sees `poolSize` different bodies in rotation.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadWorkerMessage } from './load.js';
import { buildRequestPool, SCENARIOS } from './payloads.js';

async function run(job: LoadJob): Promise<void> {
  const scenario = SCENARIOS.find((s) => s.name === job.scenario);
  if (!scenario) throw new Error(`unknown scenario ${job.scenario}`);
  const requests = buildRequestPool(scenario, job.token).map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body }));
  const options = { url: job.url, connections: job.connections, timeout: 30, requests };

  const warmup = await autocannon({ ...options, duration: job.warmupSec });
  send({ type: 'measuring' });
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ ...options, duration: job.durationSec });
  const cpu = process.cpuUsage(cpuBefore);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  send({
    type: 'result',
    warmup2xx: warmup['2xx'],
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    statusCodes,
    cpuSec: (cpu.user + cpu.system) / 1e6,
  });
}

function send(message: LoadWorkerMessage): void {
  process.send?.(message);
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
