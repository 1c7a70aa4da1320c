const RELATIVE_DATE = /^-?(\d+)([a-z])$/;
const UNIT_MS: Partial<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** A relative date filter value read once: how many units back from the evaluation's `now`. */
export interface RelativeDate {
  amount: number;
  unit: 'h' | 'd' | 'w' | 'm' | 'y';
}

/**
 * Reads PostHog's relative date filter values (`-7d`, `24h`, `2w`, `3m`, `1y`; the sign is optional), or null.
 * @example parseRelativeDate('-30d') // { amount: 30, unit: 'd' }
 */
export function parseRelativeDate(text: string): RelativeDate | null {
  const match = RELATIVE_DATE.exec(text);
  if (!match) return null;
  const amount = parseInt(match[1], 10);
  if (amount >= 10000) return null;
  const unit = match[2];
  if (unit !== 'h' && unit !== 'd' && unit !== 'w' && unit !== 'm' && unit !== 'y') return null;
  return { amount, unit };
}

/**
 * Resolves PostHog's relative date filter values (`-7d`, `24h`, `2w`, `3m`, `1y`) against `now`, or null.
 * Months step back one at a time, clamping the day each step (Mar 31 − 1m = Feb 28, − 2m = Jan 28).
 * @example relativeDate('-7d', new Date('2024-03-10T00:00:00Z')) // 2024-03-03T00:00:00.000Z
 */
export function relativeDate(text: string, now: Date): Date | null {
  const relative = parseRelativeDate(text);
  return relative === null ? null : new Date(relativeDateMs(relative, now.getTime()));
}

/**
 * The instant (epoch ms) a relative date stands for at `nowMs`. Hours, days and weeks are fixed lengths in UTC, so
 * they are plain subtraction (what `setUTCDate(getUTCDate() - n)` computes); months and years follow the calendar.
 * @example relativeDateMs({ amount: 1, unit: 'd' }, Date.UTC(2024, 0, 2)) // Date.UTC(2024, 0, 1)
 */
export function relativeDateMs(relative: RelativeDate, nowMs: number): number {
  const unitMs = UNIT_MS[relative.unit];
  if (unitMs !== undefined) return timeClip(nowMs - relative.amount * unitMs);
  const date = new Date(nowMs);
  return (relative.unit === 'm' ? subtractMonths(date, relative.amount) : subtractYears(date, relative.amount)).getTime();
}

// A Date holds at most ±8.64e15 ms; beyond it every setter gives NaN, and so does this.
function timeClip(ms: number): number {
  return Math.abs(ms) > 8.64e15 ? NaN : ms;
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

function subtractMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  let day = date.getUTCDate();
  for (let step = 1; step <= months && day > 28; step++) day = Math.min(day, daysInMonth(year, month - step));
  date.setUTCFullYear(year, month - months, day);
  return date;
}

function subtractYears(date: Date, years: number): Date {
  const month = date.getUTCMonth();
  const leapDay = years > 0 && month === 1 && date.getUTCDate() === 29;
  date.setUTCFullYear(date.getUTCFullYear() - years, month, leapDay ? 28 : date.getUTCDate());
  return date;
}
