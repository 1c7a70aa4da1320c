/**
 * A length of time as a clock reads: `m:ss`, or `h:mm:ss` from an hour on; negative or non-finite values read 0:00.
 * Example: clockTime(312_000) === '5:12'; clockTime(3_723_000) === '1:02:03'
 */
export function clockTime(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The part of a URL worth showing in a narrow column: host and path, without the scheme; non-URLs as they are.
 * Example: shortUrl('https://shop.test/pricing?x=1') === 'shop.test/pricing?x=1'
 */
export function shortUrl(url: string | null | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' && !u.search ? '' : u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/**
 * How to name a recording's person: the name the server gave them (email or name property), else the distinct id.
 * Example: recordingPersonName({ distinct_id: 'u1', person: { name: 'a@x.test' } }) === 'a@x.test'
 */
export function recordingPersonName(recording: { distinct_id: string; person: { name: string } | null }): string {
  return recording.person?.name.trim() || recording.distinct_id;
}
