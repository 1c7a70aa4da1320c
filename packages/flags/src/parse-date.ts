import { parseRelativeDate, relativeDateMs, type RelativeDate } from './relative-date.js';

// A wall-clock date-time without an offset. JavaScript would read it in the process's local zone, which
// would make Warren's answer depend on the server's TZ; reading it as UTC matches posthog-node on a UTC host.
const NAIVE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * Parses a property or filter value as an instant: numbers are epoch milliseconds (as posthog-node reads
 * them), strings anything `Date` accepts, naive date-times as UTC. Null when it is not a date.
 * @example parseInstant('2024-01-15') // 2024-01-15T00:00:00.000Z
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value === 'number') return validDate(new Date(value));
  if (typeof value !== 'string') return null;
  const naive = NAIVE_DATE_TIME.exec(value);
  return validDate(new Date(naive ? `${naive[1]}T${naive[2]}Z` : value));
}

/**
 * Parses a date filter value: a relative date (`-30d`) against `now`, else an instant; null when invalid.
 * @example parseDateFilter('-1d', new Date('2024-01-02T00:00:00Z')) // 2024-01-01T00:00:00.000Z
 */
export function parseDateFilter(value: unknown, now: Date): Date | null {
  const filter = readDateFilter(value);
  if (filter === null) return null;
  const ms = dateFilterMs(filter, now.getTime());
  return ms === null ? null : new Date(ms);
}

/** A date filter value read once: relative to each evaluation's `now`, or a fixed instant (null: not a date). */
export interface DateFilterValue {
  relative: RelativeDate | null;
  instantMs: number | null;
}

/**
 * Reads a date filter value once, so evaluations only resolve it against their `now`; null for values that are
 * never dates (booleans, null, objects).
 * @example readDateFilter('-30d') // { relative: { amount: 30, unit: 'd' }, instantMs: null }
 */
export function readDateFilter(value: unknown): DateFilterValue | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const relative = parseRelativeDate(String(value));
  return { relative, instantMs: relative === null ? (parseInstant(value)?.getTime() ?? null) : null };
}

/**
 * The instant (epoch ms) a read date filter stands for at `nowMs`; null when the value is not a date.
 * @example dateFilterMs(readDateFilter('-1d')!, Date.UTC(2024, 0, 2)) // Date.UTC(2024, 0, 1)
 */
export function dateFilterMs(filter: DateFilterValue, nowMs: number): number | null {
  return filter.relative === null ? filter.instantMs : relativeDateMs(filter.relative, nowMs);
}

function validDate(date: Date): Date | null {
  return Number.isNaN(date.getTime()) ? null : date;
}
