import { useRef } from 'react';

/**
 * The latest answer, or — while the next one for the same view loads (a new filter, range or compare) — the previous
 * answer, so figures and tables stay in place, dimmed, instead of flashing a spinner on every click. A different view
 * (another tab of a card) never shows the old one's rows.
 */
export function useKeptData<T>(data: T | undefined, view: string): T | undefined {
  const kept = useRef<{ view: string; data: T } | null>(null);
  if (data !== undefined) kept.current = { view, data };
  return data ?? (kept.current?.view === view ? kept.current.data : undefined);
}
