import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartSummary, visitorsChartModel } from './visitors-chart-model';

test('the current period draws solid under its own labels; the previous one dashed and named so', () => {
  const model = visitorsChartModel([
    { label: 'Visitors', data: [1, 2], labels: ['1-May', '2-May'], count: 3, compare_label: 'current' },
    { label: 'Pageviews', data: [2, 4], labels: ['1-May', '2-May'], count: 6, compare_label: 'current' },
    { label: 'Visitors', data: [1, 0], labels: ['29-Apr', '30-Apr'], count: 1, compare_label: 'previous' },
    { label: 'Pageviews', data: [1, 0], labels: ['29-Apr', '30-Apr'], compare_label: 'previous' },
  ]);
  assert.deepEqual(model.labels, ['1-May', '2-May']);
  assert.deepEqual(model.series.map((s) => [s.label, s.dashed, s.total]), [
    ['Visitors', false, 3],
    ['Pageviews', false, 6],
    ['Visitors (previous period)', true, 1],
    ['Pageviews (previous period)', true, 1],
  ]);
  assert.equal(chartSummary(visitorsChartModel([{ label: 'Visitors', data: [4], labels: ['x'] }])), 'Visitors and pageviews over time: Visitors 4');
});
