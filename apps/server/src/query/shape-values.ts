/**
 * ClickHouse JSON output -> PostHog API values: DateTime as ISO 8601 with the project's offset, 64-bit integers
 * as numbers (when exact), everything else as it came.
 * Example: shapeValue('2024-05-01 12:00:00.000000', "DateTime64(6, 'UTC')") -> '2024-05-01T12:00:00.000000Z'.
 */
export function shapeValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  const base = type.replace(/^Nullable\((.*)\)$/, '$1').replace(/^LowCardinality\((.*)\)$/, '$1');
  if (base.startsWith('DateTime') && typeof value === 'string') return clickhouseTimeToIso(value, timezoneOf(base));
  if (/^U?Int(64|128|256)$/.test(base) && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (base.startsWith('Array(') && Array.isArray(value)) {
    const inner = base.slice(6, -1);
    return value.map((v) => shapeValue(v, inner));
  }
  return value;
}

function timezoneOf(type: string): string {
  const match = /'([^']+)'/.exec(type);
  return match ? match[1] : 'UTC';
}

/** `YYYY-MM-DD hh:mm:ss[.ffffff]` in `timezone` -> ISO 8601 with that zone's offset at that instant. */
export function clickhouseTimeToIso(value: string, timezone: string): string {
  const iso = value.replace(' ', 'T');
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return `${iso}Z`;
  const asUtc = Date.parse(`${iso.slice(0, 19)}Z`);
  if (Number.isNaN(asUtc)) return value;
  const offsetMinutes = zoneOffsetMinutes(asUtc, timezone);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${iso}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function zoneOffsetMinutes(wallClockAsUtcMs: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(wallClockAsUtcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - wallClockAsUtcMs) / 60000);
}
