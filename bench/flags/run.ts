/**
 * `npm run bench:flags`: seeds Warren with 100k persons (through /batch/), 1,000 companies and 50 mixed flags, checks
 * that /flags agrees with the engine, then loads `POST /flags?v=2` for random stored persons at a fixed 5,000 req/s
 * and unthrottled, against Warren and against a canned-answer node:http baseline, each from a separate load-generator
 * process. Each row's timed seconds are split into rounds that alternate between the two servers, so a machine whose
 * speed drifts within the minute (as shared VMs do) moves both sides alike. Last, with the servers stopped, times
 * `evaluateFlags` in this process. Prints, never fails.
 *
 * Flags: --rate=5000 --fixed-connections=16 --connections=64 --warmup=2 --duration=10 --rounds=3 --persons=100000
 *        --companies=1000 --only=paced,fixed,max,in-process
 *        --cpu-prof=/tmp/prof   (diagnostic runs: profile the Warren process and summarize its fixed-rate run)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import { spawnWarren, type WarrenProcess } from '../../tests/support/spawn-warren.js';
import { parseCliFlags, readLoadFlags, type LoadFlags } from '../shared/cli-flags.js';
import type { ServerProcess } from '../shared/server-process.js';
import { checkAgreement } from './agreement.js';
import { startCannedBaseline } from './baseline.js';
import { measureInProcess, type InProcessResult } from './in-process.js';
import { runFlagsLoad, type FlagsLoadJob, type FlagsLoadResult } from './load.js';
import { mergeRounds } from './merge-rounds.js';
import { formatReport, reqPerSec, TARGETS, type LoadRow, type SeedInfo } from './report.js';
import { seedCompanies, seedFlags, seedPersons } from './seed-warren.js';

const AGREEMENT_SAMPLE = 200;
const IN_PROCESS_CONTEXTS = 5_000;
const IN_PROCESS_MS = 3_000;
const ingestDir = path.join(import.meta.dirname, '..', 'ingest');

interface Flags extends LoadFlags {
  rate: number;
  fixedConnections: number;
  rounds: number;
  /** Timed seconds of each round: the row's --duration split over its rounds. */
  roundSec: number;
  persons: number;
  companies: number;
}

