import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { Spinner } from './Spinner';

interface Props<T> {
  /** The list's query: a page of rows. */
  query: { isPending: boolean; isError: boolean; error: unknown; data?: { results: T[] } };
  /** What the rows are, plural ("cohorts"): "Loading cohorts", "The cohorts could not be loaded". */
  what: string;
  /** Shown when the page has no rows: the empty state that teaches, or "nothing matches" under a search. */
  empty: ReactNode;
  /** The rows: a table, its pager. */
  children: (rows: T[]) => ReactNode;
}

/**
 * A paged list in its states: loading, failed, empty, or its rows. A failed refresh of a list already shown keeps
 * the rows under the error.
 */
export function ListResult<T>({ query, what, empty, children }: Props<T>) {
  const failed = query.isError ? <ErrorNotice error={query.error} title={`The ${what} could not be loaded`} /> : null;
  if (!query.data) return failed ?? <Spinner label={`Loading ${what}`} />;
  const rows = query.data.results;
  return (
    <>
      {failed}
      {rows.length === 0 ? empty : children(rows)}
    </>
  );
}
