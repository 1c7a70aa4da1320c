import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lifecycleActorsSource, lifecycleRows, withToggledStatuses } from './lifecycle-model';
import { defaultLifecycleQuery, type LifecycleResult } from './lifecycle-query';

const results: LifecycleResult[] = (['new', 'returning', 'resurrecting', 'dormant'] as const).map((status, i) => ({
  status,
  data: status === 'dormant' ? [0, -2] : [i, 1],
  count: status === 'dormant' ? -2 : i + 1,
  labels: ['1-May-2024', '2-May-2024'],
  days: ['2024-05-01', '2024-05-02'],
  label: `$pageview - ${status}`,
}));

test('statuses come in PostHog order with dormant below zero; hidden ones are left out', () => {
  const all = lifecycleRows(results, defaultLifecycleQuery());
  assert.deepEqual(all.rows.map((r) => [r.label, r.total]), [['New', 1], ['Returning', 2], ['Resurrecting', 3], ['Dormant', -2]]);
  assert.deepEqual(all.labels, ['1-May-2024', '2-May-2024']);
  const some = withToggledStatuses(defaultLifecycleQuery(), ['dormant', 'new']);
  assert.deepEqual(some.lifecycleFilter?.toggledLifecycles, ['new', 'dormant']);
  assert.deepEqual(lifecycleRows(results, some).rows.map((r) => r.status), ['new', 'dormant']);
  assert.equal(withToggledStatuses(some, ['new', 'returning', 'resurrecting', 'dormant']).lifecycleFilter?.toggledLifecycles, undefined);
});

test('a lifecycle point asks for the status on that day', () => {
  const query = defaultLifecycleQuery();
  assert.deepEqual(lifecycleActorsSource(query, results, 'dormant', 1), { kind: 'InsightActorsQuery', source: query, day: '2024-05-02', status: 'dormant' });
  assert.equal(lifecycleActorsSource(query, results, 'new', 5), null);
});
