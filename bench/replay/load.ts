/** Runs the `/s/` load against one target from a separate load-generator process (load-worker.ts). */
import path from 'node:path';
import { runLoadWorker, type LoadRunResult, type LoadWorkerResult } from '../shared/load-run.js';

export interface ReplayLoadJob {
  url: string;
  token: string;
  connections: number;
  warmupSec: number;
  durationSec: number;
  /** Bodies generated before the run; a run that sends more wraps around (and the server deduplicates repeats). */
  poolRequests: number;
  recordingMinutes: number;
  seed: number;
}

export interface ReplayLoadResult extends LoadWorkerResult {
  /** Requests answered 200 in the timed run, and the JSON and gzip bytes they carried. */
  acked: { requests: number; jsonBytes: number; wireBytes: number };
  poolSize: number;
  /** Bodies handed to autocannon in warm-up and timed run together (in flight at the end included). */
  bodiesSent: number;
  sentInWarmup: number;
}

/** Warms up then measures `job` against the server whose process id is `serverPid`. */
export function runReplayLoad(job: ReplayLoadJob, serverPid: number, name: string): Promise<LoadRunResult<ReplayLoadResult>> {
  return runLoadWorker<ReplayLoadResult>(path.join(import.meta.dirname, 'load-worker.ts'), job, serverPid, `load generator for ${name}`);
}
