/** Where a page of an offset-paged list stands. */
export interface PagePosition {
  offset: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  /** Rows in all pages, when the API says. */
  total?: number;
}

/**
 * The rows a page shows, for the pager: "51–100 of 120", or "51–62" when the total is not known.
 * Example: pageRangeLabel({ offset: 50, pageSize: 50, shown: 50, total: 120 }) === '51–100 of 120'
 */
export function pageRangeLabel({ offset, pageSize, shown, total }: PagePosition): string {
  const end = total === undefined ? offset + shown : Math.min(total, offset + pageSize);
  const range = end > offset ? `${offset + 1}–${end}` : `Nothing after ${offset}`;
  return total === undefined ? range : `${range} of ${total}`;
}

/**
 * Where a page the API sent stands: its rows, the total when the API counts, and whether a next page exists (PostHog
 * lists link the next page). Example: pageOf({ count: 120, next: '…', results: rows }) // { shown: rows.length, total: 120, hasNext: true }
 */
export function pageOf(page: { count?: number; next: string | null; results: readonly unknown[] } | undefined): { shown: number; total?: number; hasNext: boolean } {
  return { shown: page?.results.length ?? 0, total: page?.count, hasNext: Boolean(page?.next) };
}
