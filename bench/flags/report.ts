/** Turns the flags benchmark's measurements into the printed tables and the issue's targets with PASS/MISS. */
import { formatTable } from '../shared/table.js';
import type { InProcessResult } from './in-process.js';
import type { FlagsLoadResult } from './load.js';
import { cpuUsPerRequestByRound } from './merge-rounds.js';

export const TARGETS = { p99MsAtRate: 5, rate: 5_000, usPerFlag: 50 };

/** A fixed-rate run counts as holding the rate when it delivered at least this share of it. */
const RATE_HELD = 0.97;
const BUSY_CORE_FRACTION = 0.85;
const NOISY_NEIGHBOUR_FRACTION = 0.25;

export interface RunInfo {
  cores: number;
  cpuModel: string;
  nodeVersion: string;
  flags: number;
  persons: number;
  companies: number;
  responseBytes: number;
  fixedConnections: number;
  maxConnections: number;
  warmupSec: number;
  durationSec: number;
  /** Alternating rounds each row's timed seconds were split into. */
  rounds: number;
}

export interface SeedInfo {
  ingestMs: number;
  storedMs: number;
  agreement: { sampled: number; identical: number; firstDifference: string | null };
}

export interface LoadRow {
  target: 'baseline' | 'warren';
  /** 'paced': one request due every 1/rate s; 'fixed': autocannon's bursts at the same rate; 'max': unthrottled. */
  load: 'paced' | 'fixed' | 'max';
  /** The rounds pooled (merge-rounds.ts). */
  result: FlagsLoadResult;
  rounds: FlagsLoadResult[];
}

export function reqPerSec(r: FlagsLoadResult): number {
  return r.ok2xx / r.durationSec;
}

export function formatReport(run: RunInfo, seed: SeedInfo, rows: LoadRow[], inProcess: InProcessResult | null): string {
  return [
    `bench:flags  ${run.cores} cores (${run.cpuModel}), Node ${run.nodeVersion}`,
    `  ${run.flags} flags, ${int(run.persons)} persons, ${int(run.companies)} companies; timed run ${run.durationSec} s per row in ${run.rounds} rounds`,
    `  alternating between baseline and Warren (each round after a ${run.warmupSec} s warm-up); a row pools its rounds`,
    '',
    'Seeding',
    `  ${int(run.persons)} persons ingested through /batch/ in ${sec(seed.ingestMs)} (${int(run.persons / (seed.ingestMs / 1000))} persons/s);`,
    `  select count() from persons reached ${int(run.persons)} after ${sec(seed.storedMs)}`,
    `  /flags vs in-process evaluateFlags for ${seed.agreement.sampled} random persons: ${seed.agreement.identical} identical` +
      (seed.agreement.firstDifference ? ` (first difference: ${seed.agreement.firstDifference})` : ''),
    '',
    `/flags?v=2 over HTTP (POST, random stored person + its company as group; ${int(run.responseBytes)}-byte response; fixed rate:`,
    ` ${run.fixedConnections} connections, max: ${run.maxConnections}; latency = each request's send->response time; "active" = share of`,
    ' the run with a request in flight; CPU = % of one core: target process, load generator, everything else;',
    ' "CPU µs/req" = target process CPU per answered request, the figure least disturbed by a busy machine)',
    loadTable(rows),
    `  CPU µs/req by round: ${rows.map((r) => `${r.target} ${r.load} ${cpuUsPerRequestByRound(r.rounds).map((v) => (v === null ? 'n/a' : int(v))).join('/')}`).join('; ')}`,
    '',
    ...(inProcess ? inProcessLines(run, inProcess) : []),
    'Targets',
    ...targetLines(rows, inProcess),
    ...noteLines(rows),
  ].join('\n');
}

function loadTable(rows: LoadRow[]): string {
  const out: string[][] = [['target', 'load', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'active', 'non-2xx', 'errors', 'target CPU', 'CPU µs/req', 'loadgen CPU', 'other CPU']];
  for (const { target, load, result: r } of rows) {
    const pct = (cpuSec: number | null) => (cpuSec === null ? 'n/a' : `${Math.round((cpuSec / r.durationSec) * 100)}%`);
    out.push([
      target,
      load === 'max' ? 'max' : `${int(TARGETS.rate)}/s ${load === 'paced' ? 'paced' : 'bursts'}`,
      int(reqPerSec(r)),
      ms(r.latencyP50Ms),
      ms(r.latencyP90Ms),
      ms(r.latencyP99Ms),
      ms(r.latencyP999Ms),
      ms(r.latencyMaxMs),
      `${Math.round(r.activeFraction * 100)}%`,
      int(r.non2xx),
      int(r.errors + r.timeouts),
      pct(r.serverCpuSec),
      r.serverCpuSec === null || r.ok2xx === 0 ? 'n/a' : int((r.serverCpuSec * 1e6) / r.ok2xx),
      pct(r.cpuSec),
      pct(r.otherCpuSec),
    ]);
  }
  return formatTable(out);
}

