/**
 * `2024-05-01T12:00:00.123Z` -> `2024-05-01 12:00:00.123`, ClickHouse's own DateTime64 text (inserted without
 * best-effort parsing). Example: clickhouseTime('2024-05-01T12:00:00.123Z') === '2024-05-01 12:00:00.123'.
 */
export function clickhouseTime(iso: string): string {
  return iso.slice(0, 10) + ' ' + iso.slice(11, iso.length - 1);
}
