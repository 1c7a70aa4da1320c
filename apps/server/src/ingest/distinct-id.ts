/** Which user an event belongs to, as the client named it (bad-inputs.md 17, 31-33). */
import type { JsonObject } from './types.js';

export type DistinctIdResult =
  | { ok: true; distinctId: string; truncatedFrom: number | null }
  | { ok: false };

/**
 * Reads the event's distinct id: top-level `distinct_id`, then top-level `$distinct_id` (PostHog's alias for it),
 * then `properties.distinct_id`; null counts as absent. Numbers, booleans, objects and arrays are stringified
 * (`{"a":1}` -> `'{"a":1}'`), NUL becomes U+FFFD, and ids longer than `maxChars` code points are truncated.
 * Missing or empty: not ok.
 * @example extractDistinctId({distinct_id: 42}, Object.create(null), 200) // {ok:true, distinctId:'42', truncatedFrom:null}
 */
export function extractDistinctId(event: JsonObject, properties: JsonObject, maxChars: number): DistinctIdResult {
  const raw = event.distinct_id ?? event.$distinct_id ?? properties.distinct_id;
  if (raw === undefined || raw === null) return { ok: false };
  const id = typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  if (id === '') return { ok: false };
  return { ok: true, ...boundedDistinctId(id, maxChars) };
}

/**
 * A distinct id as stored: NUL becomes U+FFFD, and past `maxChars` code points it is cut (never inside a surrogate
 * pair). Also for the other id of a merge (`$anon_distinct_id`, `alias`), which becomes a distinct id of the person.
 * @example boundedDistinctId('a\0b', 200) // {distinctId: 'a\ufffdb', truncatedFrom: null}
 */
export function boundedDistinctId(text: string, maxChars: number): { distinctId: string; truncatedFrom: number | null } {
  const id = text.includes('\0') ? text.replaceAll('\0', '\ufffd') : text;
  if (id.length <= maxChars) return { distinctId: id, truncatedFrom: null };
  const cut = codePointBoundary(id, maxChars);
  if (cut === id.length) return { distinctId: id, truncatedFrom: null };
  return { distinctId: id.slice(0, cut), truncatedFrom: id.length };
}

/** The UTF-16 index after the first `count` code points, so that a surrogate pair is never split. */
function codePointBoundary(text: string, count: number): number {
  let index = 0;
  for (let seen = 0; seen < count && index < text.length; seen++) {
    const unit = text.charCodeAt(index);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1));
    index += isPair ? 2 : 1;
  }
  return index;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
