/**
 * Distinct ids that broken clients send for "no user" (sdk-wire.md section 2, PostHog's person-utils.ts). Events
 * with them are ingested, but identity code refuses to merge persons through them.
 */

const CASE_INSENSITIVE = [
  'anonymous',
  'guest',
  'distinct_id',
  'distinctid',
  'id',
  'not_authenticated',
  'email',
  'undefined',
  'true',
  'false',
  'null',
];
const CASE_SENSITIVE = ['[object Object]', 'NaN', 'None', 'none', '0'];

const withQuotes = (ids: string[]): string[] => ids.concat(ids.map((id) => `"${id}"`));
const CASE_INSENSITIVE_SET: ReadonlySet<string> = new Set(withQuotes(CASE_INSENSITIVE));
const CASE_SENSITIVE_SET: ReadonlySet<string> = new Set(withQuotes(CASE_SENSITIVE));
/** No listed id is longer than this, so longer ids skip the lowercase copy. */
const LONGEST = Math.max(...[...CASE_INSENSITIVE_SET, ...CASE_SENSITIVE_SET].map((id) => id.length));

/**
 * True when `id` must never take part in an identify / alias merge.
 * @example isIllegalDistinctId('"Anonymous"') // true; isIllegalDistinctId('user-42') // false
 */
export function isIllegalDistinctId(id: string): boolean {
  if (id.trim() === '') return true;
  if (id.length > LONGEST) return false;
  return CASE_SENSITIVE_SET.has(id) || CASE_INSENSITIVE_SET.has(id.toLowerCase());
}
