import {
  addIntervals,
  alignDown,
  previousDateRange,
  resolveDateRange,
  type DateRange,
  type Interval,
  type QueryDateRange,
} from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import type { TrendsSpec } from './trends-spec.js';

/** One period a trends query reports on: the current range, or the one it is compared with. */
export interface TrendsPeriod {
  range: QueryDateRange;
  /** Events at or after this instant (and at or before `range.to`) count. */
  lower: Date;
  compareLabel: 'current' | 'previous' | null;
}

const RELATIVE = /^-?(\d+)?([hdwmqysM])(Start|End)?$/;

/**
 * The current period, then the previous one when the query compares.
 * @example trendsPeriods(spec, ctx).map((p) => p.compareLabel) // ['current', 'previous']
 */
export function trendsPeriods(spec: TrendsSpec, ctx: InsightContext): TrendsPeriod[] {
  const dateRange = spec.query.dateRange ?? null;
  const current = resolveDateRange(dateRange, spec.interval, ctx);
  const periods: TrendsPeriod[] = [period(current, dateRange, spec.compare ? 'current' : null, ctx)];
  if (spec.compare) {
    const previous = previousDateRange(current, spec.compare.compareTo, ctx);
    periods.push(period(previous, dateRange, 'previous', ctx));
  }
  return periods;
}

function period(range: QueryDateRange, dateRange: DateRange | null, label: TrendsPeriod['compareLabel'], ctx: InsightContext): TrendsPeriod {
  const lower = useStartOfInterval(dateRange, range.interval) ? alignDown(range.from, range.interval === 'week' ? 'day' : range.interval, ctx) : range.from;
  return { range, lower, compareLabel: label };
}

/**
 * PostHog widens the event window to the start of the first bucket except for explicit dates, relative hour ranges
 * and minute/hour intervals with a relative start; week intervals widen to the day only (rest-api.md 5.3).
 */
function useStartOfInterval(dateRange: DateRange | null, interval: Interval): boolean {
  if (dateRange?.explicitDate) return false;
  const from = dateRange?.date_from;
  if (from === null || from === undefined || from === '' || from === 'all') return true;
  const relative = RELATIVE.exec(from.trim());
  if (!relative) return true;
  if (interval === 'minute' || interval === 'hour') return false;
  return !(interval === 'day' && relative[2] === 'h');
}

/**
 * The unit active-user maths truncate event times to before windowing: the interval for minute and hour, else days.
 * @example activeUnit('week') // => 'day'
 */
export function activeUnit(interval: Interval): 'minute' | 'hour' | 'day' {
  return interval === 'minute' || interval === 'hour' ? interval : 'day';
}

/**
 * The events a weekly/monthly-active bucket counts: those whose truncated time lies in the `days` days ending with the
 * bucket, i.e. `[bucket − days + 1 unit, bucket + 1 unit)`.
 * @example activeWindow(may8, 7, 'day', ctx) // [May 2 00:00, May 9 00:00)
 */
export function activeWindow(bucket: Date, days: number, interval: Interval, ctx: InsightContext): { start: Date; end: Date } {
  const unit = activeUnit(interval);
  const start = addIntervals(addIntervals(bucket, 'day', -days, ctx), unit, 1, ctx);
  return { start, end: addIntervals(bucket, unit, 1, ctx) };
}

/**
 * The window a total-value display counts weekly/monthly-active persons in: the `days` calendar days ending with the
 * range's last day, as PostHog does.
 * @example totalActiveStart(range, 7, ctx) // 6 days before the last day, 00:00
 */
export function totalActiveStart(range: QueryDateRange, days: number, ctx: InsightContext): Date {
  return addIntervals(alignDown(range.to, 'day', ctx), 'day', -(days - 1), ctx);
}

/**
 * The instants one bucket covers within the period: `[start, end)`, clipped to `[lower, to]`.
 * @example bucketWindow(period, 0, ctx) // { start: lower, end: second bucket start }
 */
export function bucketWindow(p: TrendsPeriod, index: number, ctx: InsightContext): { start: Date; end: Date } {
  const bucket = p.range.buckets[index];
  const next = p.range.buckets[index + 1] ?? addIntervals(bucket, p.range.interval, 1, ctx);
  const start = bucket.getTime() < p.lower.getTime() ? p.lower : bucket;
  const end = Math.min(next.getTime(), p.range.to.getTime() + 1);
  return { start, end: new Date(end) };
}
