/** Runs one load scenario against one target from a separate load-generator process (load-worker.ts). */
import path from 'node:path';
import { runLoadWorker, type LoadRunResult } from '../shared/load-run.js';
import type { ScenarioName } from './payloads.js';

export interface LoadJob {
  url: string;
  scenario: ScenarioName;
  token: string;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

export type LoadResult = LoadRunResult;

/** Warms up then measures `job` against the server whose process id is `serverPid`. */
export function runLoad(job: LoadJob, serverPid: number): Promise<LoadResult> {
  return runLoadWorker(path.join(import.meta.dirname, 'load-worker.ts'), job, serverPid, `load generator for ${job.scenario}`);
}
