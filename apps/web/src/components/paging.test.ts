import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageOf, pageRangeLabel } from './paging';

test('a page says which rows it shows, and of how many when the total is known', () => {
  assert.equal(pageRangeLabel({ offset: 0, pageSize: 50, shown: 50, total: 120 }), '1–50 of 120');
  assert.equal(pageRangeLabel({ offset: 100, pageSize: 50, shown: 20, total: 120 }), '101–120 of 120');
  assert.equal(pageRangeLabel({ offset: 50, pageSize: 50, shown: 12 }), '51–62');
  assert.equal(pageRangeLabel({ offset: 0, pageSize: 50, shown: 50 }), '1–50');
});

test('a page past the last row says so instead of a backwards range', () => {
  assert.equal(pageRangeLabel({ offset: 100, pageSize: 50, shown: 0 }), 'Nothing after 100');
  assert.equal(pageRangeLabel({ offset: 100, pageSize: 50, shown: 0, total: 80 }), 'Nothing after 100 of 80');
});

test('a page of a list answer says its rows, its total when counted, and whether a next page is linked', () => {
  assert.deepEqual(pageOf({ count: 120, next: '/api/x/?offset=50', results: [1, 2] }), { shown: 2, total: 120, hasNext: true });
  assert.deepEqual(pageOf({ next: null, results: [1] }), { shown: 1, total: undefined, hasNext: false });
  assert.deepEqual(pageOf(undefined), { shown: 0, total: undefined, hasNext: false });
});
