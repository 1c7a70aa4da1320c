/**
 * `npm run bench:replay`: session replay's hot paths.
 *  1. `POST /s/` ingest: posthog-js-shaped `$snapshot` batches (gzip) against Warren (WAL fsync on: 200 = durable)
 *     and against a parse-only server (gunzip + JSON.parse) in the same run, in MB/s of JSON and of wire bytes.
 *  2. The recordings list with 10,000 recordings in the project, and the time to the first snapshot block of a
 *     30-minute recording (both need the replay API; reported as not measured when it is absent).
 * Prints, never fails. Flags (or env): --connections=64 (BENCH_REPLAY_CONNECTIONS) --warmup=2 --duration=10
 * --pool=40000 bodies --recording-minutes=5 --recordings=10000 (BENCH_REPLAY_RECORDINGS) --runs=15
 * --only=ingest,list,first-block; diagnostics: BENCH_FSYNC=false (WAL without fsync: not a durable ack) and
 * --cpu-prof=DIR (a CPU profile of the ingest run's Warren; summarize with bench/ingest/summarize-profile.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnWarren } from '../../tests/support/spawn-warren.js';
import { parseCliFlags } from '../shared/cli-flags.js';
import { startParseOnlyBaseline } from '../shared/parse-only-baseline.js';
import { readIngestGauges, type IngestGauges } from '../ingest/warren-probe.js';
import { formatIngestReport, jsonMBps, wireMBps, type IngestDurability, type ReplayLoad } from './ingest-report.js';
import { runReplayLoad, type ReplayLoadJob } from './load.js';
import { measureReads, formatReadReport } from './reads.js';

const FLUSH_INTERVAL_MS = 1000;
const DRAIN_TIMEOUT_MS = 60_000;

export interface ReplayBenchFlags {
  connections: number;
  warmupSec: number;
  durationSec: number;
  poolRequests: number;
  recordingMinutes: number;
  recordings: number;
  runs: number;
  only: Set<string> | null;
  /** Diagnostic only: BENCH_FSYNC=false shows how much of the ack time is the disk's (as in bench:ingest). */
  fsync: boolean;
  /** Diagnostic: write a CPU profile of the ingest run's Warren process there (see bench/ingest/summarize-profile.ts). */
  cpuProfDir: string | null;
}

