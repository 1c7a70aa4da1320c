// Frequentist figures of one variant against control: the p-value from the test that fits the metric, and a
// confidence interval on the relative difference (the scale PostHog reports).
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { phiInverse } from './normal-distribution.js';
import { relativeDifference } from './relative-difference.js';
import { twoProportionZTest, welchTTest, zTest, type TestStatistic } from './frequentist-tests.js';
import type { MetricType } from './stats-types.js';
import type { Moments } from './variant-moments.js';

export interface FrequentistFigures {
  p_value: number;
  confidence_interval: [number, number];
  significant: boolean;
}

function pickTest(metricType: MetricType, control: Moments, variant: Moments, adjusted: boolean): TestStatistic {
  // CUPED-adjusted funnels are no longer counts of successes, so they take the means test.
  if (metricType === 'funnel' && !adjusted) {
    return twoProportionZTest(
      { n: control.n, successes: Math.round(control.mean * control.n) },
      { n: variant.n, successes: Math.round(variant.mean * variant.n) },
    );
  }
  if (metricType === 'ratio') return zTest(relativeDifference(variant, control));
  return welchTTest(control, variant);
}

/**
 * p-value, confidence interval of (μ_v − μ_c)/μ_c and significance at 1 − confidenceLevel. The interval uses the
 * Welch t quantile for means, the normal quantile otherwise.
 * @example frequentistComparison('funnel', { n: 5000, mean: 0.1, variance: 0.09 }, { n: 5000, mean: 0.13, variance: 0.1131 }, 0.95).significant // true
 */
export function frequentistComparison(
  metricType: MetricType,
  control: Moments,
  variant: Moments,
  confidenceLevel: number,
  adjusted = false,
): FrequentistFigures {
  const alpha = 1 - confidenceLevel;
  const test = pickTest(metricType, control, variant, adjusted);
  const relative = relativeDifference(variant, control);
  const quantile = Number.isFinite(test.df) ? tQuantile(1 - alpha / 2, test.df) : phiInverse(1 - alpha / 2);
  const margin = quantile * Math.sqrt(relative.variance);
  return {
    p_value: test.p_value,
    confidence_interval: [relative.value - margin, relative.value + margin],
    significant: test.p_value < alpha,
  };
}
