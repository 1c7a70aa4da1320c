/**
 * Times a question on two sides (Warren and a hand-written baseline): one warm-up each, which also gives the answer,
 * then `runs` runs alternating between them, keeping the median. A side that throws HogQLError 'unsupported' while
 * warming up is unavailable; any other failure makes it an error.
 */
import { HogQLError } from '@warren/query/hogql/hogql-error';

export type Side<A> = { kind: 'measured'; medianMs: number; runsMs: number[]; answer: A } | { kind: 'unavailable' | 'error'; message: string };

export async function measureAlternating<A>(askWarren: () => Promise<A>, askBaseline: () => Promise<A>, runs: number): Promise<{ warren: Side<A>; baseline: Side<A> }> {
  let warren = await warmUp(askWarren);
  let baseline = await warmUp(askBaseline);
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    if (warren.kind === 'measured') warren = await timed(askWarren, warren, times[0]);
    if (baseline.kind === 'measured') baseline = await timed(askBaseline, baseline, times[1]);
  }
  const finish = (side: Side<A>, runsMs: number[]): Side<A> => (side.kind === 'measured' ? { ...side, medianMs: median(runsMs), runsMs } : side);
  return { warren: finish(warren, times[0]), baseline: finish(baseline, times[1]) };
}

async function warmUp<A>(ask: () => Promise<A>): Promise<Side<A>> {
  try {
    return { kind: 'measured', medianMs: NaN, runsMs: [], answer: await ask() };
  } catch (error) {
    const unsupported = error instanceof HogQLError && error.code === 'unsupported';
    return { kind: unsupported ? 'unavailable' : 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Adds one run's time to `runsMs`; a run that fails turns the side into an error. */
async function timed<A>(ask: () => Promise<A>, side: Side<A>, runsMs: number[]): Promise<Side<A>> {
  const started = performance.now();
  try {
    await ask();
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  runsMs.push(performance.now() - started);
  return side;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
