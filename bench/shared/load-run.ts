/**
 * Runs one load against one target from a separate load-generator process (a worker built on load-worker-ipc.ts),
 * and measures the CPU the target process, and everything else on the machine, used during the worker's timed run.
 */
import { machineBusyCpuSec, processCpuSec } from './cpu-time.js';
import { forkTs } from './fork-ts.js';

/** What every load worker reports about its timed run (autocannon's counts plus its own CPU). */
export interface LoadWorkerResult {
  type: 'result';
  warmup2xx: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  statusCodes: Record<string, number>;
  /** CPU the load generator used during the timed run, in core-seconds. */
  cpuSec: number;
}

/** What a worker sends back: `measuring` when the timed run starts, then its result. */
export type LoadWorkerMessage<R extends LoadWorkerResult = LoadWorkerResult> = { type: 'measuring' } | R;

export type LoadRunResult<R extends LoadWorkerResult = LoadWorkerResult> = R & {
  /** CPU the target process used during the timed run, in core-seconds (null off Linux). */
  serverCpuSec: number | null;
  /** CPU every other process on the machine used during the timed run (noisy neighbours), in core-seconds. */
  otherCpuSec: number | null;
  /** Wall-clock bounds of the timed run (ms since the epoch), to cut a CPU profile to it. */
  measuredFromMs: number;
  measuredToMs: number;
};

/**
 * Forks the load worker at absolute path `workerEntry`, sends it `job`, and resolves with its result once it has
 * warmed up and measured the target whose process id is `serverPid`. `name` names the worker in the error raised
 * when it exits without reporting.
 */
export function runLoadWorker<R extends LoadWorkerResult>(workerEntry: string, job: object, serverPid: number, name: string): Promise<LoadRunResult<R>> {
  const child = forkTs(workerEntry);
  return new Promise((resolve, reject) => {
    let cpuAtStart: number | null = null;
    let machineAtStart: number | null = null;
    let measuredFromMs = 0;
    let done = false;
    child.on('message', (message: LoadWorkerMessage<R>) => {
      if (message.type === 'measuring') {
        measuredFromMs = Date.now();
        cpuAtStart = processCpuSec(serverPid);
        machineAtStart = machineBusyCpuSec();
        return;
      }
      const cpuAtEnd = processCpuSec(serverPid);
      const machineAtEnd = machineBusyCpuSec();
      done = true;
      const serverCpuSec = cpuAtStart === null || cpuAtEnd === null ? null : cpuAtEnd - cpuAtStart;
      const machineSec = machineAtStart === null || machineAtEnd === null ? null : machineAtEnd - machineAtStart;
      const otherCpuSec = serverCpuSec === null || machineSec === null ? null : Math.max(0, machineSec - serverCpuSec - message.cpuSec);
      resolve({ ...message, serverCpuSec, otherCpuSec, measuredFromMs, measuredToMs: Date.now() });
    });
    child.once('exit', (code) => {
      if (!done) reject(new Error(`${name} exited with ${code} before reporting`));
    });
    child.send(job);
  });
}
