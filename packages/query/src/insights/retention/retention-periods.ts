import { hCall, hConstant, hField, type HExpr } from '../../hogql/hogql-ast.js';
import { parseRelativeDate } from '../../hogql/relative-date.js';
import { addIntervals, alignDown, isoInTimezone, type DateRange, type Interval } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';

export const RETENTION_PERIODS = ['Hour', 'Day', 'Week', 'Month'] as const;
export type RetentionPeriod = (typeof RETENTION_PERIODS)[number];

const INTERVAL: Record<RetentionPeriod, Interval> = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' };

/** The cohort periods of a retention query: `starts[i]` opens row i; events count while `timestamp < end`. */
export interface RetentionRange {
  period: RetentionPeriod;
  starts: Date[];
  /** Start of the period after the last one (exclusive). */
  end: Date;
}

/**
 * The periods of a retention query (rest-api.md 5.3): the last is the period holding `date_to` (now when absent),
 * and there are `totalIntervals` of them, aligned in the project timezone (weeks on the project's week start).
 * `date_from` is ignored, as PostHog derives it.
 * @example retentionRange({ date_to: '2024-05-08' }, 'Day', 3, ctx).starts // May 6, May 7, May 8 (00:00 in ctx.timezone)
 */
export function retentionRange(dateRange: DateRange | null, period: RetentionPeriod, totalIntervals: number, ctx: InsightContext): RetentionRange {
  const interval = INTERVAL[period];
  const text = dateRange?.date_to;
  const dateTo = text ? parseRelativeDate(text, { now: ctx.now, timezone: ctx.timezone }) : ctx.now;
  const last = alignDown(dateTo, interval, ctx);
  const starts = Array.from({ length: totalIntervals }, (_, i) => addIntervals(last, interval, i - totalIntervals + 1, ctx));
  return { period, starts, end: addIntervals(last, interval, 1, ctx) };
}

/**
 * PostHog's label of a row or a value: the capitalised period and its number.
 * @example periodLabel('Week', 2) // => 'Week 2'
 */
export function periodLabel(period: RetentionPeriod, index: number): string {
  return `${period} ${index}`;
}

/**
 * A row's `date`: the start of its period as ISO-8601 in the project timezone, `Z` for UTC as PostHog prints it.
 * @example periodDate(new Date('2024-05-01T00:00:00Z'), 'UTC') // => '2024-05-01T00:00:00Z'
 */
export function periodDate(start: Date, timezone: string): string {
  return isoInTimezone(start, timezone).replace(/\+00:00$/, 'Z');
}

/**
 * HogQL for the 0-based period an instant falls in, counted from the first period (negative before it, ≥ the
 * number of periods after it). Calendar units are counted in the project timezone, which the compiler appends to
 * `dateDiff` and `toStartOfWeek`; hours are counted as elapsed hours between hour starts.
 * @example periodIndexExpr(range, ctx) // Day: dateDiff('day', {first}, timestamp)
 */
export function periodIndexExpr(range: RetentionRange, ctx: InsightContext, timestamp: HExpr = hField('timestamp')): HExpr {
  // Days and months are counted from the instant itself; hours and weeks from the start of its period.
  const counted = range.period === 'Day' || range.period === 'Month' ? timestamp : periodStartExpr(range, ctx, timestamp);
  return periodStartIndexExpr(range, counted);
}

/**
 * HogQL for the start of the period an instant falls in, in the project timezone (a Date for weeks and months).
 * Grouping by it and indexing the few distinct starts is cheaper than indexing every event.
 * @example periodStartExpr(range, ctx) // Week: toStartOfWeek(timestamp, 0)
 */
export function periodStartExpr(range: RetentionRange, ctx: InsightContext, timestamp: HExpr = hField('timestamp')): HExpr {
  switch (range.period) {
    case 'Hour':
      return hCall('toStartOfHour', timestamp);
    case 'Day':
      return hCall('toStartOfDay', timestamp);
    case 'Week':
      return hCall('toStartOfWeek', timestamp, hConstant(ctx.weekStartDay === 1 ? 3 : 0));
    case 'Month':
      return hCall('toStartOfMonth', timestamp);
  }
}

/**
 * HogQL for the 0-based index of a period from the start of that period (`periodStartExpr`), or from any instant in
 * it for days and months. `toStartOfWeek` is not applied again: ClickHouse refuses a timezone with a Date.
 * @example periodStartIndexExpr(range, hField('s')) // Week: intDiv(dateDiff('day', {first}, s), 7)
 */
export function periodStartIndexExpr(range: RetentionRange, start: HExpr): HExpr {
  const first = hConstant(range.starts[0]);
  switch (range.period) {
    case 'Hour':
      return hCall('intDiv', hCall('dateDiff', hConstant('second'), first, start), hConstant(3600));
    case 'Day':
      return hCall('dateDiff', hConstant('day'), first, start);
    case 'Week':
      return hCall('intDiv', hCall('dateDiff', hConstant('day'), first, start), hConstant(7));
    case 'Month':
      return hCall('dateDiff', hConstant('month'), first, start);
  }
}
