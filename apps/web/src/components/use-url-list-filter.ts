import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** The least a list filter kept in the URL holds: the search sent to the server and the page. */
export interface UrlListFilter {
  search: string;
  offset: number;
}

/** A URL-held list filter, the search box's text as typed, and how to change either. */
export interface UrlListFilterState<F extends UrlListFilter> {
  filter: F;
  /** Applies a change and goes back to the first page (a changed list starts over). */
  setFilter: (patch: Partial<F>) => void;
  /** The search box's text; it reaches the filter once typing has paused `delayMs`. */
  typed: string;
  setTyped: (value: string) => void;
}

/**
 * A list's filter kept in the URL (so a filtered list can be shared and survives going back), read with `fromParams`
 * and written with `toParams`, whose search box applies its text once typing pauses for `delayMs`.
 * Example: const { filter, setFilter, typed, setTyped } = useUrlListFilter(filterFromParams, paramsFromFilter, 250)
 */
export function useUrlListFilter<F extends UrlListFilter>(fromParams: (params: URLSearchParams) => F, toParams: (filter: F) => URLSearchParams, delayMs: number): UrlListFilterState<F> {
  const [params, setParams] = useSearchParams();
  const filter = fromParams(params);
  const [typed, setTyped] = useState(filter.search);
  const setFilter = (patch: Partial<F>) => setParams(toParams({ ...filter, offset: 0, ...patch }), { replace: true });
  // The debounced search applies the filter of the latest render, so it cannot undo a status picked meanwhile.
  const latestSetFilter = useRef(setFilter);
  latestSetFilter.current = setFilter;
  useEffect(() => {
    if (typed === filter.search) return;
    const timer = setTimeout(() => latestSetFilter.current({ search: typed } as Partial<F>), delayMs);
    return () => clearTimeout(timer);
  }, [typed]);
  return { filter, setFilter, typed, setTyped };
}
