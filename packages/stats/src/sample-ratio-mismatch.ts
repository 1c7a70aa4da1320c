// Sample-ratio mismatch: are exposures split the way the flag says they should be? A mismatch usually means broken
// assignment or exposure logging, which biases every other figure, so it is checked on every result.
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import type { SampleRatioMismatch } from './stats-types.js';

/** The p-value below which a split is flagged (the industry convention; a real 50/50 split almost never trips it). */
export const SRM_THRESHOLD = 0.001;

/**
 * Chi-square goodness of fit of observed exposures against the expected shares (any positive weights, e.g. rollout
 * percentages); keys missing from `observed` count as 0 exposures.
 * @example sampleRatioMismatch({ control: 4500, test: 5500 }, { control: 50, test: 50 }).mismatch // true
 */
export function sampleRatioMismatch(observed: Record<string, number>, expectedShares: Record<string, number>): SampleRatioMismatch {
  const keys = Object.keys(expectedShares).filter((k) => expectedShares[k] > 0);
  const count = (k: string): number => (Object.hasOwn(observed, k) ? observed[k] : 0);
  const total = keys.reduce((s, k) => s + count(k), 0);
  const weight = keys.reduce((s, k) => s + expectedShares[k], 0);
  // Variant keys may be any name (`__proto__` too): observed is read by own keys, and the answer's maps are made with
  // Object.fromEntries, which keeps every key as a key.
  const expected = Object.fromEntries(keys.map((k) => [k, (total * expectedShares[k]) / weight]));
  const seen = Object.fromEntries(keys.map((k) => [k, count(k)]));
  let chiSquare = 0;
  for (const k of keys) if (expected[k] > 0) chiSquare += (seen[k] - expected[k]) ** 2 / expected[k];
  const df = keys.length - 1;
  const pValue = df < 1 || total === 0 ? 1 : 1 - chisquareCdf(chiSquare, df);
  return { chi_square: chiSquare, p_value: pValue, mismatch: pValue < SRM_THRESHOLD, expected, observed: seen };
}
