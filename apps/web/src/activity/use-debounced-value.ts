import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `delayMs` (compared as JSON, so a rebuilt but equal object is no change):
 * typing in a filter box sends one request when the typing pauses, not one per key.
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
