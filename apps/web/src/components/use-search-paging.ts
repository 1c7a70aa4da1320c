import { useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';

/** A searchable, paged list's state: what is typed, the search that has settled, and the page. */
export interface SearchPaging {
  /** The search box's text, as typed. */
  typed: string;
  /** A new search starts from the first page. */
  setTyped: (value: string) => void;
  /** The trimmed text once typing has paused `delayMs`: what is sent to the server. */
  search: string;
  offset: number;
  setOffset: (offset: number) => void;
}

/** The search text and page of a list whose state lives in the page (not in the URL). */
export function useSearchPaging(delayMs: number): SearchPaging {
  const [typed, setTypedText] = useState('');
  const [offset, setOffset] = useState(0);
  const search = useDebouncedValue(typed.trim(), delayMs);
  const setTyped = (value: string) => {
    setTypedText(value);
    setOffset(0);
  };
  return { typed, setTyped, search, offset, setOffset };
}
