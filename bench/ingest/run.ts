/**
 * `npm run bench:ingest`: Warren (fsync on) against a parse-only baseline server on the same payloads, for batches of
 * 100 and 10 events and for single browser events, each from a separate load-generator process. After each Warren
 * run it waits for the store to catch up and checks that every acknowledged event was stored. Prints, never fails.
 *
 * Flags: --connections=64 --warmup=2 --duration=10 --only=batch-100,single
 *        --cpu-prof=/tmp/prof   (diagnostic runs: write a CPU profile of the Warren process; see summarize-profile.ts)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnWarren, type WarrenProcess } from '../../tests/support/spawn-warren.js';
import { parseCliFlags, readLoadFlags, type LoadFlags } from '../shared/cli-flags.js';
import type { ServerProcess } from '../shared/server-process.js';
import { startParseOnlyBaseline } from '../shared/parse-only-baseline.js';
import { runLoad, type LoadResult } from './load.js';
import { SCENARIOS, type Scenario } from './payloads.js';
import { eventsPerSec, formatReport, reqPerSec, type DurabilityCheck, type RunSettings, type ScenarioReport } from './report.js';
import { readIngestGauges, storedEventCount, type IngestGauges } from './warren-probe.js';

const FLUSH_INTERVAL_MS = 1000;
const DRAIN_TIMEOUT_MS = 60_000;

type Flags = LoadFlags;

function parseFlags(argv: string[]): Flags {
  return readLoadFlags(parseCliFlags(argv));
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const scenarios = SCENARIOS.filter((s) => !flags.only || flags.only.has(s.name));
  const settings: RunSettings = {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    nodeVersion: process.version,
    connections: flags.connections,
    warmupSec: flags.warmupSec,
    durationSec: flags.durationSec,
    flushIntervalMs: FLUSH_INTERVAL_MS,
  };
  log(`${settings.cores} cores (${settings.cpuModel}); starting Warren and the parse-only baseline...`);
  const warrenEnv: Record<string, string> = {
    WARREN_FLUSH_INTERVAL_MS: String(FLUSH_INTERVAL_MS),
    WARREN_WAL_FSYNC: process.env.BENCH_FSYNC ?? 'true',
    // Diagnostic runs only (README): more settings for Warren, e.g. no flush during a short run.
    ...(process.env.BENCH_WARREN_ENV ? (JSON.parse(process.env.BENCH_WARREN_ENV) as Record<string, string>) : {}),
  };
  if (process.env.BENCH_WARREN_ENV) log(`diagnostic run: Warren also gets ${process.env.BENCH_WARREN_ENV}; its figures are not the bench's`);
  if (flags.cpuProfDir) {
    warrenEnv.NODE_OPTIONS = `--import=${path.join(import.meta.dirname, 'cpu-profile-hook.mjs')}`;
    warrenEnv.BENCH_CPU_PROF_DIR = path.resolve(flags.cpuProfDir);
  }
  const warren = await spawnWarren({ env: warrenEnv });
  const baseline = await startParseOnlyBaseline();
  const started = Date.now();
  const reports: ScenarioReport[] = [];
  try {
    for (const scenario of scenarios) reports.push(await runScenario(scenario, flags, warren, baseline));
  } finally {
    await baseline.stop();
    await warren.stop();
    fs.rmSync(warren.dataDir, { recursive: true, force: true });
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  console.log(formatReport(settings, reports));
}

async function runScenario(scenario: Scenario, flags: Flags, warren: WarrenProcess, baseline: ServerProcess): Promise<ScenarioReport> {
  const job = { scenario: scenario.name, connections: flags.connections, warmupSec: flags.warmupSec, durationSec: flags.durationSec };
  log(`${scenario.name} (${scenario.description}): baseline...`);
  const baselineResult = await runLoad({ ...job, url: baseline.url, token: warren.token }, baseline.pid);
  logLoad(scenario, baselineResult);

  log(`${scenario.name}: warren...`);
  const before = await readCounts(warren);
  const warrenResult = await runLoad({ ...job, url: warren.url, token: warren.token }, warren.child.pid!);
  const atEnd = await readIngestGauges(warren.url);
  logLoad(scenario, warrenResult);
  log(`  at end: lag ${atEnd.lagSec} s, buffer ${atEnd.bufferEvents} events; waiting for the store to catch up...`);
  const durability = await drain(warren, scenario, warrenResult, before, atEnd);
  log(`  stored ${durability.storedEvents} of ${durability.serverAcceptedEvents} accepted; drained in ${durability.drainMs} ms`);
  return { scenario, baseline: baselineResult, warren: warrenResult, durability };
}

interface Counts {
  gauges: IngestGauges;
  stored: number;
}

async function readCounts(warren: WarrenProcess): Promise<Counts> {
  const [gauges, stored] = await Promise.all([readIngestGauges(warren.url), storedEventCount(warren.url, warren.personalApiKey)]);
  return { gauges, stored };
}

/**
 * Waits until the store holds every event the server accepted. Requests cut off when the load generator stopped may
 * still be acknowledged a moment later, so the accepted total is re-read on every poll.
 */
async function drain(
  warren: WarrenProcess,
  scenario: Scenario,
  result: LoadResult,
  before: Counts,
  atEnd: IngestGauges,
): Promise<DurabilityCheck> {
  const startedAt = Date.now();
  let now = await readCounts(warren);
  while (now.stored < now.gauges.acceptedTotal && Date.now() - startedAt < DRAIN_TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 100));
    now = await readCounts(warren);
  }
  return {
    atEnd,
    clientAckedEvents: (result.warmup2xx + result.ok2xx) * scenario.eventsPerRequest,
    serverAcceptedEvents: now.gauges.acceptedTotal - before.gauges.acceptedTotal,
    storedEvents: now.stored - before.stored,
    drainMs: Date.now() - startedAt,
    drained: now.stored >= now.gauges.acceptedTotal,
    flushes: now.gauges.flushCount - before.gauges.flushCount,
    flushSec: now.gauges.flushSec - before.gauges.flushSec,
    flushedEvents: now.gauges.flushedTotal - before.gauges.flushedTotal,
  };
}

function logLoad(scenario: Scenario, r: LoadResult): void {
  log(`  ${Math.round(reqPerSec(r))} req/s, ${Math.round(eventsPerSec(r, scenario))} events/s, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, non-2xx ${r.non2xx}`);
}

function log(line: string): void {
  process.stderr.write(`[bench:ingest] ${line}\n`);
}

await main();
