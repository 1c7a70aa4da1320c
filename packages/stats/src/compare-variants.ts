// The ExperimentQuery figures: every non-control variant against control, by the chosen method, with PostHog's
// validation, optional CUPED and an optional sample-ratio-mismatch check.
import { betaBinomialComparison } from './bayesian-beta-binomial.js';
import { normalComparison } from './bayesian-normal.js';
import { covariateGrandMean, cupedAdjustedMoments, cupedTheta } from './cuped.js';
import { frequentistComparison } from './frequentist-comparison.js';
import { relativeDifference } from './relative-difference.js';
import { sampleRatioMismatch } from './sample-ratio-mismatch.js';
import type { CompareInput, CompareResult, Goal, MetricType, VariantEcho, VariantResult, VariantStatistics } from './stats-types.js';
import { validateVariant } from './validate-variant.js';
import { variantMoments, type Moments } from './variant-moments.js';

function echo(v: VariantStatistics, failures: VariantEcho['validation_failures']): VariantEcho {
  const out: VariantEcho = { key: v.key, number_of_samples: v.numberOfSamples, sum: v.sum, sum_squares: v.sumSquares, validation_failures: failures };
  if (v.denominatorSum !== undefined) {
    out.denominator_sum = v.denominatorSum;
    out.denominator_sum_squares = v.denominatorSumSquares ?? 0;
    out.numerator_denominator_sum_product = v.numeratorDenominatorSumProduct ?? 0;
  }
  if (v.stepCounts) out.step_counts = v.stepCounts;
  return out;
}

interface Comparison {
  metricType: MetricType;
  goal: Goal;
  level: number;
  adjusted: boolean;
  control: Moments;
  controlStats: VariantStatistics;
}

function bayesian(base: VariantEcho, c: Comparison, v: Moments, stats: VariantStatistics): VariantResult {
  const figures =
    c.metricType === 'funnel' && !c.adjusted
      ? betaBinomialComparison({ n: c.control.n, successes: c.controlStats.sum }, { n: v.n, successes: stats.sum }, c.goal, c.level)
      : normalComparison(relativeDifference(v, c.control), c.goal, c.level);
  const decisive = figures.chance_to_win > c.level || figures.chance_to_win < 1 - c.level;
  return { ...base, method: 'bayesian', ...figures, significant: decisive };
}

function frequentist(base: VariantEcho, c: Comparison, v: Moments): VariantResult {
  return { ...base, method: 'frequentist', ...frequentistComparison(c.metricType, c.control, v, c.level, c.adjusted) };
}

function emptyResult(base: VariantEcho, method: 'bayesian' | 'frequentist'): VariantResult {
  return method === 'bayesian'
    ? { ...base, method, chance_to_win: null, credible_interval: null, significant: false, expected_loss: null }
    : { ...base, method, p_value: null, confidence_interval: null, significant: false };
}

/**
 * Compares every variant with control and returns PostHog's ExperimentQuery per-variant figures (intervals on the
 * relative difference). Variants failing validation, or with no variance to test, get null figures.
 * @example
 * compareVariants({ metricType: 'funnel', control: { key: 'control', numberOfSamples: 5000, sum: 500, sumSquares: 500 },
 *   variants: [{ key: 'test', numberOfSamples: 5000, sum: 650, sumSquares: 650 }] }).variant_results[0].significant // true
 */
export function compareVariants(input: CompareInput): CompareResult {
  const { metricType, control, variants, options = {} } = input;
  const method = input.method ?? 'bayesian';
  const all = [control, ...variants];
  const theta = options.cuped === false ? null : cupedTheta(all, metricType);
  const grandMean = theta === null ? 0 : covariateGrandMean(all);
  const momentsOf = (v: VariantStatistics) =>
    theta === null ? variantMoments(v, metricType) : cupedAdjustedMoments(v, theta, grandMean, metricType);
  const controlFailures = validateVariant(control, metricType, true, options.minimumSamples);
  const comparison: Comparison = {
    metricType,
    goal: input.goal ?? 'increase',
    level: options.confidenceLevel ?? 0.95,
    adjusted: theta !== null,
    control: momentsOf(control),
    controlStats: control,
  };
  const variant_results = variants.map((v) => {
    const base = echo(v, validateVariant(v, metricType, false, options.minimumSamples));
    const moments = momentsOf(v);
    const testable = relativeDifference(moments, comparison.control).variance > 0;
    if (controlFailures.length > 0 || base.validation_failures.length > 0 || !testable) return emptyResult(base, method);
    return method === 'bayesian' ? bayesian(base, comparison, moments, v) : frequentist(base, comparison, moments);
  });
  const result: CompareResult = { baseline: echo(control, controlFailures), variant_results, cuped_applied: theta !== null };
  if (options.expectedSplit) {
    result.sample_ratio_mismatch = sampleRatioMismatch(Object.fromEntries(all.map((v) => [v.key, v.numberOfSamples])), options.expectedSplit);
  }
  return result;
}
