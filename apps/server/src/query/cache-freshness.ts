/**
 * How long a cached result counts as fresh (rest-api.md 2.2, PostHog's `posthog/caching/utils.py`): by the query's
 * interval, with a longer "lazy" window for `lazy_async`; `always_stale` results (actors) are never served fresh.
 */
export type Freshness = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'none' | 'always_stale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const WINDOW_MS: Readonly<Record<Exclude<Freshness, 'always_stale'>, { normal: number; lazy: number }>> = {
  minute: { normal: 5 * MINUTE, lazy: 15 * MINUTE },
  hour: { normal: HOUR, lazy: 2 * HOUR },
  day: { normal: 6 * HOUR, lazy: 12 * HOUR },
  week: { normal: DAY, lazy: DAY },
  month: { normal: DAY, lazy: DAY },
  none: { normal: 6 * HOUR, lazy: 12 * HOUR },
};

/** Results computed this long after the end of their date range cannot change any more. */
const SETTLED_AFTER_MS = 10_000;

/** What staleness is judged on: when the result was computed and the end of the range it covers. */
export interface CachedAge {
  freshness: Freshness;
  lastRefresh: Date;
  /** The end of the query's date range, when it has one. */
  dateTo: Date | null;
}

/**
 * When the result stops being fresh (`cache_target_age`); null for results that are always stale.
 * Example: cacheTargetAge('day', new Date('2024-05-01T00:00:00Z')) -> 2024-05-01T06:00:00Z.
 */
export function cacheTargetAge(freshness: Freshness, lastRefresh: Date, lazy = false): Date | null {
  if (freshness === 'always_stale') return null;
  const window = WINDOW_MS[freshness];
  return new Date(lastRefresh.getTime() + (lazy ? window.lazy : window.normal));
}

/**
 * True when a cached result should be recomputed: past its window, unless its date range had already ended when it
 * was computed. Example: isStale({ freshness: 'hour', lastRefresh: twoHoursAgo, dateTo: null }, now) -> true.
 */
export function isStale(age: CachedAge, now: Date, lazy = false): boolean {
  const target = cacheTargetAge(age.freshness, age.lastRefresh, lazy);
  if (target === null) return true;
  if (age.dateTo && age.dateTo.getTime() < age.lastRefresh.getTime() - SETTLED_AFTER_MS) return false;
  return now.getTime() > target.getTime();
}

/**
 * The earliest time a client should ask for a recomputation (`next_allowed_client_refresh`): a minute for SQL and
 * lists, 3 minutes for insights over hours or at most a week, else 15 minutes.
 * Example: nextAllowedRefresh('day', now, 30) -> now + 15 min.
 */
export function nextAllowedRefresh(freshness: Freshness, lastRefresh: Date, rangeDays: number | null, insight: boolean): Date {
  let waitMs = MINUTE;
  if (insight) waitMs = freshness === 'minute' || freshness === 'hour' || (rangeDays !== null && rangeDays <= 7) ? 3 * MINUTE : 15 * MINUTE;
  return new Date(lastRefresh.getTime() + waitMs);
}
