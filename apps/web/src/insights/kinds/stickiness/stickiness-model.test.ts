import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stickinessActorsSource, stickinessRows } from './stickiness-model';
import { defaultStickinessQuery, type StickinessResult } from './stickiness-query';

const result: StickinessResult = { count: 3, data: [2, 0, 1], days: [1, 2, 3], labels: ['1 day', '2 days', '3 days'], label: '$pageview', action: { order: 0 } };

test('rows are persons by intervals active, the previous period dashed', () => {
  const { labels, rows } = stickinessRows([result, { ...result, compare_label: 'previous', data: [1, 1, 0], count: 2 }]);
  assert.deepEqual(labels, ['1 day', '2 days', '3 days']);
  assert.deepEqual(rows.map((r) => [r.label, r.values, r.dashed]), [
    ['$pageview', [2, 0, 1], false],
    ['$pageview (previous period)', [1, 1, 0], true],
  ]);
});

test('a stickiness point asks for the interval count and the series', () => {
  const query = defaultStickinessQuery();
  assert.deepEqual(stickinessActorsSource(query, result, 2), { kind: 'InsightActorsQuery', source: query, day: 3, series: 0 });
  assert.deepEqual(stickinessActorsSource(query, { ...result, compare_label: 'previous' }, 0), { kind: 'InsightActorsQuery', source: query, day: 1, series: 0, compare: 'previous' });
});
