import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasNextPage, pageRangeLabel } from './paging';

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

test('a next page exists while rows remain after this one', () => {
  assert.equal(hasNextPage({ offset: 0, pageSize: 50, total: 51 }), true);
  assert.equal(hasNextPage({ offset: 0, pageSize: 50, total: 50 }), false);
  assert.equal(hasNextPage({ offset: 50, pageSize: 50, total: 100 }), false);
});
