import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VariantStatistics } from '@warren/query/experiments/experiment-rows';
import { excludedCount, figures, holdoutFigures, srmCheck, timeseriesFigures, warningsFor, type Judgement } from './experiment-results-shape.js';

const judgement: Judgement = {
  metricType: 'funnel',
  goal: 'increase',
  method: 'bayesian',
  confidenceLevel: 0.95,
  variantKeys: ['control', 'test'],
  split: { control: 50, test: 50 },
  holdoutKey: 'holdout-2',
};

function row(key: string, n: number, sum: number, day: string | null = null): VariantStatistics {
  return {
    key, day, number_of_samples: n, sum, sum_squares: sum, denominator_sum: 0, denominator_sum_squares: 0, numerator_denominator_sum_product: 0,
    covariate_sum: 0, covariate_sum_squares: 0, covariate_sum_product: 0, step_counts: [sum],
  };
}

test('figures: control as baseline, every other variant compared by the experiment method', () => {
  const result = figures([row('control', 5000, 500), row('test', 5000, 650)], judgement);
  assert.equal(result.baseline.key, 'control');
  assert.equal(result.variant_results[0].key, 'test');
  assert.equal(result.variant_results[0].method, 'bayesian');
  assert.equal(result.variant_results[0].significant, true);
  const frequentist = figures([row('control', 5000, 500), row('test', 5000, 650)], { ...judgement, method: 'frequentist' });
  assert.equal(frequentist.variant_results[0].method, 'frequentist');
});

test('a variant nobody saw counts as 0 samples and fails validation instead of vanishing', () => {
  const result = figures([row('control', 5000, 500)], judgement);
  assert.equal(result.variant_results[0].number_of_samples, 0);
  assert.deepEqual(result.variant_results[0].validation_failures, ['not-enough-exposures', 'not-enough-metric-data']);
});

test('holdout shown apart; excluded persons counted; SRM and warnings in plain words', () => {
  const rows = [row('control', 900, 90), row('test', 1100, 110), row('holdout-2', 40, 4), row('$multiple', 7, 1)];
  assert.equal(holdoutFigures(rows, judgement)?.number_of_samples, 40);
  assert.equal(holdoutFigures(rows, { ...judgement, holdoutKey: null }), null);
  assert.equal(excludedCount(rows), 7);
  const srm = srmCheck(rows, judgement);
  assert.equal(srm.mismatch, true);
  assert.deepEqual(srm.observed_counts, { control: 900, test: 1100 });
  const codes = warningsFor(rows, judgement, srm, true).map((w) => w.code);
  assert.deepEqual(codes, ['sample_ratio_mismatch', 'multiple_variants_excluded']);
  assert.deepEqual(warningsFor([], judgement, srmCheck([], judgement), false).map((w) => w.code), ['not_started', 'low_exposure']);
  assert.deepEqual(warningsFor([], judgement, srmCheck([], judgement), true).map((w) => w.code), ['no_exposures']);
});

test('the cumulative chart has one point per day, in order', () => {
  const rows = [row('control', 100, 10, '2024-05-02'), row('test', 100, 12, '2024-05-02'), row('control', 60, 5, '2024-05-01'), row('test', 50, 6, '2024-05-01')];
  const points = timeseriesFigures(rows, judgement);
  assert.deepEqual(points.map((p) => [p.date, p.baseline.number_of_samples, p.variant_results[0].number_of_samples]), [['2024-05-01', 60, 50], ['2024-05-02', 100, 100]]);
});

test('mean metrics use the pre-exposure covariate (CUPED) unless the experiment turns it off', () => {
  const mean = (key: string, n: number, sum: number, ss: number, cs: number, css: number, vc: number): VariantStatistics => ({
    ...row(key, n, sum), sum_squares: ss, covariate_sum: cs, covariate_sum_squares: css, covariate_sum_product: vc, step_counts: [],
  });
  const rows = [mean('control', 1000, 5000, 40_000, 4000, 30_000, 25_000), mean('test', 1000, 5500, 46_000, 4100, 31_000, 27_000)];
  const on = figures(rows, { ...judgement, metricType: 'mean' });
  assert.equal(on.cuped_applied, true);
  assert.equal(on.baseline.covariate_sum, 4000);
  assert.equal(figures(rows, { ...judgement, metricType: 'mean', cuped: false }).cuped_applied, false);
});
