import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Universe } from '../test-support/insight-universe.js';
import { planCappingBounds, planExperimentStatistics } from './experiment-query.js';
import type { VariantStatistics } from './experiment-rows.js';
import { experimentSpec, type ExperimentDefinition, type ExperimentMetric } from './experiment-spec.js';
import { EXPERIMENT, experimentsContext, openExperimentsUniverse } from './experiments-fixture.js';

/* Experiment statistics on the experiments universe (experiments-fixture.ts), every figure worked out by hand there. */

let u: Universe;
const ctx = experimentsContext();

before(async () => {
  u = await openExperimentsUniverse();
});

const FUNNEL: ExperimentMetric = {
  metric_type: 'funnel',
  series: [{ kind: 'EventsNode', event: 'signed_up' }, { kind: 'EventsNode', event: 'purchased' }],
  conversion_window: 7,
  conversion_window_unit: 'day',
};
const AMOUNT: ExperimentMetric = { metric_type: 'mean', source: { kind: 'EventsNode', event: 'purchased', math: 'sum', math_property: 'amount' } };

async function stats(metric: ExperimentMetric, experiment: ExperimentDefinition = EXPERIMENT, timeseries = false): Promise<Record<string, VariantStatistics>> {
  const rows = await u.runPlan(await planExperimentStatistics(experimentSpec(experiment, metric, ctx), ctx, { timeseries }));
  return Object.fromEntries(rows.map((r) => [r.day ? `${r.key} ${r.day}` : r.key, r]));
}

const brief = (s: VariantStatistics | undefined) => s && [s.number_of_samples, s.sum, s.step_counts];

test('funnel: the first exposure per person after merges, only steps after it and inside the window, exclusions apart', async () => {
  const r = await stats(FUNNEL);
  // c3 signed up before exposure; t2 bought 8 days on; early was exposed before the start; other, odd and project 2 never count.
  assert.deepEqual(brief(r.control), [3, 1, [2, 1]]);
  assert.deepEqual(brief(r.test), [4, 3, [4, 3]]);
  assert.equal(r.test.sum_squares, 3);
  assert.deepEqual(brief(r.$multiple), [1, 1, [1, 1]]);
  assert.deepEqual(brief(r['holdout-7']), [1, 1, [1, 1]]);
  assert.deepEqual(Object.keys(r).sort(), ['$multiple', 'control', 'holdout-7', 'test']);
});

test('first_seen keeps a person exposed to two variants in the first one', async () => {
  const r = await stats(FUNNEL, { ...EXPERIMENT, exposureCriteria: { multiple_variant_handling: 'first_seen' } });
  assert.deepEqual(brief(r.control), [4, 2, [3, 2]]);
  assert.deepEqual(brief(r.test), [4, 3, [4, 3]]);
  assert.equal(r.$multiple, undefined);
});

test('filterTestAccounts drops the project test accounts from exposures and metrics', async () => {
  const r = await stats(FUNNEL, { ...EXPERIMENT, exposureCriteria: { filterTestAccounts: true } });
  assert.deepEqual(brief(r.test), [3, 2, [3, 2]]);
  assert.deepEqual(brief(r.control), [3, 1, [2, 1]]);
});

test('unordered funnel: steps in any order after exposure', async () => {
  const r = await stats({ ...FUNNEL, funnel_order_type: 'unordered' });
  // c3's purchase after exposure now counts as one step completed.
  assert.deepEqual(brief(r.control), [3, 1, [3, 1]]);
});

test('mean: per-person sums after exposure, with the pre-exposure covariate', async () => {
  const r = await stats(AMOUNT);
  assert.deepEqual([r.control.number_of_samples, r.control.sum, r.control.sum_squares], [3, 30, 500]);
  // Without a window the covariate looks 14 days back: c3's 5 before exposure.
  assert.deepEqual([r.control.covariate_sum, r.control.covariate_sum_squares, r.control.covariate_sum_product], [5, 25, 100]);
  assert.deepEqual([r.test.number_of_samples, r.test.sum, r.test.sum_squares], [4, 220, 15000]);
  const windowed = await stats({ ...AMOUNT, conversion_window: 7, conversion_window_unit: 'day' });
  assert.equal(windowed.test.sum, 170);
});

test('mean counts: events per person, persons with any, distinct sessions', async () => {
  const r = await stats({ metric_type: 'mean', source: { kind: 'EventsNode', event: '$pageview' } });
  assert.deepEqual([r.control.sum, r.control.sum_squares], [3, 5]);
  const dau = await stats({ metric_type: 'mean', source: { kind: 'EventsNode', event: '$pageview', math: 'dau' } });
  assert.deepEqual([dau.control.sum, dau.test.sum], [2, 1]);
});

test('outlier capping at percentiles over the exposed persons', async () => {
  const metric: ExperimentMetric = { ...AMOUNT, conversion_window: 7, conversion_window_unit: 'day', upper_bound_percentile: 0.75 };
  const spec = experimentSpec(EXPERIMENT, metric, ctx);
  const bounds = await u.runPlan(await planCappingBounds(spec, ctx));
  // Values of the 8 persons not excluded: 0, 0, 10, 15, 20, 30, 40, 100; the exact 0.75 quantile is the 7th.
  assert.deepEqual(bounds, { lower: null, upper: 40 });
  const rows = await u.runPlan(await planExperimentStatistics(spec, ctx, { bounds }));
  const test = rows.find((r) => r.key === 'test') as VariantStatistics;
  // alice2's 100 is capped at 40.
  assert.equal(test.sum, 30 + 0 + 40 + 40);
});

test('ratio: numerator and denominator sums per person, squares and cross products', async () => {
  const r = await stats({
    metric_type: 'ratio',
    numerator: { kind: 'EventsNode', event: 'purchased', math: 'sum', math_property: 'amount' },
    denominator: { kind: 'EventsNode', event: '$pageview' },
  });
  const c = r.control;
  assert.deepEqual([c.sum, c.denominator_sum, c.denominator_sum_squares, c.numerator_denominator_sum_product], [30, 3, 5, 20]);
  assert.deepEqual([r.test.sum, r.test.denominator_sum, r.test.numerator_denominator_sum_product], [220, 1, 30]);
});

test('a custom exposure event reads the variant from $feature/<flag>', async () => {
  const r = await stats(
    { metric_type: 'mean', source: { kind: 'EventsNode', event: 'purchased' } },
    { ...EXPERIMENT, exposureCriteria: { exposure_config: { kind: 'ExperimentEventExposureConfig', event: 'viewed_checkout', properties: [] } } },
  );
  assert.deepEqual([r.control.number_of_samples, r.control.sum, r.test.number_of_samples, r.test.sum], [1, 0, 1, 1]);
});

test('cumulative chart: per day, persons exposed and conversions made by its end', async () => {
  const r = await stats(FUNNEL, EXPERIMENT, true);
  assert.deepEqual(brief(r['test 2024-05-01']), [2, 0, [1, 0]]);
  assert.deepEqual(brief(r['test 2024-05-02']), [3, 1, [2, 1]]);
  assert.deepEqual(brief(r['test 2024-05-03']), [3, 2, [3, 2]]);
  assert.deepEqual(brief(r['test 2024-05-09']), [4, 3, [4, 3]]);
  assert.equal(r['test 2024-05-10'], undefined);
  assert.deepEqual(brief(r['control 2024-05-01']), [2, 1, [1, 1]]);
  // The whole experiment's rows come with the chart.
  assert.deepEqual(brief(r.test), [4, 3, [4, 3]]);
  assert.deepEqual(brief(r.control), [3, 1, [2, 1]]);
});
