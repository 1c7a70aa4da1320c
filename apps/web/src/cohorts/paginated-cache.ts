import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Paginated } from '../api/api-client';

/**
 * A cached list page without a deleted record (and its count one lower when the page held it), so the list shown next
 * never flashes the record before its refetch. Example: dropFromPage({ count: 2, next: null, results: [a, b] }, a.id)
 */
export function dropFromPage<T extends { id: number }>(page: Paginated<T> | undefined, id: number): Paginated<T> | undefined {
  if (!page || !page.results.some((x) => x.id === id)) return page;
  return { ...page, count: page.count === undefined ? undefined : page.count - 1, results: page.results.filter((x) => x.id !== id) };
}

/**
 * After a record is deleted: its own query is dropped (a refetch would 404), it leaves every cached page of its lists
 * (`[...listsKey, 'list', …]`) at once, and the lists refetch.
 */
export async function forgetDeleted(client: QueryClient, recordKey: QueryKey, listsKey: QueryKey, id: number): Promise<void> {
  client.removeQueries({ queryKey: recordKey });
  client.setQueriesData<Paginated<{ id: number }>>({ queryKey: [...listsKey, 'list'] }, (page) => dropFromPage(page, id));
  await client.invalidateQueries({ queryKey: listsKey });
}
