/** "3 minutes ago" style text for a timestamp, in the browser's language. Example: relativeTime(new Date(Date.now() - 90_000)) */
export function relativeTime(when: string | Date, now: number = Date.now()): string {
  const ms = new Date(when).getTime() - now;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const abs = Math.abs(ms);
  if (abs < 60_000) return format.format(Math.round(ms / 1000), 'second');
  if (abs < 3_600_000) return format.format(Math.round(ms / 60_000), 'minute');
  if (abs < 86_400_000) return format.format(Math.round(ms / 3_600_000), 'hour');
  if (abs < 30 * 86_400_000) return format.format(Math.round(ms / 86_400_000), 'day');
  return new Date(when).toLocaleDateString();
}
