import { asText, type FilterTarget } from './filter-target.js';
import { hAnd, hCall, hCompare, hConstant, type HExpr } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import type { PropertyFilterOptions, PropertyValue } from './property-filter.js';
import { parseRelativeDate } from './relative-date.js';
import { fromWallTime, toWallTime } from './zoned-time.js';

const ABSOLUTE = /^\d{4}-\d{1,2}-\d{1,2}/;
const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** An instant, or a whole day: `start` inclusive, `end` exclusive. */
interface Span {
  start: HExpr;
  end: HExpr;
}

/**
 * `is_date_exact`, `is_date_before`, `is_date_after` on a target read as an instant (text is parsed best-effort;
 * what does not parse never matches). The value is ISO (`2024-05-01`, `2024-05-01T10:00:00Z`; without an offset it
 * is wall-clock time in the project timezone) or relative (`-7d`, `-1dStart`, resolved with the options' `now` and
 * `timezone`). `is_date_exact` with a day matches that whole day in the project timezone, with a time that second.
 * @example dateCondition(target, 'is_date_after', '2024-05-01', {}) // parseDateTimeBestEffortOrNull(properties.x) > parseDateTimeBestEffortOrNull('2024-05-01')
 */
export function dateCondition(target: FilterTarget, operator: string, value: PropertyValue, options: PropertyFilterOptions): HExpr {
  if (typeof value !== 'string' || value.trim() === '') throw new HogQLError('unsupported', `Operator ${operator} needs a date`);
  const text = value.trim();
  const instant = target.type === 'datetime' ? target.expr : hCall('parseDateTimeBestEffortOrNull', asText(target));
  const span = ABSOLUTE.test(text) ? absoluteSpan(text) : relativeSpan(text, operator, options);
  if (operator === 'is_date_before') return hCompare('<', instant, span.start);
  if (operator === 'is_date_after') return hCompare('>', instant, span.start);
  return hAnd([hCompare('>=', instant, span.start), hCompare('<', instant, span.end)]);
}

/** ClickHouse reads the text in the project timezone (the compiler appends it), honouring an explicit offset. */
function absoluteSpan(text: string): Span {
  parseRelativeDate(text, { now: new Date(0), timezone: 'UTC' }); // throws a clear error on text that is no date
  const parse = (t: string) => hCall('parseDateTimeBestEffortOrNull', hConstant(t));
  const day = DAY.exec(text);
  if (!day) {
    const start = parse(text);
    return { start, end: hCall('addSeconds', start, hConstant(1)) };
  }
  const [y, m, d] = day.slice(1).map(Number);
  return { start: parse(isoDay(Date.UTC(y, m - 1, d))), end: parse(isoDay(Date.UTC(y, m - 1, d + 1))) };
}

function relativeSpan(text: string, operator: string, options: PropertyFilterOptions): Span {
  const { now, timezone } = options;
  if (!now || !timezone) {
    throw new HogQLError('unsupported', `The relative date ${text} in a ${operator} filter needs the query's time and timezone`);
  }
  const instant = parseRelativeDate(text, { now, timezone });
  if (operator !== 'is_date_exact') return { start: hConstant(instant), end: hConstant(instant) };
  const wall = toWallTime(instant, timezone);
  const midnight = { ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 };
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  const nextMidnight = { ...midnight, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  return { start: hConstant(fromWallTime(midnight, timezone)), end: hConstant(fromWallTime(nextMidnight, timezone)) };
}

function isoDay(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}
