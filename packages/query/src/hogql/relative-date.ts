import { HogQLError } from './hogql-error.js';
import { daysInMonth, fromWallTime, toWallTime, type WallTime } from './zoned-time.js';

const RELATIVE = /^-?(\d+)?([hdwmqysM])(Start|End)?$/;
const ABSOLUTE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const MS = { s: 1_000, M: 60_000, h: 3_600_000 } as const;

/**
 * Parses PostHog's date strings in the project timezone: relative (`-24h`, `-7d`, `-2w`, `-1m` = months, `-1y`,
 * `-30M` = minutes, `-1dStart`, `mStart`, `-1mEnd`) or ISO (`2024-05-01`, `2024-05-01 10:00`, `…Z`, `…+02:00`).
 * The amount is always subtracted from `now`; ISO without an offset is wall-clock time in the timezone.
 * @example parseRelativeDate('-7d', { now: new Date('2024-05-08T15:00:00Z'), timezone: 'UTC' }) // => 2024-05-01T15:00:00Z
 */
export function parseRelativeDate(text: string, at: { now: Date; timezone: string }): Date {
  const input = text.trim();
  const relative = RELATIVE.exec(input);
  if (relative) return relativeDate(Number(relative[1] ?? 0), relative[2], relative[3], at);
  const absolute = ABSOLUTE.exec(input);
  if (absolute) return absoluteDate(absolute, at.timezone);
  throw new HogQLError('syntax_error', `Cannot parse date: ${text}`);
}

function relativeDate(amount: number, unit: string, edge: string | undefined, at: { now: Date; timezone: string }): Date {
  if (unit === 's' || unit === 'M' || unit === 'h') {
    const shifted = new Date(at.now.getTime() - amount * MS[unit]);
    return unit === 'h' && edge ? fromWallTime(atEdge(toWallTime(shifted, at.timezone), 'h', edge), at.timezone) : shifted;
  }
  const wall = toWallTime(at.now, at.timezone);
  const shifted =
    unit === 'd' ? addDays(wall, -amount)
    : unit === 'w' ? addDays(wall, -7 * amount)
    : unit === 'q' ? addDays(wall, -91 * amount)
    : unit === 'm' ? addMonths(wall, -amount)
    : addMonths(wall, -12 * amount);
  return fromWallTime(edge ? atEdge(shifted, unit, edge) : shifted, at.timezone);
}

/** `Start` / `End` of the unit: hour, day, month or year; weeks and quarters have no edge (as in PostHog). */
function atEdge(wall: WallTime, unit: string, edge: string): WallTime {
  const start = edge === 'Start';
  const time = start
    ? { hour: 0, minute: 0, second: 0, millisecond: 0 }
    : { hour: 23, minute: 59, second: 59, millisecond: 999 };
  switch (unit) {
    case 'h':
      return { ...wall, minute: time.minute, second: time.second, millisecond: time.millisecond };
    case 'd':
      return { ...wall, ...time };
    case 'm':
      return { ...wall, ...time, day: start ? 1 : daysInMonth(wall.year, wall.month) };
    case 'y':
      return start ? { ...wall, ...time, month: 1, day: 1 } : { ...wall, ...time, month: 12, day: 31 };
    default:
      return wall;
  }
}

function addDays(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function addMonths(wall: WallTime, months: number): WallTime {
  const index = wall.year * 12 + (wall.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) };
}

function absoluteDate(m: RegExpExecArray, timezone: string): Date {
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', offset] = m;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month) || wall.hour > 23) {
    throw new HogQLError('syntax_error', `Cannot parse date: ${m[0]}`);
  }
  if (!offset) return fromWallTime(wall, timezone);
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  if (offset.toUpperCase() === 'Z') return new Date(utc);
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return new Date(utc - sign * minutes * 60_000);
}
