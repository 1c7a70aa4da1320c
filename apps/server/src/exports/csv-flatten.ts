/** A record one level deep: column name -> cell text. */
export type FlatRecord = Record<string, string>;

/**
 * Flattens an API object into CSV cells the way PostHog's CSV renderer (django-rest-framework-csv) does: nested
 * keys joined with `.`, list items by index (`elements.0.text`), empty objects and lists give no column, and
 * scalars print as Python prints them (`True`/`False`, `None` as an empty cell).
 * Example: flattenForCsv({ id: 'a', properties: { $browser: 'Chrome', n: 2 } })
 * -> { id: 'a', 'properties.$browser': 'Chrome', 'properties.n': '2' }
 */
export function flattenForCsv(value: unknown): FlatRecord {
  const out: FlatRecord = {};
  flattenInto(value, '', out);
  return out;
}

function flattenInto(value: unknown, prefix: string, out: FlatRecord): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flattenInto(item, join(prefix, String(i)), out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flattenInto(item, join(prefix, key), out);
    return;
  }
  out[prefix] = cellText(value);
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

/**
 * The header of PostHog's CSV: every column any row has, sorted by code point (Python's `sorted`).
 * Example: csvHeader(new Set(['timestamp', 'event', 'distinct_id'])) -> ['distinct_id', 'event', 'timestamp']
 */
export function csvHeader(columns: Iterable<string>): string[] {
  return [...columns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
