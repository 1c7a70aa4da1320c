// The relative difference (variant − control) / control and its delta-method variance: the scale every interval
// Warren (and PostHog) reports is on.
import type { Estimate } from './stats-types.js';
import type { Moments } from './variant-moments.js';

/**
 * (μ_t − μ_c)/|μ_c| with Var ≈ σ_t²/(n_t μ_c²) + μ_t² σ_c²/(n_c μ_c⁴) (independent groups, first-order delta method).
 * @example relativeDifference({ n: 1000, mean: 0.12, variance: 0.1056 }, { n: 1000, mean: 0.1, variance: 0.09 }).value // 0.2
 */
export function relativeDifference(variant: Moments, control: Moments): Estimate {
  const c = control.mean;
  // Dividing by |μ_c| keeps the sign meaning "variant is higher" when a mean metric (e.g. profit) is negative.
  const value = (variant.mean - c) / Math.abs(c);
  const variance = variant.variance / (variant.n * c * c) + (variant.mean ** 2 * control.variance) / (control.n * c ** 4);
  return { value, variance };
}

/**
 * μ_t − μ_c with Var = σ_t²/n_t + σ_c²/n_c.
 * @example absoluteDifference({ n: 100, mean: 2, variance: 1 }, { n: 100, mean: 1, variance: 1 }) // { value: 1, variance: 0.02 }
 */
export function absoluteDifference(variant: Moments, control: Moments): Estimate {
  return { value: variant.mean - control.mean, variance: variant.variance / variant.n + control.variance / control.n };
}
