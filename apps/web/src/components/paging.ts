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

/** Whether a page follows, from the total when known. Example: hasNextPage({ offset: 50, pageSize: 50, shown: 50, total: 100 }) === false */
export function hasNextPage({ offset, pageSize, total }: Omit<PagePosition, 'shown'> & { total: number }): boolean {
  return offset + pageSize < total;
}
