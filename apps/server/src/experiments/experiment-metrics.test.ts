import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../platform/app-error.js';
import { metricFrom, metricListFrom } from './experiment-metrics.js';

const attrOf = (value: unknown) => {
  try {
    metricFrom(value, 'metrics__0');
  } catch (e) {
    return e instanceof AppError ? e.attr : String(e);
  }
  return null;
};
const events = (event: string, extra: object = {}) => ({ kind: 'EventsNode', event, ...extra });

test('mean, funnel and ratio metrics and the legacy kinds are accepted, each given a uuid once', () => {
  const list = metricListFrom(
    [
      { kind: 'ExperimentMetric', metric_type: 'mean', source: events('purchase', { math: 'sum', math_property: 'amount' }), lower_bound_percentile: 0.01, upper_bound_percentile: 0.99 },
      { kind: 'ExperimentMetric', metric_type: 'funnel', series: [events('cart'), { kind: 'ActionsNode', id: 3 }], funnel_order_type: 'strict', conversion_window: 14, conversion_window_unit: 'day' },
      { kind: 'ExperimentMetric', metric_type: 'ratio', numerator: events('purchase', { math: 'sum', math_property: 'amount' }), denominator: events('purchase'), uuid: 'kept', goal: 'decrease' },
      { kind: 'ExperimentTrendsQuery', count_query: { kind: 'TrendsQuery', series: [] } },
      { kind: 'ExperimentFunnelsQuery', funnels_query: { kind: 'FunnelsQuery', series: [] } },
    ],
    'metrics',
  );
  assert.equal(list.length, 5);
  assert.ok(list.every((m) => typeof m.uuid === 'string' && m.uuid !== ''));
  assert.equal(list[2].uuid, 'kept');
  assert.equal(new Set(list.map((m) => m.uuid)).size, 5);
});

test('a bad metric names the field at fault', () => {
  assert.equal(attrOf({ kind: 'TrendsQuery' }), 'metrics__0');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'median', source: events('x') }), 'metrics__0__metric_type');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'mean' }), 'metrics__0__source');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'funnel', series: [] }), 'metrics__0__series');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'funnel', series: [events('a'), { kind: 'ActionsNode' }] }), 'metrics__0__series__1__id');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'ratio', numerator: events('a') }), 'metrics__0__denominator');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'mean', source: events('a'), goal: 'up' }), 'metrics__0__goal');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'mean', source: events('a'), conversion_window: 1.5 }), 'metrics__0__conversion_window');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'mean', source: events('a'), conversion_window_unit: 'year' }), 'metrics__0__conversion_window_unit');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'mean', source: events('a'), upper_bound_percentile: 99 }), 'metrics__0__upper_bound_percentile');
  assert.equal(attrOf({ kind: 'ExperimentMetric', metric_type: 'mean', source: events('a'), lower_bound_percentile: 0.9, upper_bound_percentile: 0.1 }), 'metrics__0__lower_bound_percentile');
  assert.equal(attrOf({ kind: 'ExperimentTrendsQuery' }), 'metrics__0__count_query');
});
