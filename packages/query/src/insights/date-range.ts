import { HogQLError } from '../hogql/hogql-error.js';
import { hCall, hCompare, hConstant, hField, type HExpr } from '../hogql/hogql-ast.js';
import { parseRelativeDate } from '../hogql/relative-date.js';
import { fromWallTime, toWallTime, type WallTime } from '../hogql/zoned-time.js';
import type { InsightContext } from './insight-context.js';

export type Interval = 'minute' | 'hour' | 'day' | 'week' | 'month';
export const INTERVALS: readonly Interval[] = ['minute', 'hour', 'day', 'week', 'month'];

/** PostHog's `DateRange`. */
export interface DateRange {
  date_from?: string | null;
  date_to?: string | null;
  explicitDate?: boolean | null;
}

/** A resolved range: events with `from <= timestamp <= to` count, grouped into `buckets` (interval starts). */
export interface QueryDateRange {
  from: Date;
  to: Date;
  interval: Interval;
  /** Start instant of every bucket, oldest first, from the bucket holding `from` through the one holding `to`. */
  buckets: Date[];
}

const RELATIVE = /^-?(\d+)?([hdwmqysM])(Start|End)?$/;
const DEFAULT_DAYS_BACK = 7;
const MAX_BUCKETS = 10_000;

/**
 * Resolves a query's date range as PostHog's `QueryDateRange` does (rest-api.md 5.3): a missing `date_from` is 7 days
 * before today's start, relative `date_from`s are truncated to the hour or day, `date_to` is extended to the end of
 * its day (or hour/minute) unless `explicitDate`, and buckets run from the aligned start through `date_to`.
 * @example resolveDateRange({ date_from: '-7d' }, 'day', ctx) // now 2024-05-08 15:00Z => buckets 2024-05-01 … 2024-05-08
 */
export function resolveDateRange(range: DateRange | null | undefined, interval: Interval | null | undefined, ctx: InsightContext): QueryDateRange {
  const step = assertInterval(interval ?? 'day');
  const from = resolveFrom(range?.date_from ?? null, step, ctx);
  const to = resolveTo(range?.date_to ?? null, Boolean(range?.explicitDate), step, ctx);
  return withBuckets(from, to, step, ctx);
}

/**
 * The period a comparison runs against: the equally long period just before (`compare_to` absent), or the current
 * range shifted back by `compare_to` (`-1w`, `-1y`, …) parsed relative to the current `from`.
 * @example previousDateRange(current, undefined, ctx) // -7d by day => the 8 days before
 */
export function previousDateRange(current: QueryDateRange, compareTo: string | null | undefined, ctx: InsightContext): QueryDateRange {
  const length = current.to.getTime() - current.from.getTime();
  if (compareTo) {
    const from = parseRelativeDate(compareTo, { now: current.from, timezone: ctx.timezone });
    return withBuckets(from, new Date(from.getTime() + length), current.interval, ctx);
  }
  const finer = current.interval === 'minute' || current.interval === 'hour';
  const from = alignDown(new Date(current.from.getTime() - length), finer ? current.interval : 'day', ctx);
  const to = new Date(alignDown(current.from, finer ? current.interval : 'day', ctx).getTime() - 1);
  return withBuckets(from, to, current.interval, ctx);
}

function withBuckets(from: Date, to: Date, interval: Interval, ctx: InsightContext): QueryDateRange {
  if (to.getTime() < from.getTime()) throw new HogQLError('unsupported', 'date_to is before date_from');
  const buckets: Date[] = [];
  for (let start = alignDown(from, interval, ctx); start.getTime() <= to.getTime(); start = addIntervals(start, interval, 1, ctx)) {
    buckets.push(start);
    if (buckets.length > MAX_BUCKETS) {
      throw new HogQLError('unsupported', `The date range has more than ${MAX_BUCKETS} ${interval} intervals; use a larger interval`);
    }
  }
  return { from, to, interval, buckets };
}