function parseFlags(argv: string[]): Flags {
  const flags = parseCliFlags(argv);
  const num = (name: string, fallback: number) => flags.positiveNumber(name, fallback);
  // Read in the documented order (rate, fixed-connections, connections, ...): an invalid value is reported for the first.
  const rate = num('rate', TARGETS.rate);
  const fixedConnections = num('fixed-connections', 16);
  const load = readLoadFlags(flags, num);
  const rounds = Math.max(1, Math.round(num('rounds', 3)));
  const roundSec = Math.max(1, Math.round(load.durationSec / rounds));
  return { ...load, rate, fixedConnections, rounds, roundSec, persons: num('persons', 100_000), companies: num('companies', 1_000) };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const wanted = (part: string) => !flags.only || flags.only.has(part);
  const started = Date.now();
  log(`${os.availableParallelism()} cores; starting Warren...`);
  const warrenEnv: Record<string, string> = {};
  if (flags.cpuProfDir) {
    warrenEnv.NODE_OPTIONS = `--import=${path.join(ingestDir, 'cpu-profile-hook.mjs')}`;
    warrenEnv.BENCH_CPU_PROF_DIR = path.resolve(flags.cpuProfDir);
  }
  const warrenStartedAt = Date.now();
  const warren = await spawnWarren({ env: warrenEnv });
  const seededAtMs = Date.now();
  const population = { persons: flags.persons, companies: flags.companies, seededAtMs };
  let baseline: ServerProcess | null = null;
  const rows: LoadRow[] = [];
  let seed: SeedInfo;
  let definitions: FlagDefinition[];
  let responseBytes: number;
  try {
    log(`seeding ${flags.companies} companies and ${flags.persons} persons through /batch/...`);
    await seedCompanies(warren, flags.companies);
    const timings = await seedPersons(warren, flags.persons, flags.companies, seededAtMs);
    log(`  ingested in ${timings.ingestMs} ms, all counted after ${timings.storedMs} ms; creating flags...`);
    definitions = await seedFlags(warren);
    const agreement = await checkAgreement(warren, definitions, population, AGREEMENT_SAMPLE);
    log(`  ${definitions.length} flags; /flags agrees with in-process evaluation for ${agreement.identical}/${agreement.sampled} persons`);
    seed = { ...timings, agreement };
    responseBytes = Buffer.byteLength(agreement.sampleBody);
    baseline = await startCannedBaseline(agreement.sampleBody);

    const job = (overallRate: number | null, pacing: FlagsLoadJob['pacing'], round: number): Omit<FlagsLoadJob, 'url'> => ({
      token: warren.token, persons: flags.persons, companies: flags.companies, seed: 1 + round, warmupSec: flags.warmupSec, durationSec: flags.roundSec,
      connections: overallRate === null || pacing === 'paced' ? flags.connections : flags.fixedConnections, overallRate, pacing,
    });
    const targets = { baseline: { url: baseline.url, pid: baseline.pid }, warren: { url: warren.url, pid: warren.child.pid! } };
    for (const load of ['paced', 'fixed', 'max'] as const) {
      if (!wanted(load)) continue;
      const rounds: Record<LoadRow['target'], FlagsLoadResult[]> = { baseline: [], warren: [] };
      for (let round = 0; round < flags.rounds; round++) {
        // Alternate who goes first, so neither side always follows the other's load.
        for (const target of round % 2 === 0 ? (['baseline', 'warren'] as const) : (['warren', 'baseline'] as const)) {
          log(`${target}, ${load === 'max' ? 'unthrottled' : `${flags.rate} req/s ${load === 'paced' ? 'paced' : 'in bursts'}`}, round ${round + 1} of ${flags.rounds}...`);
          const pacing = load === 'paced' ? 'paced' : 'bursts';
          const result = await runFlagsLoad({ ...job(load === 'max' ? null : flags.rate, pacing, round), url: targets[target].url }, targets[target].pid);
          log(`  ${Math.round(reqPerSec(result))} req/s, p50 ${result.latencyP50Ms.toFixed(2)} ms, p99 ${result.latencyP99Ms.toFixed(2)} ms, non-2xx ${result.non2xx}`);
          rounds[target].push(result);
        }
      }
      for (const target of ['baseline', 'warren'] as const) rows.push({ target, load, result: mergeRounds(rounds[target]), rounds: rounds[target] });
    }
  } finally {
    await baseline?.stop();
    await warren.stop();
    fs.rmSync(warren.dataDir, { recursive: true, force: true });
  }

  let inProcess: InProcessResult | null = null;
  if (wanted('in-process')) {
    log('in-process evaluateFlags (servers stopped)...');
    inProcess = measureInProcess(definitions, { ...population, contexts: IN_PROCESS_CONTEXTS, durationMs: IN_PROCESS_MS });
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
  const run = {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    nodeVersion: process.version,
    flags: definitions.length,
    persons: flags.persons,
    companies: flags.companies,
    responseBytes,
    fixedConnections: flags.fixedConnections,
    maxConnections: flags.connections,
    warmupSec: flags.warmupSec,
    durationSec: flags.roundSec * flags.rounds,
    rounds: flags.rounds,
  };
  console.log(formatReport(run, seed, rows, inProcess));
  const profiled = rows.find((r) => r.target === 'warren' && r.load === 'fixed');
  if (flags.cpuProfDir && profiled) summarizeProfile(flags.cpuProfDir, warren, (profiled.result.measuredFromMs - warrenStartedAt) / 1000, (profiled.result.measuredToMs - warrenStartedAt) / 1000);
}

/**
 * Runs bench/ingest's summarizer over the fixed-rate run. The window is measured from Warren's spawn, a little before
 * the profiler starts inside it, so it reaches up to a second back into the warm-up, which carries the same load.
 */
function summarizeProfile(dir: string, warren: WarrenProcess, fromSec: number, toSec: number): void {
  const file = path.join(path.resolve(dir), `warren-${warren.child.pid}.cpuprofile`);
  const args = ['--import', 'tsx', path.join(ingestDir, 'summarize-profile.ts'), file, '25', fromSec.toFixed(1), toSec.toFixed(1)];
  console.log(`\nCPU profile of Warren during the fixed-rate run (${file}, ${fromSec.toFixed(1)}-${toSec.toFixed(1)} s)`);
  spawnSync(process.execPath, args, { stdio: 'inherit' });
}

function log(line: string): void {
  process.stderr.write(`[bench:flags] ${line}\n`);
}

await main();