function inProcessLines(run: RunInfo, r: InProcessResult): string[] {
  const perFlagSum = r.perFlag.reduce((a, f) => a + f.us, 0);
  const slowest = r.perFlag.slice(0, 5).map((f) => `${f.key} ${f.us.toFixed(1)}`).join(', ');
  return [
    `In-process evaluateFlags (${r.flagsPerCall} flags per call, ${int(r.calls)} calls over random persons, this process)`,
    `  ${r.usPerFlag.toFixed(2)} µs per flag; per call (all ${r.flagsPerCall} flags): mean ${(r.usPerFlag * r.flagsPerCall).toFixed(0)} µs, p50 ${r.callP50Us.toFixed(0)} µs, p99 ${r.callP99Us.toFixed(0)} µs`,
    `  each flag alone through evaluateFlag: ${perFlagSum.toFixed(0)} µs for all ${r.perFlag.length} (so evaluateFlags adds ${(r.usPerFlag * r.flagsPerCall - perFlagSum).toFixed(0)} µs per call around them)`,
    `  slowest alone (µs): ${slowest}`,
    '',
  ];
}

function targetLines(rows: LoadRow[], inProcess: InProcessResult | null): string[] {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const find = (target: LoadRow['target'], load: LoadRow['load']) => rows.find((r) => r.target === target && r.load === load)?.result;
  const lines: string[] = [];
  const fixed = find('warren', 'fixed');
  if (fixed) {
    const held = reqPerSec(fixed) >= TARGETS.rate * RATE_HELD;
    const ok = held && fixed.latencyP99Ms <= TARGETS.p99MsAtRate && fixed.non2xx + fixed.errors === 0;
    lines.push(`  ${mark(ok)}  p99 ${ms(fixed.latencyP99Ms)} ms at ${int(reqPerSec(fixed))} req/s (target <= ${TARGETS.p99MsAtRate} ms at ${int(TARGETS.rate)} req/s${held ? '' : '; rate NOT held'})`);
  }
  if (inProcess) {
    lines.push(`  ${mark(inProcess.usPerFlag < TARGETS.usPerFlag)}  in-process evaluation ${inProcess.usPerFlag.toFixed(2)} µs per flag (target < ${TARGETS.usPerFlag} µs)`);
  }
  const [warrenMax, baselineMax] = [find('warren', 'max'), find('baseline', 'max')];
  if (warrenMax) lines.push(`  info  max ${int(reqPerSec(warrenMax))} req/s, p99 ${ms(warrenMax.latencyP99Ms)} ms`);
  if (warrenMax && baselineMax) {
    lines.push(`  info  ${(reqPerSec(warrenMax) / reqPerSec(baselineMax)).toFixed(2)} of the HTTP-only ceiling (${int(reqPerSec(baselineMax))} req/s from a canned-answer node:http server)`);
  }
  const paced = find('warren', 'paced');
  if (paced) {
    lines.push(`  info  paced ${int(TARGETS.rate)} req/s (open loop, latency from when each request was due): p99 ${ms(paced.latencyP99Ms)} ms at ${int(reqPerSec(paced))} req/s`);
  }
  const baselineFixed = find('baseline', 'fixed');
  if (fixed && baselineFixed) {
    lines.push(`  info  at ${int(TARGETS.rate)} req/s: p99 ${ms(fixed.latencyP99Ms)} ms vs ${ms(baselineFixed.latencyP99Ms)} ms for the ceiling (${(fixed.latencyP99Ms / baselineFixed.latencyP99Ms).toFixed(1)}x)`);
  }
  return lines;
}

/** A load generator near a full core, or other busy processes, make a figure a floor rather than a ceiling. */
function noteLines(rows: LoadRow[]): string[] {
  const notes: string[] = [];
  for (const { target, load, result: r } of rows) {
    if (r.cpuSec / r.durationSec >= BUSY_CORE_FRACTION) notes.push(`  ${target} ${load}: the load generator used ${Math.round((r.cpuSec / r.durationSec) * 100)}% of a core; the figure may be client-bound.`);
    if (r.otherCpuSec !== null && r.otherCpuSec / r.durationSec >= NOISY_NEIGHBOUR_FRACTION) {
      notes.push(`  ${target} ${load}: other processes used ${Math.round((r.otherCpuSec / r.durationSec) * 100)}% of a core; repeat on a quiet machine.`);
    }
  }
  return notes.length === 0 ? [] : ['', 'Notes', ...notes];
}

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));
const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : String(n));
const sec = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(1)} s`;
