import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchingEventsCount, matchingEventsQuery } from './matching-events-query';

test('the matching-events query is a 30-day total of the action', () => {
  const query = matchingEventsQuery(7);
  assert.deepEqual(query.series, [{ kind: 'ActionsNode', id: 7, math: 'total' }]);
  assert.equal(query.dateRange.date_from, '-30d');
  assert.equal(query.trendsFilter.display, 'BoldNumber');
});

test('the count is the aggregated value of the one series, and 0 when nothing came back', () => {
  assert.equal(matchingEventsCount({ results: [{ aggregated_value: 5 }] }), 5);
  assert.equal(matchingEventsCount({ results: [] }), 0);
  assert.equal(matchingEventsCount({}), 0);
});
