/** Runs one `/flags` load against one target from a separate load-generator process (load-worker.ts). */
import type { LoadWorkerResult } from '../ingest/load.js';
import { forkTs, machineBusyCpuSec, processCpuSec } from '../ingest/processes.js';

export interface FlagsLoadJob {
  url: string;
  token: string;
  /** Requests pick a person uniformly among `person-0` … `person-(persons-1)`. */
  persons: number;
  companies: number;
  connections: number;
  warmupSec: number;
  durationSec: number;
  /** autocannon's `overallRate` (requests/s over all connections); null = as fast as the target answers. */
  overallRate: number | null;
  seed: number;
}

/** bench/ingest's worker result, with latency from per-request times instead of autocannon's 1 ms histogram. */
export interface FlagsWorkerResult extends LoadWorkerResult {
  latencyP90Ms: number;
  latencyP999Ms: number;
  latencyMaxMs: number;
  /** Share of the timed run with at least one request in flight. */
  activeFraction: number;
}

export type FlagsLoadMessage = { type: 'measuring' } | FlagsWorkerResult;

export interface FlagsLoadResult extends FlagsWorkerResult {
  /** Core-seconds the target process used during the timed run (null off Linux). */
  serverCpuSec: number | null;
  /** Core-seconds everything else on the machine used during the timed run (noisy neighbours). */
  otherCpuSec: number | null;
  /** Wall-clock bounds of the timed run (ms since the epoch), to cut a CPU profile to it. */
  measuredFromMs: number;
  measuredToMs: number;
}

/** Warms up then measures `job` against the server whose process id is `serverPid`. */
export function runFlagsLoad(job: FlagsLoadJob, serverPid: number): Promise<FlagsLoadResult> {
  // forkTs resolves entry points beside bench/ingest's processes.ts.
  const child = forkTs('../flags/load-worker.ts');
  return new Promise((resolve, reject) => {
    let cpuAtStart: number | null = null;
    let machineAtStart: number | null = null;
    let measuredFromMs = 0;
    let done = false;
    child.on('message', (message: FlagsLoadMessage) => {
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
      if (!done) reject(new Error(`flags load generator exited with ${code} before reporting`));
    });
    child.send(job);
  });
}
