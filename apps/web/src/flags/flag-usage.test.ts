import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usageChartData, usageQuery } from './flag-usage';

test('the usage query counts $feature_flag_called for this flag by response over 30 days', () => {
  const q = usageQuery('new-checkout');
  assert.equal(q.kind, 'TrendsQuery');
  assert.equal(q.series[0].event, '$feature_flag_called');
  assert.deepEqual(q.properties, [{ key: '$feature_flag', type: 'event', operator: 'exact', value: 'new-checkout' }]);
  assert.equal(q.breakdownFilter.breakdown, '$feature_flag_response');
  assert.equal(q.dateRange.date_from, '-30d');
});

test('each response value becomes a line and a total, most calls first; values never called are left out', () => {
  const data = usageChartData({
    results: [
      { label: 'false', breakdown_value: 'false', labels: ['1-Nov', '2-Nov'], data: [1, 0], count: 1 },
      { label: 'true', breakdown_value: 'true', labels: ['1-Nov', '2-Nov'], data: [2, 3], count: 5 },
      { label: 'test', breakdown_value: 'test', labels: ['1-Nov', '2-Nov'], data: [0, 0], count: 0 },
    ],
  });
  assert.deepEqual(data.labels, ['1-Nov', '2-Nov']);
  assert.deepEqual(data.series.map((s) => s.label), ['false', 'true', 'test']);
  assert.deepEqual(data.totals, [
    { value: 'true', calls: 5 },
    { value: 'false', calls: 1 },
  ]);
});

test("calls that got no value (a flag missing from the SDK's answer) are counted apart", () => {
  const data = usageChartData({ results: [{ breakdown_value: '$$_posthog_breakdown_null_$$', labels: ['1-Nov'], data: [2], count: 2 }] });
  assert.deepEqual(data.totals, [{ value: '(no value)', calls: 2 }]);
});

test('no results means no lines and no totals', () => {
  assert.deepEqual(usageChartData({ results: [] }), { labels: [], series: [], totals: [] });
  assert.deepEqual(usageChartData(undefined), { labels: [], series: [], totals: [] });
});
