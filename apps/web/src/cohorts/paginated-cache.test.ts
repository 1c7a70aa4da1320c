import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryClient } from '@tanstack/react-query';
import { dropFromPage, forgetDeleted } from './paginated-cache';

test('a deleted record leaves the cached page and its count; other pages stay as they were', () => {
  const page = { count: 3, next: null, results: [{ id: 1 }, { id: 2 }] };
  assert.deepEqual(dropFromPage(page, 2), { count: 2, next: null, results: [{ id: 1 }] });
  assert.equal(dropFromPage(page, 9), page);
  assert.equal(dropFromPage(undefined, 1), undefined);
});

test('a deleted record leaves every cached page of its lists, and its own query goes', async () => {
  const client = new QueryClient();
  client.setQueryData(['cohorts', 1, 5], { id: 5 });
  client.setQueryData(['cohorts', 1, 'list', '', 0], { count: 2, next: null, results: [{ id: 5 }, { id: 6 }] });
  client.setQueryData(['cohorts', 1, 'list', 'beta', 0], { count: 1, next: null, results: [{ id: 5 }] });
  await forgetDeleted(client, ['cohorts', 1, 5], ['cohorts', 1], 5);
  assert.equal(client.getQueryData(['cohorts', 1, 5]), undefined);
  assert.deepEqual(client.getQueryData(['cohorts', 1, 'list', '', 0]), { count: 1, next: null, results: [{ id: 6 }] });
  assert.deepEqual(client.getQueryData(['cohorts', 1, 'list', 'beta', 0]), { count: 0, next: null, results: [] });
});
