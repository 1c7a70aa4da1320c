import type { NetworkRedaction } from './replay-settings.js';

/** The rrweb plugin posthog-js records network requests with (its events are never compressed). */
export const NETWORK_PLUGIN = 'rrweb/network@1';
/** What replaces a redacted value: the word posthog-js itself puts in place of the headers it always drops. */
export const REDACTED = 'redacted';
const RRWEB_PLUGIN_EVENT = 6;

/**
 * Replaces, in the network requests recorded by posthog-js, the values of the project's redacted headers (request and
 * response, by name ignoring case) and of its redacted JSON body keys (at any depth, ignoring case). Bodies that are
 * not JSON are kept as they are. Other events, and everything when there are no rules, are returned untouched.
 * Example: redactNetworkEvents([networkEvent], { headers: ['x-api-key'], bodyKeys: ['password'] })
 */
export function redactNetworkEvents(events: unknown[], rules: NetworkRedaction): unknown[] {
  if (rules.headers.length === 0 && rules.bodyKeys.length === 0) return events;
  const headers = new Set(rules.headers.map((h) => h.toLowerCase()));
  const keys = new Set(rules.bodyKeys.map((k) => k.toLowerCase()));
  return events.map((event) => {
    const requests = networkRequestsOf(event);
    if (!requests) return event;
    const e = event as { data: { payload: Record<string, unknown> } };
    const redacted = requests.map((r) => redactRequest(r, headers, keys));
    return { ...e, data: { ...e.data, payload: { ...e.data.payload, requests: redacted } } };
  });
}

function networkRequestsOf(event: unknown): unknown[] | null {
  if (!isObject(event) || event.type !== RRWEB_PLUGIN_EVENT || !isObject(event.data) || event.data.plugin !== NETWORK_PLUGIN) return null;
  const payload = event.data.payload;
  return isObject(payload) && Array.isArray(payload.requests) ? payload.requests : null;
}

function redactRequest(request: unknown, headers: Set<string>, keys: Set<string>): unknown {
  if (!isObject(request)) return request;
  const out: Record<string, unknown> = { ...request };
  for (const field of ['requestHeaders', 'responseHeaders']) {
    if (headers.size > 0 && isObject(out[field])) out[field] = redactHeaders(out[field], headers);
  }
  for (const field of ['requestBody', 'responseBody']) {
    if (keys.size > 0 && out[field] !== undefined && out[field] !== null) out[field] = redactBody(out[field], keys);
  }
  return out;
}

// Copies are made with Object.fromEntries: recorded names may be any text, and `out['__proto__'] = value` would set
// the copy's prototype (or do nothing) instead of keeping the key.
function redactHeaders(values: Record<string, unknown>, names: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, names.has(name.toLowerCase()) ? REDACTED : value]));
}

/** A JSON body (posthog-js records bodies as text) with the keys redacted, written back in the form it came in. */
function redactBody(body: unknown, keys: Set<string>): unknown {
  if (typeof body !== 'string') return redactValue(body, keys);
  const text = body.trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  return JSON.stringify(redactValue(parsed, keys));
}

/** Deeper than this a body is replaced whole: walking it could exhaust the stack, and stopping early could leak a key. */
const MAX_BODY_DEPTH = 64;

function redactValue(value: unknown, keys: Set<string>, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_BODY_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, keys, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, keys.has(key.toLowerCase()) ? REDACTED : redactValue(v, keys, depth + 1)]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
