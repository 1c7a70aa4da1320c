import { gunzipSync } from 'node:zlib';
import { parseUntrustedJson } from '../ingest/parse-untrusted-json.js';

/** An rrweb event as it arrives in `$snapshot_data`: only what Warren reads is typed. */
export interface RawRrwebEvent {
  type?: unknown;
  timestamp?: unknown;
  data?: unknown;
  cv?: unknown;
  [key: string]: unknown;
}

/** The mutation fields posthog-js compresses in an incremental snapshot (rrweb IncrementalSource.Mutation = 0). */
const MUTATION_FIELDS = ['texts', 'attributes', 'removes', 'adds'] as const;

/** A compressed field may not expand past this: a small body must not become a huge one (gzip bomb). */
const MAX_EXPANDED_BYTES = 64 * 1024 * 1024;
/**
 * Nor nest deeper than this: a page's DOM is far shallower (two JSON levels a DOM level), while a few hundred bytes of
 * gzip can hold 200,000 nested arrays, which overflowed the stack of every later step and failed the whole request.
 */
const MAX_EXPANDED_DEPTH = 1000;

/**
 * posthog-js's `cv: "2024-10"` events back to plain rrweb: the full snapshot's `data` and a mutation's `texts`,
 * `attributes`, `removes` and `adds` arrive as gzip bytes written as a latin1 string. Expanding them at ingest (not at
 * read) means the metadata, the player and every API consumer see plain rrweb, the store's ZSTD codec compresses
 * the JSON better than it can the already-gzipped text, and a read costs no gunzip. An event that does not expand
 * (corrupt, too large) is kept as it came. Example: expandSnapshotEvent({type: 2, cv: '2024-10', data: gz}).data.node.
 */
export function expandSnapshotEvent(event: RawRrwebEvent): RawRrwebEvent {
  if (event.cv !== '2024-10') return event;
  try {
    if (event.type === 2 && typeof event.data === 'string') {
      const { cv: _cv, ...rest } = event;
      return { ...rest, data: gunzipJson(event.data) };
    }
    if (event.type === 3 && isObject(event.data) && event.data.source === 0) {
      const data: Record<string, unknown> = { ...event.data };
      for (const field of MUTATION_FIELDS) if (typeof data[field] === 'string') data[field] = gunzipJson(data[field] as string);
      const { cv: _cv, ...rest } = event;
      return { ...rest, data };
    }
    return event;
  } catch {
    return event;
  }
}

function gunzipJson(latin1: string): unknown {
  const parsed = parseUntrustedJson(gunzipSync(Buffer.from(latin1, 'latin1'), { maxOutputLength: MAX_EXPANDED_BYTES }).toString('utf8'), MAX_EXPANDED_DEPTH);
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
