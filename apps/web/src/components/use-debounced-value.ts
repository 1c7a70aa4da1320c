import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `delayMs`: typing in a search or filter box sends one request when the
 * typing pauses, not one per key. Values are compared as JSON, so an object rebuilt on every render but equal to the
 * last one is no change (and does not restart the wait).
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}
