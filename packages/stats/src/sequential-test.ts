// Sequential testing that is safe to peek at: the mixture sequential probability ratio test (mSPRT, Johari et al.
// 2017/2022) with a normal mixing distribution N(0, τ²) over the effect. Its p-values are "always valid": checking
// them every day and stopping at the first p < α keeps the false-positive rate at or below α.
//
// Mixing variance: the test runs on the relative difference, so τ is an effect on that scale. τ = 0.1 (a prior
// effect scale of ±10 %) is the default: it is about the smallest lift most teams plan for, and the mSPRT is most
// powerful for effects near τ. A larger τ favours big, early wins; a smaller one needs more data for any result.
import { relativeDifference } from './relative-difference.js';
import type { Estimate, MetricType, VariantStatistics } from './stats-types.js';
import { variantMoments } from './variant-moments.js';

export interface SequentialOptions {
  alpha?: number;
  /** τ², the variance of the normal mixing distribution over the effect (default 0.01, i.e. τ = 0.1). */
  mixingVariance?: number;
}

export interface MsprtResult {
  /** Λ, the mixture likelihood ratio of "some effect" against "no effect" */
  likelihood_ratio: number;
  /** min(1, 1/Λ) at this look; take the running minimum over looks (alwaysValidPValues) */
  p_value: number;
  /** the (1 − α) confidence sequence: covers the true effect at every look simultaneously */
  confidence_sequence: [number, number];
  significant: boolean;
}

/**
 * mSPRT for an estimate θ̂ with sampling variance V: Λ = √(V/(V+τ²))·exp(θ̂²τ² / (2V(V+τ²))), p = min(1, 1/Λ),
 * confidence sequence θ̂ ± √(V(V+τ²)/τ² · (ln((V+τ²)/V) + 2 ln(1/α))).
 * @example msprt({ value: 0.3, variance: 0.0052 }).significant // true
 */
export function msprt(estimate: Estimate, options: SequentialOptions = {}): MsprtResult {
  const alpha = options.alpha ?? 0.05;
  const tau2 = options.mixingVariance ?? 0.01;
  const v = estimate.variance;
  const logRatio = 0.5 * Math.log(v / (v + tau2)) + (estimate.value ** 2 * tau2) / (2 * v * (v + tau2));
  const radius = Math.sqrt(((v * (v + tau2)) / tau2) * (Math.log((v + tau2) / v) + 2 * Math.log(1 / alpha)));
  const pValue = Math.min(1, Math.exp(-logRatio));
  return {
    likelihood_ratio: Math.exp(logRatio),
    p_value: pValue,
    confidence_sequence: [estimate.value - radius, estimate.value + radius],
    significant: pValue < alpha,
  };
}

/**
 * Always-valid p-values over a series of looks: the running minimum of each look's min(1, 1/Λ).
 * @example alwaysValidPValues([{ value: 0, variance: 0.01 }, { value: 0.3, variance: 0.002 }]) // [1, ≈ 1.8e-8]
 */
export function alwaysValidPValues(looks: Estimate[], options: SequentialOptions = {}): number[] {
  let best = 1;
  return looks.map((look) => (best = Math.min(best, msprt(look, options).p_value)));
}

/**
 * mSPRT on the relative difference of a variant against control at the current look.
 * @example sequentialComparison({ key: 'control', numberOfSamples: 5000, sum: 500, sumSquares: 500 }, { key: 'test', numberOfSamples: 5000, sum: 650, sumSquares: 650 }, 'funnel').significant // true
 */
export function sequentialComparison(
  control: VariantStatistics,
  variant: VariantStatistics,
  metricType: MetricType,
  options: SequentialOptions = {},
): MsprtResult {
  return msprt(relativeDifference(variantMoments(variant, metricType), variantMoments(control, metricType)), options);
}