function resolveFrom(text: string | null, interval: Interval, ctx: InsightContext): Date {
  const at = { now: ctx.now, timezone: ctx.timezone };
  if (text === null || text === '') {
    const today = startOfDay(ctx.now, ctx);
    return addDays(today, -DEFAULT_DAYS_BACK, ctx);
  }
  if (text === 'all') {
    const earliest = ctx.earliestEventAt ?? ctx.now;
    return alignDown(earliest, interval === 'minute' || interval === 'hour' ? interval : 'day', ctx);
  }
  const relative = RELATIVE.exec(text.trim());
  const parsed = parseRelativeDate(text, at);
  if (!relative || interval === 'minute') return parsed;
  return relative[2] === 'h' ? alignDown(parsed, 'hour', ctx) : startOfDay(parsed, ctx);
}

function resolveTo(text: string | null, explicit: boolean, interval: Interval, ctx: InsightContext): Date {
  const relativeOrMissing = text === null || text === '' || RELATIVE.test(text.trim());
  const parsed = text === null || text === '' ? ctx.now : parseRelativeDate(text, { now: ctx.now, timezone: ctx.timezone });
  if (explicit) return parsed;
  if (interval === 'minute' || interval === 'hour') {
    return relativeOrMissing ? new Date(addIntervals(alignDown(parsed, interval, ctx), interval, 1, ctx).getTime() - 1) : parsed;
  }
  return new Date(addDays(startOfDay(parsed, ctx), 1, ctx).getTime() - 1);
}

/**
 * The start of the interval holding `instant`, in the project timezone (weeks start on the project's week day).
 * @example alignDown(new Date('2024-05-08T15:00:00Z'), 'week', ctx) // Sunday 2024-05-05 00:00 in ctx.timezone
 */
export function alignDown(instant: Date, interval: Interval, ctx: InsightContext): Date {
  const wall = toWallTime(instant, ctx.timezone);
  const zero = { second: 0, millisecond: 0 };
  switch (interval) {
    case 'minute':
      return fromWallTime({ ...wall, ...zero }, ctx.timezone);
    case 'hour':
      return fromWallTime({ ...wall, minute: 0, ...zero }, ctx.timezone);
    case 'day':
      return fromWallTime(midnight(wall), ctx.timezone);
    case 'week': {
      const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay(); // 0 = Sunday
      const back = ctx.weekStartDay === 1 ? (weekday + 6) % 7 : weekday;
      return fromWallTime(shiftDays(midnight(wall), -back), ctx.timezone);
    }
    case 'month':
      return fromWallTime({ ...midnight(wall), day: 1 }, ctx.timezone);
  }
}

/**
 * `instant` moved by `count` intervals, on the wall clock for days and longer (so DST days stay midnight-aligned).
 * @example addIntervals(may1, 'month', 1, ctx) // June 1, same wall time
 */
export function addIntervals(instant: Date, interval: Interval, count: number, ctx: InsightContext): Date {
  if (interval === 'minute') return new Date(instant.getTime() + count * 60_000);
  if (interval === 'hour') return new Date(instant.getTime() + count * 3_600_000);
  if (interval === 'day') return addDays(instant, count, ctx);
  if (interval === 'week') return addDays(instant, 7 * count, ctx);
  const wall = toWallTime(instant, ctx.timezone);
  const index = wall.year * 12 + (wall.month - 1) + count;
  return fromWallTime({ ...wall, year: Math.floor(index / 12), month: (index % 12) + 1 }, ctx.timezone);
}

function addDays(instant: Date, days: number, ctx: InsightContext): Date {
  return fromWallTime(shiftDays(toWallTime(instant, ctx.timezone), days), ctx.timezone);
}

function startOfDay(instant: Date, ctx: InsightContext): Date {
  return fromWallTime(midnight(toWallTime(instant, ctx.timezone)), ctx.timezone);
}

function midnight(wall: WallTime): WallTime {
  return { ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 };
}

