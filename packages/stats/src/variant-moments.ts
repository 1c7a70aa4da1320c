// Per-unit mean and variance of one variant from its sufficient statistics. Ratios use the delta method so every
// metric type reduces to "an estimate with a standard error", which is what the normal-model tests consume.
import type { MetricType, VariantStatistics } from './stats-types.js';

export interface Moments {
  /** exposed units */
  n: number;
  /** per-unit mean (conversion rate, mean value, or ratio Σnum/Σden) */
  mean: number;
  /** per-unit variance, so Var(mean) = variance / n */
  variance: number;
}

/**
 * Sample variance from n, Σy and Σy² (n − 1 denominator; 0 for a single unit).
 * @example sampleVariance(3, 6, 14) // 1 (values 1, 2, 3)
 */
export function sampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
}

/**
 * Sample covariance from n, Σx, Σy and Σxy.
 * @example sampleCovariance(3, 6, 6, 14) // 1
 */
export function sampleCovariance(n: number, sumX: number, sumY: number, sumProducts: number): number {
  if (n < 2) return 0;
  return (sumProducts - (sumX * sumY) / n) / (n - 1);
}

/**
 * The per-unit mean and variance of a variant for its metric type. A funnel's variance is p(1 − p) (the binomial
 * variance PostHog and statsmodels use); a ratio's is the delta-method variance of Σnum/Σden times n.
 * @example variantMoments({ key: 'control', numberOfSamples: 1000, sum: 100, sumSquares: 100 }, 'funnel') // { n: 1000, mean: 0.1, variance: 0.09 }
 */
export function variantMoments(variant: VariantStatistics, metricType: MetricType): Moments {
  const n = variant.numberOfSamples;
  if (metricType === 'funnel') {
    const p = n > 0 ? variant.sum / n : 0;
    return { n, mean: p, variance: p * (1 - p) };
  }
  const numeratorVariance = sampleVariance(n, variant.sum, variant.sumSquares);
  if (metricType === 'mean') return { n, mean: n > 0 ? variant.sum / n : 0, variance: numeratorVariance };
  const denominatorSum = variant.denominatorSum ?? 0;
  const m = variant.sum / n;
  const d = denominatorSum / n;
  const denominatorVariance = sampleVariance(n, denominatorSum, variant.denominatorSumSquares ?? 0);
  const covariance = sampleCovariance(n, variant.sum, denominatorSum, variant.numeratorDenominatorSumProduct ?? 0);
  const variance = numeratorVariance / d ** 2 + (m ** 2 * denominatorVariance) / d ** 4 - (2 * m * covariance) / d ** 3;
  return { n, mean: d === 0 ? 0 : m / d, variance: Math.max(0, variance) };
}
