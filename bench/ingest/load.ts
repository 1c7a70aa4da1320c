/** Runs one load scenario against one target from a separate load-generator process (load-worker.ts). */
import type { ScenarioName } from './payloads.js';
import { forkTs, machineBusyCpuSec, processCpuSec } from './processes.js';

export interface LoadJob {
  url: string;
  scenario: ScenarioName;
  token: string;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

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

/** What the worker sends back: `measuring` when the timed run starts, then its result. */
export type LoadWorkerMessage = { type: 'measuring' } | LoadWorkerResult;

export interface LoadResult extends LoadWorkerResult {
  /** CPU the server process used during the timed run, in core-seconds (null off Linux). */
  serverCpuSec: number | null;
  /** CPU every other process on the machine used during the timed run (noisy neighbours), in core-seconds. */
  otherCpuSec: number | null;
}

/** Warms up then measures `job` against the server whose process id is `serverPid`. */
export function runLoad(job: LoadJob, serverPid: number): Promise<LoadResult> {
  const child = forkTs('load-worker.ts');
  return new Promise((resolve, reject) => {
    let cpuAtStart: number | null = null;
    let machineAtStart: number | null = null;
    let done = false;
    child.on('message', (message: LoadWorkerMessage) => {
      if (message.type === 'measuring') {
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
      resolve({ ...message, serverCpuSec, otherCpuSec });
    });
    child.once('exit', (code) => {
      if (!done) reject(new Error(`load generator for ${job.scenario} exited with ${code} before reporting`));
    });
    child.send(job);
  });
}