function readFlags(argv: string[], env: NodeJS.ProcessEnv): ReplayBenchFlags {
  const flags = parseCliFlags(argv);
  const knob = (name: string, fallback: number) => flags.positiveNumber(name, Number(env[`BENCH_REPLAY_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback));
  const only = flags.list('only') ?? (env.BENCH_REPLAY_ONLY ? new Set(env.BENCH_REPLAY_ONLY.split(',')) : null);
  return {
    connections: knob('connections', 64),
    warmupSec: knob('warmup', 2),
    durationSec: knob('duration', 10),
    poolRequests: knob('pool', 40_000),
    recordingMinutes: knob('recording-minutes', 5),
    recordings: knob('recordings', 10_000),
    runs: knob('runs', 15),
    only,
    fsync: env.BENCH_FSYNC !== 'false',
    cpuProfDir: flags.string('cpu-prof'),
  };
}

async function main(): Promise<void> {
  const flags = readFlags(process.argv.slice(2), process.env);
  const wants = (part: string) => !flags.only || flags.only.has(part);
  const cores = os.availableParallelism();
  const out = [`Warren replay benchmark — ${cores} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`];
  const started = Date.now();
  if (wants('ingest')) out.push('', await ingest(flags));
  if (wants('list') || wants('first-block')) out.push('', formatReadReport(await measureReads(flags, wants, log)));
  log(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(out.join('\n'));
}

async function ingest(flags: ReplayBenchFlags): Promise<string> {
  log(`ingest: starting Warren (WAL fsync ${flags.fsync ? 'on' : 'OFF'}) and the parse-only server; ${flags.connections} connections, warm-up ${flags.warmupSec} s, timed ${flags.durationSec} s`);
  const env: Record<string, string> = { WARREN_FLUSH_INTERVAL_MS: String(FLUSH_INTERVAL_MS), WARREN_WAL_FSYNC: String(flags.fsync) };
  if (flags.cpuProfDir) {
    env.NODE_OPTIONS = `--import=${path.join(import.meta.dirname, '..', 'ingest', 'cpu-profile-hook.mjs')}`;
    env.BENCH_CPU_PROF_DIR = path.resolve(flags.cpuProfDir);
  }
  const spawnedAtMs = Date.now();
  const warren = await spawnWarren({ env });
  const baseline = await startParseOnlyBaseline();
  try {
    const job = (url: string): ReplayLoadJob => ({
      url,
      token: warren.token,
      connections: flags.connections,
      warmupSec: flags.warmupSec,
      durationSec: flags.durationSec,
      poolRequests: flags.poolRequests,
      recordingMinutes: flags.recordingMinutes,
      seed: 1,
    });
    log('ingest: parse-only...');
    const baselineRun = await runReplayLoad(job(baseline.url), baseline.pid, 'parse-only');
    logLoad(baselineRun);
    log('ingest: warren...');
    const before = await readIngestGauges(warren.url);
    const warrenRun = await runReplayLoad(job(warren.url), warren.child.pid!, 'warren');
    logLoad(warrenRun);
    if (flags.cpuProfDir) {
      // The profile starts with the process, a moment after spawnedAtMs: the window is right to within its start-up.
      const [from, to] = [warrenRun.measuredFromMs, warrenRun.measuredToMs].map((ms) => ((ms - spawnedAtMs) / 1000).toFixed(1));
      log(`  CPU profile of the timed run: node --import tsx bench/ingest/summarize-profile.ts ${flags.cpuProfDir}/warren-${warren.child.pid}.cpuprofile 30 ${from} ${to}`);
    }
    const durability = await drain(warren.url, before);
    return formatIngestReport({ baseline: baselineRun, warren: warrenRun, durability, fsync: flags.fsync });
  } finally {
    await baseline.stop();
    await warren.stop();
    fs.rmSync(warren.dataDir, { recursive: true, force: true });
  }
}

/**
 * Waits until every accepted `$snapshot` is stored. Repeats (a pool that wrapped) are dropped rather than stored, so
 * an empty buffer whose flushed count has not moved for two flush intervals also counts as caught up.
 */
async function drain(url: string, before: IngestGauges): Promise<IngestDurability> {
  const startedAt = Date.now();
  let now = await readIngestGauges(url);
  let stableSince = Date.now();
  const caughtUp = (g: IngestGauges) => g.flushedTotal - before.flushedTotal >= g.acceptedTotal - before.acceptedTotal || (g.bufferEvents === 0 && Date.now() - stableSince > 2 * FLUSH_INTERVAL_MS);
  while (!caughtUp(now) && Date.now() - startedAt < DRAIN_TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await readIngestGauges(url);
    if (next.flushedTotal !== now.flushedTotal || next.bufferEvents !== 0) stableSince = Date.now();
    now = next;
  }
  return {
    acceptedSnapshots: now.acceptedTotal - before.acceptedTotal,
    storedSnapshots: now.flushedTotal - before.flushedTotal,
    drainMs: Date.now() - startedAt,
    drained: caughtUp(now),
  };
}

function logLoad(r: ReplayLoad): void {
  log(`  ${Math.round(r.acked.requests / r.durationSec)} req/s, ${jsonMBps(r).toFixed(2)} MB/s JSON, ${wireMBps(r).toFixed(2)} MB/s wire, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, non-2xx ${r.non2xx}`);
}

function log(line: string): void {
  process.stderr.write(`[bench:replay] ${line}\n`);
}

await main();
