/**
 * Step 3 of ingestion: one raw event (as the client sent it) -> a NormalizedEvent, or a typed drop.
 * Never throws for bad client data; records warnings for what it had to fix.
 */
import { applyCookieless, isCookieless, linkConsentedVisitor } from './cookieless.js';
import { boundedDistinctId, extractDistinctId } from './distinct-id.js';
import { mintEventUuid } from './event-uuid.js';
import { resolveEventTime } from './event-timestamp.js';
import { enrichWithGeoIp } from './geoip.js';
import { isoTime } from './iso-time.js';
import { checkProcessPersonProfile, mergePersonUpdates } from './person-updates.js';
import { enrichFromUserAgent, markBot } from './user-agent.js';
import { describeClientValue, isJsonObject } from './json-values.js';
import type { NormalizeLimits } from './limits.js';
import type { DropReason, IngestionWarning, JsonObject, NormalizeContext, NormalizedEvent } from './types.js';

const UUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Bytes a stored row spends outside `properties`, `event`, `distinct_id` and `elements_chain` (uuid, times, ids). */
const ROW_OVERHEAD_BYTES = 256;

/**
 * The ok result also hands over the serialized properties and the event's size, computed once here so that later
 * steps need not stringify again (valid as long as they do not change `event.properties`).
 */
export type NormalizeOutcome =
  | { ok: true; event: NormalizedEvent; warnings: IngestionWarning[]; propertiesJson: string; sizeBytes: number }
  | { ok: false; reason: DropReason; details: JsonObject };

/**
 * Validates and normalizes one event. Takes ownership of `raw` (its `properties` object is mutated and reused, not
 * copied). Drops (with a reason): invalid uuid, missing event name, non-object properties, too many properties,
 * missing distinct id, `$groupidentify` with a non-object `$group_set`, serialized size over the cap, a cookieless
 * event that cannot be named (cookieless.ts). Fixes (with a warning): bad timestamps, long distinct ids, non-object
 * `$set`/`$set_once`, non-boolean `$process_person_profile`.
 * @example normalizeEvent({event: 'e', distinct_id: 'u1'}, {teamId: 1, now, sentAt: null, ip: '1.2.3.4', userAgent: undefined}, DEFAULT_INGEST_LIMITS)
 * // {ok:true, event:{uuid:<v7>, event:'e', distinctId:'u1', timestamp: now, properties:{$ip:'1.2.3.4'}, ...}, warnings:[]}
 */
export function normalizeEvent(raw: JsonObject, ctx: NormalizeContext, limits: NormalizeLimits): NormalizeOutcome {
  const uuid = eventUuid(raw.uuid);
  if (uuid === null) return drop('skipping_event_invalid_uuid', { uuid: describeClientValue(raw.uuid) });
  const eventName = raw.event;
  if (typeof eventName !== 'string' || eventName === '') return drop('missing_event_name', { uuid });
  const event = withoutNul(eventName);
  const properties = ownProperties(raw.properties);
  if (properties === null) return drop('invalid_event_shape', { uuid, event, field: 'properties' });
  const distinct = extractDistinctId(raw, properties, limits.maxDistinctIdChars);
  if (!distinct.ok) return drop('missing_distinct_id', { uuid, event });
  if (event === '$groupidentify' && properties.$group_set != null && !isJsonObject(properties.$group_set)) {
    return drop('invalid_event_shape', { uuid, event, field: '$group_set' });
  }

  const warnings: IngestionWarning[] = [];
  if (distinct.truncatedFrom !== null) {
    warnings.push({ type: 'distinct_id_truncated', details: { originalLength: distinct.truncatedFrom, keptChars: limits.maxDistinctIdChars } });
  }
  boundMergedId(event, properties, limits.maxDistinctIdChars, warnings);
  const nowMs = ctx.now.getTime();
  const time = resolveEventTime(
    { timestamp: raw.timestamp, offset: raw.offset, sentAt: raw.sent_at ?? ctx.sentAt, ignoreSentAt: properties.$ignore_sent_at === true },
    nowMs,
  );
  if (time.warning !== null) warnings.push(time.warning);
  if (time.rawOutOfRange !== undefined) properties.$raw_timestamp = time.rawOutOfRange;

  mergePersonUpdates(raw, properties, warnings);
  checkProcessPersonProfile(properties, warnings);
  if (ctx.geo) enrichWithGeoIp(properties, ctx.geo.connectionIp, ctx.geo.lookup);
  applyIp(properties, ctx.ip);
  markBot(properties, ctx.userAgent);
  enrichFromUserAgent(properties, ctx.userAgent);
  let distinctId = distinct.distinctId;
  // After the IP and user agent have served GeoIP and device detection: naming the visitor removes them.
  const cookieless = { teamId: ctx.teamId, connectionIp: ctx.geo?.connectionIp ?? ctx.ip ?? '', requestUserAgent: ctx.userAgent, salts: ctx.cookielessSalts ?? {}, timestampMs: time.ms };
  if (isCookieless(properties)) {
    const named = applyCookieless(event, properties, distinctId, cookieless);
    if (!named.ok) return drop(named.reason, { uuid, event, ...named.details });
    distinctId = named.distinctId;
  } else linkConsentedVisitor(event, properties, cookieless);
  adoptTopLevelSessionId(raw, properties);
  const elementsChain = takeElementsChain(raw, properties);

  const propertiesJson = JSON.stringify(properties);
  if (mayHoldMoreKeysThan(propertiesJson, limits.maxProperties) && countKeysUpTo(properties, limits.maxProperties + 1) > limits.maxProperties) {
    return drop('too_many_properties', { uuid, event, maxProperties: limits.maxProperties });
  }
  const sizeBytes =
    Buffer.byteLength(propertiesJson) + Buffer.byteLength(event) + Buffer.byteLength(distinctId) + Buffer.byteLength(elementsChain) + ROW_OVERHEAD_BYTES;
  if (sizeBytes > limits.maxEventBytes) {
    return drop('message_size_too_large', { uuid, event, sizeBytes, maxEventBytes: limits.maxEventBytes });
  }
  return {
    ok: true,
    event: {
      teamId: ctx.teamId,
      uuid,
      event,
      distinctId,
      timestamp: isoTime(time.ms),
      createdAt: isoTime(nowMs),
      properties,
      elementsChain,
      sessionId: stringProperty(properties.$session_id),
      windowId: stringProperty(properties.$window_id),
    },
    warnings,
    propertiesJson,
    sizeBytes,
  };
}

