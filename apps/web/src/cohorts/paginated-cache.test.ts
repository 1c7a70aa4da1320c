import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropFromPage } from './paginated-cache';

test('a deleted record leaves the cached page and its count; other pages stay as they were', () => {
  const page = { count: 3, next: null, results: [{ id: 1 }, { id: 2 }] };
  assert.deepEqual(dropFromPage(page, 2), { count: 2, next: null, results: [{ id: 1 }] });
  assert.equal(dropFromPage(page, 9), page);
  assert.equal(dropFromPage(undefined, 1), undefined);
});
