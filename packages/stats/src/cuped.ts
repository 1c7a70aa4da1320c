// CUPED (Deng et al. 2013): subtract θ·(x − x̄) from each unit's metric y, where x is the same unit's pre-exposure
// value. θ is the pooled within-variant slope ΣSxy / ΣSxx — the coefficient an OLS of y on variant dummies and x
// gives — so the adjustment never absorbs the treatment effect. Variance falls by the share of y that x explains.
import type { MetricType, VariantStatistics } from './stats-types.js';
import type { Moments } from './variant-moments.js';

function hasCovariate(v: VariantStatistics): boolean {
  return v.covariateSum !== undefined && v.covariateSumSquares !== undefined && v.covariateProductSum !== undefined;
}

function sumSquaresOfY(v: VariantStatistics, metricType: MetricType): number {
  return metricType === 'funnel' ? v.sum : v.sumSquares;
}

/**
 * The pooled within-variant θ = Σ_g Sxy_g / Σ_g Sxx_g, or null when a variant lacks the covariate, x has no variance,
 * or the metric is a ratio (not adjusted).
 * @example cupedTheta([{ key: 'a', numberOfSamples: 2, sum: 3, sumSquares: 5, covariateSum: 1, covariateSumSquares: 1, covariateProductSum: 2 }], 'mean') // 1
 */
export function cupedTheta(variants: VariantStatistics[], metricType: MetricType): number | null {
  if (metricType === 'ratio' || !variants.every(hasCovariate)) return null;
  let sxx = 0;
  let sxy = 0;
  for (const v of variants) {
    const n = v.numberOfSamples;
    if (n === 0) continue;
    sxx += v.covariateSumSquares! - v.covariateSum! ** 2 / n;
    sxy += v.covariateProductSum! - (v.covariateSum! * v.sum) / n;
  }
  return sxx > 1e-12 ? sxy / sxx : null;
}

/**
 * The grand mean of the covariate over all variants (the point the adjustment is centred on).
 * @example covariateGrandMean([{ key: 'a', numberOfSamples: 2, sum: 0, sumSquares: 0, covariateSum: 4 }]) // 2
 */
export function covariateGrandMean(variants: VariantStatistics[]): number {
  const n = variants.reduce((s, v) => s + v.numberOfSamples, 0);
  return variants.reduce((s, v) => s + (v.covariateSum ?? 0), 0) / n;
}

/**
 * Moments of y − θ(x − x̄_all) for one variant: mean ȳ − θ(x̄ − x̄_all), variance s²_y − 2θ·s_xy + θ²·s²_x.
 * @example cupedAdjustedMoments({ key: 'a', numberOfSamples: 3, sum: 6, sumSquares: 14, covariateSum: 6, covariateSumSquares: 14, covariateProductSum: 14 }, 1, 2, 'mean') // { n: 3, mean: 2, variance: 0 }
 */
export function cupedAdjustedMoments(v: VariantStatistics, theta: number, grandMean: number, metricType: MetricType): Moments {
  const n = v.numberOfSamples;
  const meanY = v.sum / n;
  const meanX = v.covariateSum! / n;
  const varY = n > 1 ? (sumSquaresOfY(v, metricType) - v.sum ** 2 / n) / (n - 1) : 0;
  const varX = n > 1 ? (v.covariateSumSquares! - v.covariateSum! ** 2 / n) / (n - 1) : 0;
  const covXY = n > 1 ? (v.covariateProductSum! - (v.covariateSum! * v.sum) / n) / (n - 1) : 0;
  return { n, mean: meanY - theta * (meanX - grandMean), variance: Math.max(0, varY - 2 * theta * covXY + theta * theta * varX) };
}
