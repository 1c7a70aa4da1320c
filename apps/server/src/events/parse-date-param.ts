const RELATIVE = /^-(\d{1,6})(s|M|h|d|w|m|q|y)$/;

/**
 * `-30s`, `-15M` (minutes), `-24h`, `-7d`, `-2w`, `-1m` (months), `-1q` (13 weeks), `-1y` relative to `now`, as PostHog
 * reads them, or an ISO 8601 date; null when neither.
 * Example: parseRelativeOrIsoDate('-24h', now) -> now minus 24 hours.
 */
export function parseRelativeOrIsoDate(value: string, now: Date): Date | null {
  const relative = RELATIVE.exec(value.trim());
  if (relative) {
    const n = Number(relative[1]);
    const d = new Date(now);
    switch (relative[2]) {
      case 's': d.setUTCSeconds(d.getUTCSeconds() - n); break;
      case 'M': d.setUTCMinutes(d.getUTCMinutes() - n); break;
      case 'h': d.setUTCHours(d.getUTCHours() - n); break;
      case 'd': d.setUTCDate(d.getUTCDate() - n); break;
      case 'w': d.setUTCDate(d.getUTCDate() - 7 * n); break;
      case 'q': d.setUTCDate(d.getUTCDate() - 91 * n); break;
      case 'm': d.setUTCMonth(d.getUTCMonth() - n); break;
      case 'y': d.setUTCFullYear(d.getUTCFullYear() - n); break;
    }
    return d;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const parsed = new Date(value.replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
