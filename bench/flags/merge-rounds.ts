/**
 * One row of the report from the alternating rounds it was measured in: counts, CPU and durations add up, latency
 * percentiles come from every round's requests pooled, "active" is weighted by each round's duration.
 */
import type { FlagsLoadResult } from './load.js';

/** The rounds of one target and load as if they were one run (`measuredFrom/To` span the first to the last). */
export function mergeRounds(rounds: FlagsLoadResult[]): FlagsLoadResult {
  if (rounds.length === 0) throw new Error('mergeRounds needs at least one round');
  if (rounds.length === 1) return rounds[0];
  const sum = (pick: (r: FlagsLoadResult) => number) => rounds.reduce((a, r) => a + pick(r), 0);
  const sumOrNull = (pick: (r: FlagsLoadResult) => number | null) => (rounds.some((r) => pick(r) === null) ? null : sum((r) => pick(r)!));
  const durationSec = sum((r) => r.durationSec);
  const pooled = Float64Array.from(rounds.flatMap((r) => r.latenciesUs)).sort();
  const atMs = (q: number) => (pooled.length === 0 ? NaN : pooled[Math.min(pooled.length - 1, Math.floor(q * pooled.length))] / 1000);
  const statusCodes: Record<string, number> = {};
  for (const r of rounds) for (const [code, count] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    type: 'result',
    warmup2xx: sum((r) => r.warmup2xx),
    ok2xx: sum((r) => r.ok2xx),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    durationSec,
    latencyP50Ms: atMs(0.5),
    latencyP90Ms: atMs(0.9),
    latencyP99Ms: atMs(0.99),
    latencyP999Ms: atMs(0.999),
    latencyMaxMs: pooled.length === 0 ? NaN : pooled[pooled.length - 1] / 1000,
    activeFraction: sum((r) => r.activeFraction * r.durationSec) / durationSec,
    latenciesUs: Array.from(pooled),
    statusCodes,
    cpuSec: sum((r) => r.cpuSec),
    serverCpuSec: sumOrNull((r) => r.serverCpuSec),
    otherCpuSec: sumOrNull((r) => r.otherCpuSec),
    measuredFromMs: Math.min(...rounds.map((r) => r.measuredFromMs)),
    measuredToMs: Math.max(...rounds.map((r) => r.measuredToMs)),
  };
}

/** Server CPU per answered request in each round (µs), to show how far the machine drifted between rounds. */
export function cpuUsPerRequestByRound(rounds: FlagsLoadResult[]): (number | null)[] {
  return rounds.map((r) => (r.serverCpuSec === null || r.ok2xx === 0 ? null : (r.serverCpuSec * 1e6) / r.ok2xx));
}
