import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../hogql/hogql-error.js';
import { insightContext } from '../insights/insight-context.js';
import { experimentSpec, type ExperimentDefinition, type ExperimentMetric } from './experiment-spec.js';

const ctx = insightContext({ teamId: 1, now: new Date('2024-06-01T00:00:00Z') });
const experiment: ExperimentDefinition = {
  id: 3,
  flagKey: 'f',
  variants: [
    { key: 'control', rolloutPercentage: 50 },
    { key: 'test', rolloutPercentage: 50 },
  ],
  startDate: new Date('2024-05-01T00:00:00Z'),
  endDate: null,
  holdoutId: 9,
};
const funnel: ExperimentMetric = { metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'a' }] };

const refused = (metric: unknown, pattern: RegExp) =>
  assert.throws(() => experimentSpec(experiment, metric as ExperimentMetric, ctx), (e: unknown) => e instanceof HogQLError && pattern.test(e.detail));

test('defaults: flag exposure, exclude, no test-account filter, up to now, the holdout as a variant of its own', () => {
  const spec = experimentSpec(experiment, funnel, ctx);
  assert.deepEqual(spec.variantKeys, ['control', 'test', 'holdout-9']);
  assert.equal(spec.holdoutKey, 'holdout-9');
  assert.deepEqual(spec.exposure, { kind: 'flag_called' });
  assert.equal(spec.excludeMultiple, true);
  assert.equal(spec.filterTestAccounts, false);
  assert.equal(spec.to.toISOString(), '2024-06-01T00:00:00.000Z');
  assert.equal(spec.windowMs, null);
});

test('conversion windows in every unit; a month is 31 days, as funnels count it', () => {
  assert.equal(experimentSpec(experiment, { ...funnel, conversion_window: 2, conversion_window_unit: 'hour' }, ctx).windowMs, 7_200_000);
  assert.equal(experimentSpec(experiment, { ...funnel, conversion_window: 1, conversion_window_unit: 'month' }, ctx).windowMs, 31 * 86_400_000);
  assert.equal(experimentSpec(experiment, { ...funnel, conversion_window: 3 }, ctx).windowMs, 3 * 86_400_000);
});

test('an experiment not launched yet covers nothing: from and to are now', () => {
  const spec = experimentSpec({ ...experiment, startDate: null }, funnel, ctx);
  assert.equal(spec.from.getTime(), spec.to.getTime());
});

test('bad metrics are 400s that say what is wrong', () => {
  refused({ metric_type: 'retention' }, /metric_type/);
  refused({ metric_type: 'funnel', series: [] }, /at least one step/);
  refused({ ...funnel, funnel_order_type: 'strict' }, /not supported/);
  refused({ ...funnel, conversion_window: -1 }, /positive integer/);
  refused({ ...funnel, conversion_window: 1, conversion_window_unit: 'fortnight' }, /conversion_window_unit/);
  refused({ metric_type: 'mean', source: { kind: 'EventsNode', event: 'x', math: 'sum' } }, /needs math_property/);
  refused({ metric_type: 'mean', source: { kind: 'EventsNode', event: 'x', math: 'p90' } }, /math must be one of/);
  refused({ metric_type: 'mean', source: { kind: 'EventsNode', event: 'x' }, upper_bound_percentile: 1.5 }, /between 0 and 1/);
  refused({ metric_type: 'mean', source: { kind: 'EventsNode', event: 'x' }, lower_bound_percentile: 0.9, upper_bound_percentile: 0.1 }, /below/);
  refused({ metric_type: 'mean', source: { kind: 'ActionsNode', id: 404 } }, /does not exist/);
});

test('custom exposure: an event with properties, or $feature_flag_called without any stays the flag exposure', () => {
  const custom = experimentSpec({ ...experiment, exposureCriteria: { exposure_config: { kind: 'ExperimentEventExposureConfig', event: 'seen', properties: [] } } }, funnel, ctx);
  assert.deepEqual(custom.exposure, { kind: 'event', node: { kind: 'EventsNode', event: 'seen', properties: [] } });
  const plain = experimentSpec({ ...experiment, exposureCriteria: { exposure_config: { kind: 'ExperimentEventExposureConfig', event: '$feature_flag_called', properties: [] } } }, funnel, ctx);
  assert.deepEqual(plain.exposure, { kind: 'flag_called' });
});
