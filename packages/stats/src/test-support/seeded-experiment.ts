// Seeded simulation of exposures and conversions for the statistical-behaviour tests (A/A false positives, peeking,
// known lifts, sample-ratio mismatch). Mersenne Twister from stdlib, so every run reproduces from its seed.
import mt19937 from '@stdlib/random-base-mt19937';

/** A uniform [0, 1) generator seeded with `seed`. */
export function uniformSource(seed: number): () => number {
  const next = mt19937.factory({ seed });
  return () => next() / 4294967296;
}

/** Number of conversions among `n` units converting independently with probability `rate`. */
export function binomialDraw(uniform: () => number, n: number, rate: number): number {
  let conversions = 0;
  for (let i = 0; i < n; i++) if (uniform() < rate) conversions++;
  return conversions;
}

/** Funnel-metric sufficient statistics for a variant with `n` units and `conversions` of them converting. */
export function funnelVariant(key: string, n: number, conversions: number) {
  return { key, numberOfSamples: n, sum: conversions, sumSquares: conversions };
}
