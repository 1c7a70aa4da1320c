/**
 * The load-worker side of load-run.ts: waits for its job over IPC, says when the timed run starts, sends the result
 * back and disconnects; a failure is printed and exits the worker with 1.
 */
import type autocannon from 'autocannon';
import type { LoadWorkerMessage, LoadWorkerResult } from './load-run.js';

type AutocannonResult = Awaited<ReturnType<typeof autocannon>>;

/**
 * Runs `run` on the job the parent sends. `run` calls `measuring()` as its timed run starts and resolves with the
 * result to report.
 */
export function serveLoadJob<J, R extends LoadWorkerResult>(run: (job: J, measuring: () => void) => Promise<R>): void {
  process.once('message', (job: J) => {
    run(job, () => void send({ type: 'measuring' }))
      .then((result) => send(result))
      .then(
        () => process.disconnect?.(),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}

/**
 * Sends `message` to the parent and resolves once it has been handed to the IPC channel: a large result (a row's
 * per-request latencies) is still queued when `send` returns, and disconnecting then loses it.
 */
function send(message: LoadWorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * The fields every worker reports, from autocannon's warm-up and timed-run results, the worker's CPU over the timed
 * run (`process.cpuUsage(before)`), and the latency percentiles the worker measured.
 */
export function loadWorkerResult(
  warmup: AutocannonResult,
  result: AutocannonResult,
  cpu: NodeJS.CpuUsage,
  latency: { p50Ms: number; p99Ms: number },
): LoadWorkerResult {
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count;
  return {
    type: 'result',
    warmup2xx: warmup['2xx'],
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
    latencyP50Ms: latency.p50Ms,
    latencyP99Ms: latency.p99Ms,
    statusCodes,
    cpuSec: (cpu.user + cpu.system) / 1e6,
  };
}
