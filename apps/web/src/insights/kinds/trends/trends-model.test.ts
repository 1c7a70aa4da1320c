import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorsSourceFor, actorsTitle, percentChange, timeSeriesRows, totalValues, type TrendResult } from './trends-model';
import { defaultTrendsQuery, displayOf, isTotalValueDisplay, withBreakdown, withTrendsFilter } from './trends-query';

const result = (over: Partial<TrendResult>): TrendResult => ({
  data: [1, 2],
  labels: ['1-May-2024', '2-May-2024'],
  days: ['2024-05-01', '2024-05-02'],
  count: 3,
  label: '$pageview',
  action: { order: 0 },
  ...over,
});

test('a comparison draws the previous period dashed under the current labels', () => {
  const { labels, rows } = timeSeriesRows([
    result({}),
    result({ compare: true, compare_label: 'previous', labels: ['29-Apr-2024', '30-Apr-2024'], data: [4, 0], count: 4 }),
  ]);
  assert.deepEqual(labels, ['1-May-2024', '2-May-2024']);
  assert.deepEqual(
    rows.map((r) => [r.label, r.values, r.total, r.dashed]),
    [
      ['$pageview', [1, 2], 3, false],
      ['$pageview (previous period)', [4, 0], 4, true],
    ],
  );
});

test('a point asks for its series, day, breakdown value and period; a whole-range number has no day', () => {
  const query = defaultTrendsQuery();
  const chrome = result({ breakdown_value: 'Chrome', label: 'Chrome', action: { order: 1 }, compare_label: 'current' });
  assert.deepEqual(actorsSourceFor(query, chrome, 1), { kind: 'InsightActorsQuery', source: query, series: 1, day: '2024-05-02', breakdown: 'Chrome', compare: 'current' });
  assert.deepEqual(actorsSourceFor(query, result({}), null), { kind: 'InsightActorsQuery', source: query, series: 0 });
  assert.equal(actorsTitle(chrome, 1), 'Persons: Chrome on 2-May-2024');
  assert.equal(actorsTitle(result({}), null), 'Persons: $pageview');
});

test('formula results have no persons to list', () => {
  const query = withTrendsFilter(defaultTrendsQuery(), 'formula', 'A/2');
  assert.equal(actorsSourceFor(query, result({}), 0), null);
  assert.equal(actorsSourceFor(defaultTrendsQuery(), result({ action: null }), 0), null);
});

test('number, table and pie displays read the aggregated value', () => {
  assert.deepEqual(totalValues([result({ aggregated_value: 7, data: [], count: 0 })]), [{ label: '$pageview', value: 7, resultIndex: 0 }]);
  assert.equal(isTotalValueDisplay('BoldNumber'), true);
  assert.equal(isTotalValueDisplay('ActionsBar'), false);
  assert.equal(percentChange(15, 10), 50);
  assert.equal(percentChange(5, 0), null);
});

test('breakdown and trends filter edits set or clear their fields', () => {
  const base = defaultTrendsQuery();
  assert.deepEqual(withBreakdown(base, 'person', 'plan', 25).breakdownFilter, { breakdown_type: 'person', breakdown: 'plan' });
  assert.deepEqual(withBreakdown(base, 'event', '$browser', 5).breakdownFilter, { breakdown_type: 'event', breakdown: '$browser', breakdown_limit: 5 });
  assert.equal('breakdownFilter' in withBreakdown(withBreakdown(base, 'event', 'x', 5), 'event', '', 5), false);
  assert.equal(displayOf(withTrendsFilter(base, 'display', 'ActionsPie')), 'ActionsPie');
  assert.equal(withTrendsFilter(withTrendsFilter(base, 'formula', 'A+B'), 'formula', '').trendsFilter?.formula, undefined);
  assert.equal(displayOf({ trendsFilter: null }), 'ActionsLineGraph');
});
