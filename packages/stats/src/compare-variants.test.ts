import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVariants } from './compare-variants.js';
import type { BayesianVariantResult, FrequentistVariantResult, VariantStatistics } from './stats-types.js';
import { funnelVariant } from './test-support/seeded-experiment.js';

const control = funnelVariant('control', 5000, 500);
const test13 = funnelVariant('test', 5000, 650);

test('a known lift (10 % → 13 %, 5,000 each) is significant by both methods and both intervals cover the true +30 %', () => {
  const bayes = compareVariants({ metricType: 'funnel', control, variants: [test13] }).variant_results[0] as BayesianVariantResult;
  assert.equal(bayes.method, 'bayesian');
  assert.equal(bayes.significant, true);
  assert.ok(bayes.chance_to_win! > 0.999);
  assert.ok(bayes.credible_interval![0] < 0.3 && 0.3 < bayes.credible_interval![1], `${bayes.credible_interval}`);
  const freq = compareVariants({ metricType: 'funnel', method: 'frequentist', control, variants: [test13] }).variant_results[0] as FrequentistVariantResult;
  assert.equal(freq.significant, true);
  assert.ok(freq.p_value! < 0.001);
  assert.ok(freq.confidence_interval![0] < 0.3 && 0.3 < freq.confidence_interval![1], `${freq.confidence_interval}`);
});

test('the response echoes PostHog ExperimentQuery fields for the baseline and each variant', () => {
  const withSteps = { ...control, stepCounts: [5000, 1200, 500] };
  const result = compareVariants({ metricType: 'funnel', control: withSteps, variants: [test13], options: { expectedSplit: { control: 50, test: 50 } } });
  assert.deepEqual(result.baseline, { key: 'control', number_of_samples: 5000, sum: 500, sum_squares: 500, step_counts: [5000, 1200, 500], validation_failures: [] });
  assert.deepEqual(Object.keys(result.variant_results[0]).sort(), [
    'chance_to_win', 'credible_interval', 'expected_loss', 'key', 'method', 'number_of_samples', 'significant', 'sum', 'sum_squares', 'validation_failures',
  ]);
  assert.equal(result.sample_ratio_mismatch?.mismatch, false);
});

test('goal "decrease" flips the chance to win, and the expected loss is then the loss of a rise', () => {
  const up = compareVariants({ metricType: 'funnel', control, variants: [test13] }).variant_results[0] as BayesianVariantResult;
  const down = compareVariants({ metricType: 'funnel', goal: 'decrease', control, variants: [test13] }).variant_results[0] as BayesianVariantResult;
  assert.ok(Math.abs(up.chance_to_win! + down.chance_to_win! - 1) < 1e-12);
  assert.ok(down.expected_loss! > 0.25 && up.expected_loss! < 1e-6);
  assert.equal(down.significant, true); // decisively worse is decisive too (PostHog's is_decisive)
});

test('variants below 50 exposures or 5 conversions, or a control summing to 0, get validation failures and null figures', () => {
  const result = compareVariants({ metricType: 'funnel', control, variants: [funnelVariant('few', 40, 10), funnelVariant('rare', 500, 3)] });
  assert.deepEqual(result.variant_results.map((v) => v.validation_failures), [['not-enough-exposures'], ['not-enough-metric-data']]);
  for (const v of result.variant_results) assert.deepEqual([v.significant, (v as BayesianVariantResult).chance_to_win], [false, null]);
  const zero = compareVariants({ metricType: 'mean', method: 'frequentist', control: { key: 'control', numberOfSamples: 100, sum: 0, sumSquares: 0 }, variants: [{ key: 'test', numberOfSamples: 100, sum: 5, sumSquares: 30 }] });
  assert.deepEqual(zero.baseline.validation_failures, ['baseline-mean-is-zero']);
  assert.equal((zero.variant_results[0] as FrequentistVariantResult).p_value, null);
});

test('mean and ratio metrics compare on the relative scale, echoing ratio sums', () => {
  const mean = (key: string, n: number, m: number, sd: number): VariantStatistics => ({ key, numberOfSamples: n, sum: n * m, sumSquares: (n - 1) * sd * sd + n * m * m });
  const bayes = compareVariants({ metricType: 'mean', control: mean('control', 1000, 20, 10), variants: [mean('test', 1000, 21, 10)] }).variant_results[0] as BayesianVariantResult;
  assert.ok(Math.abs((bayes.credible_interval![0] + bayes.credible_interval![1]) / 2 - 0.05) < 1e-12);
  const ratio = (key: string, num: number): VariantStatistics => ({ key, numberOfSamples: 1000, sum: num, sumSquares: num * num / 500, denominatorSum: 2000, denominatorSumSquares: 4400, numeratorDenominatorSumProduct: num * 2.1 });
  const result = compareVariants({ metricType: 'ratio', method: 'frequentist', control: ratio('control', 10000), variants: [ratio('test', 10500)] });
  const v = result.variant_results[0] as FrequentistVariantResult;
  assert.equal(v.denominator_sum, 2000);
  assert.ok(v.confidence_interval![0] < 0.05 && 0.05 < v.confidence_interval![1]);
});

test('a 99 % level widens the interval compared with 90 %', () => {
  const width = (level: number) => {
    const v = compareVariants({ metricType: 'funnel', method: 'frequentist', control, variants: [test13], options: { confidenceLevel: level } }).variant_results[0] as FrequentistVariantResult;
    return v.confidence_interval![1] - v.confidence_interval![0];
  };
  assert.ok(width(0.99) > width(0.95) && width(0.95) > width(0.9));
});

test('a negative control mean keeps "higher" meaning a positive relative difference', () => {
  const result = compareVariants({ metricType: 'mean', control: { key: 'control', numberOfSamples: 100, sum: -50, sumSquares: 400 }, variants: [{ key: 'test', numberOfSamples: 100, sum: -20, sumSquares: 400 }] });
  const v = result.variant_results[0] as BayesianVariantResult;
  assert.ok(v.chance_to_win! > 0.9, `${v.chance_to_win}`);
  assert.ok(v.credible_interval![0] + v.credible_interval![1] > 0);
});
