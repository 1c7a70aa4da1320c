import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barFractions, statsTable } from './web-stats-rows';

test('a stats table answer becomes rows of [current, previous] cells under the metric columns it has', () => {
  const table = statsTable({
    columns: ['context.columns.breakdown_value', 'context.columns.visitors', 'context.columns.views', 'context.columns.bounce_rate', 'context.columns.ui_fill_fraction'],
    results: [
      ['/', [3, 1], [5, 2], [0.25, 0.5], 1],
      [null, [1, null], [1, null], [1, null], 0.33],
    ],
  });
  assert.deepEqual(table.metrics.map((m) => m.label), ['Visitors', 'Views', 'Bounce rate']);
  assert.deepEqual(table.rows, [
    { value: '/', cells: [[3, 1], [5, 2], [0.25, 0.5]] },
    { value: null, cells: [[1, null], [1, null], [1, null]] },
  ]);
});

test('goals name their rows by action; bare numbers and text numbers are read as current values', () => {
  const table = statsTable({
    columns: ['context.columns.action_name', 'context.columns.converting_users', 'context.columns.total_conversions', 'context.columns.conversion_rate'],
    results: [['Signed up', 2, '3', [0.5, null]]],
  });
  assert.deepEqual(table.metrics.map((m) => m.name), ['converting_users', 'total_conversions', 'conversion_rate']);
  assert.deepEqual(table.rows, [{ value: 'Signed up', cells: [[2, null], [3, null], [0.5, null]] }]);
});

test('each row bar is its visitors against the largest row', () => {
  const table = statsTable({ columns: ['breakdown_value', 'visitors'], results: [['a', [4, null]], ['b', [1, null]], ['c', [null, null]]] });
  assert.deepEqual(barFractions(table), [1, 0.25, 0]);
  assert.deepEqual(barFractions(statsTable({ columns: [], results: [] })), []);
});
