/** Runs one `/flags` load against one target from a separate load-generator process (load-worker.ts). */
import path from 'node:path';
import { COMPANY_GROUP_TYPE, companyOfPerson, distinctIdOf } from './population.js';
import { runLoadWorker, type LoadRunResult, type LoadWorkerResult } from '../shared/load-run.js';

export interface FlagsLoadJob {
  url: string;
  token: string;
  /** Requests pick a person uniformly among `person-0` … `person-(persons-1)`. */
  persons: number;
  companies: number;
  connections: number;
  warmupSec: number;
  durationSec: number;
  /** Requests/s over all connections; null = as fast as the target answers (autocannon). */
  overallRate: number | null;
  /**
   * How a rate is kept: 'bursts' = autocannon's `overallRate` (each connection sends its share of the second
   * back-to-back, then waits; load-worker.ts), 'paced' = one request due every 1/rate s, latency from when it was due
   * (paced-load-worker.ts).
   */
  pacing: 'bursts' | 'paced';
  seed: number;
}

/** The shared worker result, with latency from per-request times instead of autocannon's 1 ms histogram. */
export interface FlagsWorkerResult extends LoadWorkerResult {
  latencyP90Ms: number;
  latencyP999Ms: number;
  latencyMaxMs: number;
  /** Share of the timed run with at least one request in flight. */
  activeFraction: number;
  /** Every 2xx request's send->response time, in whole µs, in answer order. */
  latenciesUs: number[];
}

export type FlagsLoadResult = LoadRunResult<FlagsWorkerResult>;

/** The body of one `/flags?v=2` request: a person drawn by `rng` among the job's, with that person's company as group. */
export function flagsRequestBody(job: Pick<FlagsLoadJob, 'token' | 'persons' | 'companies'>, rng: () => number): string {
  const i = Math.floor(rng() * job.persons);
  return JSON.stringify({ token: job.token, distinct_id: distinctIdOf(i), groups: { [COMPANY_GROUP_TYPE]: companyOfPerson(i, job.companies) } });
}

/** Warms up then measures `job` against the server whose process id is `serverPid`. */
export function runFlagsLoad(job: FlagsLoadJob, serverPid: number): Promise<FlagsLoadResult> {
  const worker = job.pacing === 'paced' && job.overallRate !== null ? 'paced-load-worker.ts' : 'load-worker.ts';
  return runLoadWorker(path.join(import.meta.dirname, worker), job, serverPid, 'flags load generator');
}
