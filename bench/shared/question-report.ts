/**
 * What the question benchmarks (bench:query, bench:web) share in their reports: the run's description, the
 * noisy-neighbour note, each side's median, the ratio, and the number formats.
 */
import type { Side } from './alternating-runs.js';

export interface RunInfo {
  cores: number;
  cpuModel: string;
  nodeVersion: string;
  chdbVersion: string;
  runs: number;
  askedAt: string;
  firstDay: string;
  lastDay: string;
  loadBefore: number;
  /** CPU used while the questions ran, as a share of one core: this process (chDB included), and everything else. */
  ownCpuShare: number | null;
  otherCpuShare: number | null;
}

/** Other processes using this much of a core while the questions ran make the times a floor, not a measurement. */
const NOISY_NEIGHBOUR_SHARE = 0.25;

/** The report's Notes section: the bench's own notes, and a warning when other processes loaded the machine. */
export function noteLines(run: RunInfo, notes: string[]): string[] {
  const all = [...notes];
  if ((run.otherCpuShare ?? 0) >= NOISY_NEIGHBOUR_SHARE) {
    all.push(`  Other processes used ${pct(run.otherCpuShare)} of a core while the questions ran: repeat on a quiet machine before trusting the times.`);
  }
  return ['', 'Notes', ...all];
}

/** A side's median in ms, or why there is none. */
export function sideMs(side: Side<unknown>): string {
  if (side.kind === 'measured') return side.medianMs.toFixed(1);
  return side.kind === 'unavailable' ? 'not available' : 'error';
}

/** Warren's median over the baseline's, when both were measured. */
export function medianRatio(o: { warren: Side<unknown>; baseline: Side<unknown> }): number | null {
  return o.warren.kind === 'measured' && o.baseline.kind === 'measured' ? o.warren.medianMs / o.baseline.medianMs : null;
}

export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));
export const pct = (share: number | null): string => (share === null ? 'n/a' : `${Math.round(share * 100)}%`);
export const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
