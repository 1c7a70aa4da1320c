import { HogQLError } from './hogql-error.js';

/** Calendar fields of an instant as seen on a wall clock in some timezone (month is 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new HogQLError('unsupported', `Unknown timezone: ${timezone}`);
    }
    formatters.set(timezone, f);
  }
  return f;
}

/**
 * The wall-clock reading of an instant in a timezone.
 * @example toWallTime(new Date('2024-05-01T23:30:00Z'), 'Europe/Berlin') // => { year: 2024, month: 5, day: 2, hour: 1, minute: 30, … }
 */
export function toWallTime(instant: Date, timezone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/**
 * The instant a wall-clock reading denotes in a timezone; the earlier one when a DST change repeats the reading,
 * and the reading shifted by the change when it skips it.
 * @example fromWallTime({ year: 2024, month: 5, day: 2, hour: 1, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin')
 * // => 2024-05-01T23:30:00.000Z
 */
export function fromWallTime(wall: WallTime, timezone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const day = 86_400_000;
  // Offsets on either side of any DST change near this reading; each one that reproduces it is a candidate.
  const candidates = [offsetAt(asUtc - day, timezone), offsetAt(asUtc + day, timezone)].map((offset) => asUtc - offset);
  const exact = candidates.filter((t) => offsetAt(t, timezone) === asUtc - t);
  return new Date(exact.length > 0 ? Math.min(...exact) : candidates[0]);
}

function offsetAt(instantMs: number, timezone: string): number {
  const wall = toWallTime(new Date(instantMs), timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  return asUtc - instantMs;
}

/**
 * Days in a month (month 1–12).
 * @example daysInMonth(2024, 2) // => 29
 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
