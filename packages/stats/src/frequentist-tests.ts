// Classical two-sample tests on sufficient statistics: the two-proportion z-test (pooled, as statsmodels'
// proportions_ztest), Welch's t-test (as scipy's ttest_ind(equal_var=False)) and a plain z-test of an estimate.
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { phi } from './normal-distribution.js';
import type { Estimate } from './stats-types.js';
import type { Moments } from './variant-moments.js';

export interface TestStatistic {
  statistic: number;
  p_value: number;
  /** degrees of freedom (Welch–Satterthwaite) for t-tests, Infinity for z-tests */
  df: number;
}

/**
 * Two-sided two-proportion z-test with the pooled variance under H0: p_variant = p_control.
 * @example twoProportionZTest({ n: 1000, successes: 100 }, { n: 1000, successes: 130 }).p_value // ≈ 0.0355
 */
export function twoProportionZTest(control: { n: number; successes: number }, variant: { n: number; successes: number }): TestStatistic {
  const pooled = (control.successes + variant.successes) / (control.n + variant.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / variant.n));
  const z = (variant.successes / variant.n - control.successes / control.n) / se;
  return { statistic: z, p_value: 2 * phi(-Math.abs(z)), df: Infinity };
}

/**
 * Two-sided Welch's t-test of μ_variant = μ_control from per-group moments.
 * @example welchTTest({ n: 50, mean: 10, variance: 4 }, { n: 60, mean: 11, variance: 9 }).df // ≈ 103.3
 */
export function welchTTest(control: Moments, variant: Moments): TestStatistic {
  const vc = control.variance / control.n;
  const vv = variant.variance / variant.n;
  const t = (variant.mean - control.mean) / Math.sqrt(vc + vv);
  const df = (vc + vv) ** 2 / (vc ** 2 / (control.n - 1) + vv ** 2 / (variant.n - 1));
  return { statistic: t, p_value: 2 * tCdf(-Math.abs(t), df), df };
}

/**
 * Two-sided z-test of H0: θ = 0 for a normally distributed estimate.
 * @example zTest({ value: 0.1, variance: 0.0025 }).p_value // ≈ 0.0455
 */
export function zTest(estimate: Estimate): TestStatistic {
  const z = estimate.value / Math.sqrt(estimate.variance);
  return { statistic: z, p_value: 2 * phi(-Math.abs(z)), df: Infinity };
}
