const RELATIVE_DATE = /^-?(\d+)([a-z])$/;

/**
 * Resolves PostHog's relative date filter values (`-7d`, `24h`, `2w`, `3m`, `1y`) against `now`, or null.
 * Months step back one at a time, clamping the day each step (Mar 31 − 1m = Feb 28, − 2m = Jan 28).
 * @example relativeDate('-7d', new Date('2024-03-10T00:00:00Z')) // 2024-03-03T00:00:00.000Z
 */
export function relativeDate(text: string, now: Date): Date | null {
  const match = RELATIVE_DATE.exec(text);
  if (!match) return null;
  const amount = parseInt(match[1], 10);
  if (amount >= 10000) return null;
  const date = new Date(now.getTime());
  switch (match[2]) {
    case 'h':
      date.setUTCHours(date.getUTCHours() - amount);
      return date;
    case 'd':
      date.setUTCDate(date.getUTCDate() - amount);
      return date;
    case 'w':
      date.setUTCDate(date.getUTCDate() - amount * 7);
      return date;
    case 'm':
      return subtractMonths(date, amount);
    case 'y':
      return subtractYears(date, amount);
    default:
      return null;
  }
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