function shiftDays(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function assertInterval(interval: string): Interval {
  if (!(INTERVALS as readonly string[]).includes(interval)) {
    throw new HogQLError('unsupported', `Unsupported interval: ${String(interval).slice(0, 50)}`);
  }
  return interval as Interval;
}

/**
 * A HogQL expression for the start of the bucket an event falls in, as a DateTime in the project timezone; printed
 * by ClickHouse as the same text `bucketKey` gives for that bucket's start.
 * @example bucketExpr('week', ctx) // toDateTime(toStartOfWeek(timestamp, 0)) — the compiler adds the timezone
 */
export function bucketExpr(interval: Interval, ctx: InsightContext, timestamp: HExpr = hField('timestamp')): HExpr {
  const start =
    interval === 'minute' ? hCall('toStartOfMinute', timestamp)
    : interval === 'hour' ? hCall('toStartOfHour', timestamp)
    : interval === 'day' ? hCall('toStartOfDay', timestamp)
    : interval === 'week' ? hCall('toStartOfWeek', timestamp, hConstant(ctx.weekStartDay === 1 ? 3 : 0))
    : hCall('toStartOfMonth', timestamp);
  return hCall('toDateTime', start);
}

/**
 * `from <= timestamp <= to`, with both ends bound as constants.
 * @example dateWindow(range) // and(timestamp >= {p0}, timestamp <= {p1})
 */
export function dateWindow(range: Pick<QueryDateRange, 'from' | 'to'>, timestamp: HExpr = hField('timestamp')): HExpr[] {
  return [hCompare('>=', timestamp, hConstant(range.from)), hCompare('<=', timestamp, hConstant(range.to))];
}

/**
 * The wall-clock text ClickHouse prints for a DateTime in the project timezone: the key that matches result rows to
 * buckets. @example bucketKey(new Date('2024-05-01T00:00:00Z'), 'UTC') // => '2024-05-01 00:00:00'
 */
export function bucketKey(instant: Date, timezone: string): string {
  const w = toWallTime(instant, timezone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/**
 * PostHog's `days` entry for a bucket: `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` for hour and minute intervals.
 * @example bucketDay(may1, 'day', 'UTC') // => '2024-05-01'
 */
export function bucketDay(instant: Date, interval: Interval, timezone: string): string {
  const key = bucketKey(instant, timezone);
  return interval === 'minute' || interval === 'hour' ? key : key.slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * PostHog's label for a bucket: `1-May-2024` (day, and week by its first day), `1-May 13:00` (hour, minute),
 * `May 2024` (month). @example bucketLabel(may1, 'month', 'UTC') // => 'May 2024'
 */
export function bucketLabel(instant: Date, interval: Interval, timezone: string): string {
  const w = toWallTime(instant, timezone);
  const month = MONTHS[w.month - 1];
  if (interval === 'month') return `${month} ${w.year}`;
  if (interval === 'hour' || interval === 'minute') return `${w.day}-${month} ${pad(w.hour)}:${pad(w.minute)}`;
  return `${w.day}-${month}-${w.year}`;
}

/**
 * ISO-8601 with the project timezone's offset, as PostHog prints datetimes: `2024-05-01T00:00:00+02:00`.
 * @example isoInTimezone(new Date('2024-04-30T22:00:00Z'), 'Europe/Berlin') // => '2024-05-01T00:00:00+02:00'
 */
export function isoInTimezone(instant: Date, timezone: string): string {
  const w = toWallTime(instant, timezone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  const offsetMinutes = Math.round((asUtc - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const fraction = w.millisecond ? `.${String(w.millisecond).padStart(3, '0')}` : '';
  return `${bucketKey(instant, timezone).replace(' ', 'T')}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The response's `resolved_date_range`. @example resolvedDateRangeJson(range) // { date_from: '2024-05-01T00:00:00Z', … }
 */
export function resolvedDateRangeJson(range: Pick<QueryDateRange, 'from' | 'to'>): { date_from: string; date_to: string } {
  return { date_from: range.from.toISOString(), date_to: range.to.toISOString() };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