/** Where a merge event names the other id it merges: it becomes one of the person's distinct ids. */
const MERGED_ID_PROPERTY: Readonly<Record<string, string>> = { $identify: '$anon_distinct_id', $create_alias: 'alias', $merge_dangerously: 'alias' };

/** The other id of a merge is bounded as a distinct id is (NUL, 200 code points), with the same warning. */
function boundMergedId(event: string, properties: JsonObject, maxChars: number, warnings: IngestionWarning[]): void {
  const key = Object.hasOwn(MERGED_ID_PROPERTY, event) ? MERGED_ID_PROPERTY[event] : undefined;
  const other = key === undefined ? undefined : properties[key];
  if (typeof other !== 'string') return;
  const bounded = boundedDistinctId(other, maxChars);
  properties[key!] = bounded.distinctId;
  if (bounded.truncatedFrom !== null) warnings.push({ type: 'distinct_id_truncated', details: { property: key!, originalLength: bounded.truncatedFrom, keptChars: maxChars } });
}

function drop(reason: DropReason, details: JsonObject): NormalizeOutcome {
  return { ok: false, reason, details };
}

/** Missing: a new UUIDv7. A canonical UUID string: lowercased. Anything else: null (the event is dropped). */
function eventUuid(value: unknown): string | null {
  if (value === undefined || value === null) return mintEventUuid();
  if (typeof value !== 'string' || !UUID_TEXT.test(value)) return null;
  return value.toLowerCase();
}

/** The event's properties object (reused), a fresh null-prototype one when absent, null when not an object. */
function ownProperties(value: unknown): JsonObject | null {
  if (value === undefined || value === null) return Object.create(null) as JsonObject;
  return isJsonObject(value) ? value : null;
}

/**
 * Every top-level property costs at least 5 characters of JSON (`"":0,`), so shorter text cannot hold more than
 * `maxKeys` of them. Counting keys of a dictionary-mode object is not free; this skips it for nearly every event.
 */
function mayHoldMoreKeysThan(json: string, maxKeys: number): boolean {
  return json.length >= 5 * maxKeys;
}

function countKeysUpTo(object: JsonObject, limit: number): number {
  let count = 0;
  for (const _key in object) if (++count >= limit) break;
  return count;
}

/** `$ip` from the connection unless the client sent one; none at all when the project discards IPs. */
function applyIp(properties: JsonObject, ip: string | null): void {
  if (ip === null) delete properties.$ip;
  else if (properties.$ip === undefined || properties.$ip === null) properties.$ip = ip;
}

/**
 * The autocapture elements chain moves out of the properties into its own column (stored once):
 * `properties.$elements_chain`, else the top-level `elements_chain`.
 */
function takeElementsChain(raw: JsonObject, properties: JsonObject): string {
  const fromProperties = properties.$elements_chain;
  if (typeof fromProperties === 'string') {
    delete properties.$elements_chain;
    return withoutNul(fromProperties);
  }
  return typeof raw.elements_chain === 'string' ? withoutNul(raw.elements_chain) : '';
}

/** The v1 capture API (`/i/v1/analytics/events`) moves `$session_id` out of the properties to `session_id`. */
function adoptTopLevelSessionId(raw: JsonObject, properties: JsonObject): void {
  if (properties.$session_id === undefined && typeof raw.session_id === 'string' && raw.session_id !== '') {
    properties.$session_id = raw.session_id;
  }
}

function stringProperty(value: unknown): string {
  return typeof value === 'string' ? withoutNul(value) : '';
}

/** NUL in a column value becomes U+FFFD, as PostHog's capture does for distinct ids. */
function withoutNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\ufffd') : text;
}
