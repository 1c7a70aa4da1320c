import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyMetric, formFromMetric, metricErrors, metricFromForm, metricSummary, metricTitle } from './metric-form';

test('a funnel metric is stored as PostHog ExperimentMetric with its ordered steps', () => {
  const metric = metricFromForm({ ...emptyMetric('funnel'), steps: [' add_to_cart', 'purchase'], conversionWindowDays: 7 });
  assert.deepEqual(metric, {
    kind: 'ExperimentMetric',
    goal: 'increase',
    conversion_window: 7,
    conversion_window_unit: 'day',
    metric_type: 'funnel',
    series: [
      { kind: 'EventsNode', event: 'add_to_cart', name: 'add_to_cart' },
      { kind: 'EventsNode', event: 'purchase', name: 'purchase' },
    ],
    funnel_order_type: 'ordered',
  });
});

test('a mean metric keeps its property and caps outliers at percentiles stored as fractions', () => {
  const form = { ...emptyMetric('mean'), source: { event: 'purchase', math: 'sum' as const, property: 'amount' }, upperPercentile: 99, lowerPercentile: 1 };
  const metric = metricFromForm(form);
  assert.equal(metric.metric_type, 'mean');
  if (metric.metric_type !== 'mean') return;
  assert.deepEqual(metric.source, { kind: 'EventsNode', event: 'purchase', name: 'purchase', math: 'sum', math_property: 'amount' });
  assert.equal(metric.upper_bound_percentile, 0.99);
  assert.equal(metric.lower_bound_percentile, 0.01);
  assert.equal(metric.conversion_window, null);
  // A count has no property, whatever was typed before switching to it.
  const count = metricFromForm({ ...form, source: { event: 'purchase', math: 'total', property: 'amount' } });
  assert.ok(count.metric_type === 'mean' && !('math_property' in count.source));
});

test('a stored metric comes back to the same form (uuid, name, goal, window, capping)', () => {
  const form = {
    ...emptyMetric('ratio'),
    uuid: 'u-1',
    name: 'Revenue per order',
    goal: 'decrease' as const,
    numerator: { event: 'purchase', math: 'sum' as const, property: 'amount' },
    denominator: { event: 'purchase', math: 'total' as const, property: '' },
    conversionWindowDays: 14,
  };
  const back = formFromMetric(metricFromForm(form))!;
  assert.deepEqual({ ...back, uid: form.uid }, form);
  const mean = { ...emptyMetric('mean'), source: { event: 'e', math: 'avg' as const, property: 'p' }, upperPercentile: 95 };
  assert.equal(formFromMetric(metricFromForm(mean))!.upperPercentile, 95);
});

test('a legacy metric has no form; its summary says what it is', () => {
  const legacy = { kind: 'ExperimentFunnelsQuery' as const, funnels_query: {} };
  assert.equal(formFromMetric(legacy), null);
  assert.equal(metricSummary(legacy), 'Funnel (legacy)');
});

test('errors name what is missing: steps, events, properties, caps in the wrong order, a bad window', () => {
  assert.deepEqual(metricErrors(emptyMetric('funnel')), { 'steps.0': 'Pick the event of step 1.' });
  assert.deepEqual(metricErrors({ ...emptyMetric('mean'), source: { event: 'purchase', math: 'sum', property: '' } }), { 'source.property': 'Pick the numeric property to add up.' });
  const capped = { ...emptyMetric('mean'), source: { event: 'e', math: 'total' as const, property: '' }, lowerPercentile: 90, upperPercentile: 10 };
  assert.deepEqual(metricErrors(capped), { upperPercentile: 'The upper cap must be above the lower one.' });
  assert.deepEqual(Object.keys(metricErrors(emptyMetric('ratio'))).sort(), ['denominator.event', 'numerator.event']);
  assert.ok(metricErrors({ ...emptyMetric('funnel'), steps: ['x'], conversionWindowDays: 0.5 }).conversionWindowDays);
  assert.deepEqual(metricErrors({ ...emptyMetric('funnel'), steps: ['x'], conversionWindowDays: 3 }), {});
});

test('summaries say what is measured in words; a name wins as the title', () => {
  const funnel = metricFromForm({ ...emptyMetric('funnel'), steps: ['add_to_cart', 'purchase'] });
  assert.equal(metricSummary(funnel), 'Conversion to add_to_cart → purchase');
  const mean = metricFromForm({ ...emptyMetric('mean'), source: { event: 'purchase', math: 'sum', property: 'amount' } });
  assert.equal(metricSummary(mean), 'Sum of amount on purchase per person');
  const ratio = metricFromForm({ ...emptyMetric('ratio'), numerator: { event: 'purchase', math: 'sum', property: 'amount' }, denominator: { event: 'purchase', math: 'total', property: '' } });
  assert.equal(metricSummary(ratio), 'Sum of amount on purchase per count of purchase');
  assert.equal(metricTitle({ ...funnel, name: 'Checkout' }), 'Checkout');
});
