import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeEvent, type NormalizeOutcome } from './normalize-event.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';
import type { IngestionWarning, JsonObject, NormalizeContext, NormalizedEvent, NormalizeResult } from './types.js';

const NOW = new Date('2026-11-24T12:00:00.000Z');
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

function ctx(overrides: Partial<NormalizeContext> = {}): NormalizeContext {
  return { teamId: 7, now: NOW, sentAt: null, ip: '203.0.113.9', userAgent: undefined, ...overrides };
}

/** Builds a raw event the way decoding does: null-prototype objects all the way down. */
function raw(value: Record<string, unknown>): JsonObject {
  return JSON.parse(JSON.stringify(value), (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.assign(Object.create(null), v) : v));
}

function normalized(event: Record<string, unknown>, context = ctx(), limits = DEFAULT_INGEST_LIMITS): { event: NormalizedEvent; warnings: IngestionWarning[] } {
  const result = normalizeEvent(raw(event), context, limits);
  if (!result.ok) assert.fail(`expected ok, dropped: ${result.reason} ${JSON.stringify(result.details)}`);
  return result;
}

function dropReason(event: Record<string, unknown>, limits = DEFAULT_INGEST_LIMITS): string {
  const result = normalizeEvent(raw(event), ctx(), limits);
  if (result.ok) assert.fail('expected a drop');
  return result.reason;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const base = { event: 'e', distinct_id: 'u1' };

test('the result is assignable to the NormalizeResult contract', () => {
  const result: NormalizeResult = normalizeEvent(raw(base), ctx(), DEFAULT_INGEST_LIMITS);
  assert.equal(result.ok, true);
});

test('a minimal event gets team, uuid v7, receive time and IP', () => {
  const { event, warnings } = normalized(base);
  assert.equal(event.teamId, 7);
  assert.match(event.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(event.event, 'e');
  assert.equal(event.distinctId, 'u1');
  assert.equal(event.timestamp, '2026-11-24T12:00:00.000Z');
  assert.equal(event.createdAt, '2026-11-24T12:00:00.000Z');
  assert.deepEqual(plain(event.properties), { $ip: '203.0.113.9' });
  assert.equal(event.elementsChain, '');
  assert.equal(event.sessionId, '');
  assert.equal(event.windowId, '');
  assert.deepEqual(warnings, []);
});

test('the ok result carries the serialized properties and the event size, computed once', () => {
  const result = normalizeEvent(raw({ ...base, properties: { a: 'x' } }), ctx(), DEFAULT_INGEST_LIMITS) as Extract<NormalizeOutcome, { ok: true }>;
  assert.equal(result.propertiesJson, JSON.stringify(result.event.properties));
  assert.ok(result.sizeBytes > result.propertiesJson.length);
});

test('a client uuid is kept and lowercased', () => {
  assert.equal(normalized({ ...base, uuid: '01A20AED-9C13-788B-B7F2-9F4079DBB65A' }).event.uuid, '01a20aed-9c13-788b-b7f2-9f4079dbb65a');
  assert.equal(normalized({ ...base, uuid: '0433280a-3d3a-40b0-8ae2-7314629de8a0' }).event.uuid, '0433280a-3d3a-40b0-8ae2-7314629de8a0');
});

test('an invalid uuid drops the event with skipping_event_invalid_uuid', () => {
  for (const uuid of ['not-a-uuid', '', 42, { a: 1 }, '01a20aed-9c13-788b-b7f2-9f4079dbb65', '01a20aed9c13788bb7f29f4079dbb65a']) {
    assert.equal(dropReason({ ...base, uuid }), 'skipping_event_invalid_uuid', String(uuid));
  }
});

test('a missing, empty or non-string event name drops the event with missing_event_name', () => {
  for (const event of [undefined, '', null, 42, ['e']]) {
    assert.equal(dropReason({ distinct_id: 'u1', event }), 'missing_event_name');
  }
});

test('distinct_id is read from the top level, then $distinct_id, then properties.distinct_id', () => {
  assert.equal(normalized({ event: 'e', distinct_id: 'top', $distinct_id: 'alias', properties: { distinct_id: 'prop' } }).event.distinctId, 'top');
  assert.equal(normalized({ event: 'e', $distinct_id: 'alias', properties: { distinct_id: 'prop' } }).event.distinctId, 'alias');
  assert.equal(normalized({ event: 'e', properties: { distinct_id: 'prop' } }).event.distinctId, 'prop');
  assert.equal(normalized({ event: 'e', distinct_id: null, properties: { distinct_id: 'prop' } }).event.distinctId, 'prop');
});

test('a missing, null or empty distinct_id drops the event with missing_distinct_id', () => {
  assert.equal(dropReason({ event: 'e' }), 'missing_distinct_id');
  assert.equal(dropReason({ event: 'e', distinct_id: null }), 'missing_distinct_id');
  assert.equal(dropReason({ event: 'e', distinct_id: '' }), 'missing_distinct_id');
  assert.equal(dropReason({ event: 'e', distinct_id: '', properties: { distinct_id: 'p' } }), 'missing_distinct_id');
});

test('numeric, boolean and object distinct ids are stringified', () => {
  assert.equal(normalized({ event: 'e', distinct_id: 42 }).event.distinctId, '42');
  assert.equal(normalized({ event: 'e', distinct_id: 0 }).event.distinctId, '0');
  assert.equal(normalized({ event: 'e', distinct_id: true }).event.distinctId, 'true');
  assert.equal(normalized({ event: 'e', distinct_id: { a: 1 } }).event.distinctId, '{"a":1}');
  assert.equal(normalized({ event: 'e', distinct_id: [1, 'x'] }).event.distinctId, '[1,"x"]');
});

test('NUL in distinct_id and other string columns becomes U+FFFD', () => {
  const { event } = normalized({ event: 'a\0b', distinct_id: 'u\0', properties: { $session_id: 's\0', $window_id: 'w', $elements_chain: 'div\0' } });
  assert.equal(event.distinctId, 'u\ufffd');
  assert.equal(event.event, 'a\ufffdb');
  assert.equal(event.sessionId, 's\ufffd');
  assert.equal(event.elementsChain, 'div\ufffd');
});

test('a distinct_id over 200 characters is truncated with distinct_id_truncated, never splitting a surrogate pair', () => {
  const { event, warnings } = normalized({ event: 'e', distinct_id: 'x'.repeat(250) });
  assert.equal(event.distinctId, 'x'.repeat(200));
  assert.deepEqual(warnings.map((w) => w.type), ['distinct_id_truncated']);
  const emoji = normalized({ event: 'e', distinct_id: '😀'.repeat(201) }).event.distinctId;
  assert.equal(emoji, '😀'.repeat(200));
  assert.equal(normalized({ event: 'e', distinct_id: 'y'.repeat(200) }).warnings.length, 0);
});

test('the other id of a merge ($anon_distinct_id, alias) is bounded as a distinct id is: NUL, 200 code points', () => {
  const identify = normalized({ event: '$identify', distinct_id: 'u', properties: { $anon_distinct_id: 'a'.repeat(300_000) } });
  assert.equal(identify.event.properties.$anon_distinct_id, 'a'.repeat(200));
  assert.deepEqual(identify.warnings.map((w) => [w.type, w.details.property]), [['distinct_id_truncated', '$anon_distinct_id']]);
  const alias = normalized({ event: '$create_alias', distinct_id: 'u', properties: { alias: 'b\0c' } });
  assert.equal(alias.event.properties.alias, 'b\ufffdc');
  assert.equal(alias.warnings.length, 0);
  assert.equal(normalized({ event: 'signed_up', distinct_id: 'u', properties: { alias: 'z'.repeat(300) } }).event.properties.alias, 'z'.repeat(300), 'only merges');
});

test('properties that are not an object drop the event with invalid_event_shape', () => {
  assert.equal(dropReason({ ...base, properties: 'x' }), 'invalid_event_shape');
  assert.equal(dropReason({ ...base, properties: [1, 2] }), 'invalid_event_shape');
  assert.deepEqual(plain(normalized({ ...base, properties: null }).event.properties), { $ip: '203.0.113.9' });
});

test('more than maxProperties properties drop the event with too_many_properties', () => {
  const limits = { ...DEFAULT_INGEST_LIMITS, maxProperties: 5 };
  const props = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, i]));
  assert.equal(dropReason({ ...base, properties: props(6) }, limits), 'too_many_properties');
  assert.equal(normalizeEvent(raw({ ...base, properties: props(5) }), ctx({ ip: null }), limits).ok, true);
  assert.equal(dropReason({ ...base, properties: props(10_001) }), 'too_many_properties');
});

test('an event over 1 MB serialized drops with message_size_too_large while a neighbour survives', () => {
  const big = normalizeEvent(raw({ ...base, properties: { blob: 'x'.repeat(1024 * 1024) } }), ctx(), DEFAULT_INGEST_LIMITS);
  assert.equal(big.ok, false);
  assert.equal(!big.ok && big.reason, 'message_size_too_large');
  assert.equal(normalizeEvent(raw({ ...base, properties: { blob: 'x'.repeat(1000) } }), ctx(), DEFAULT_INGEST_LIMITS).ok, true);
  // Multi-byte characters count in bytes.
  assert.equal(normalizeEvent(raw({ ...base, properties: { blob: 'é'.repeat(600_000) } }), ctx(), DEFAULT_INGEST_LIMITS).ok, false);
});

test('timestamps: clock skew is corrected from the request sent_at, and an event sent_at wins over it', () => {
  const skewed = normalized({ ...base, timestamp: '2026-11-24T12:59:50Z' }, ctx({ sentAt: '2026-11-24T13:00:00Z' }));
  assert.equal(skewed.event.timestamp, '2026-11-24T11:59:50.000Z');
  const own = normalized({ ...base, timestamp: '2026-11-24T12:59:50Z', sent_at: '2026-11-24T12:00:00Z' }, ctx({ sentAt: '2026-11-24T13:00:00Z' }));
  assert.equal(own.event.timestamp, '2026-11-24T12:59:50.000Z');
});

test('timestamps: properties.$ignore_sent_at keeps the client timestamp', () => {
  const { event } = normalized({ ...base, timestamp: '2026-11-24T11:00:00Z', properties: { $ignore_sent_at: true } }, ctx({ sentAt: '2026-11-24T13:00:00Z' }));
  assert.equal(event.timestamp, '2026-11-24T11:00:00.000Z');
});

test('timestamps: offset wins', () => {
  assert.equal(normalized({ ...base, timestamp: '2020-01-01T00:00:00Z', offset: 2000 }).event.timestamp, '2026-11-24T11:59:58.000Z');
});

test('timestamps: unparseable and future ones become now with a warning, the event is kept', () => {
  const invalid = normalized({ ...base, timestamp: '2024-02-30T10:00:00Z' });
  assert.equal(invalid.event.timestamp, NOW.toISOString());
  assert.deepEqual(invalid.warnings.map((w) => w.type), ['ignored_invalid_timestamp']);
  const future = normalized({ ...base, timestamp: '2026-11-26T12:00:00Z' });
  assert.equal(future.event.timestamp, NOW.toISOString());
  assert.deepEqual(future.warnings.map((w) => w.type), ['event_timestamp_in_future']);
});

test('timestamps: an out-of-range year becomes now, with the raw value kept in $raw_timestamp', () => {
  const { event, warnings } = normalized({ ...base, timestamp: '9999-01-01T00:00:00Z' });
  assert.equal(event.timestamp, NOW.toISOString());
  assert.equal(event.properties.$raw_timestamp, '9999-01-01T00:00:00Z');
  assert.deepEqual(warnings.map((w) => w.type), ['timestamp_out_of_range']);
});

test('top-level $set / $set_once (posthog-js identify, posthog-python set) move into properties', () => {
  const { event } = normalized({ ...base, event: '$identify', $set: { email: 'a@b.c' }, $set_once: { first: 'x' } });
  assert.deepEqual(plain(event.properties.$set), { email: 'a@b.c' });
  assert.deepEqual(plain(event.properties.$set_once), { first: 'x' });
});

test('$set at both levels is merged and the property-level key wins', () => {
  const { event } = normalized({ ...base, $set: { plan: 'top', a: 1 }, properties: { $set: { plan: 'inner', b: 2 } } });
  assert.deepEqual(plain(event.properties.$set), { plan: 'inner', b: 2, a: 1 });
});

test('merging the two levels of $set reads own keys only: a key named like an Object.prototype member is kept', () => {
  const { event } = normalized({ ...base, $set: { toString: 'top', constructor: 1 }, properties: { $set: { plan: 'inner' } } });
  assert.deepEqual(plain(event.properties.$set), { plan: 'inner', toString: 'top', constructor: 1 });
});

test('a $set or $set_once that is not an object is removed with invalid_event_shape; the event stays', () => {
  const { event, warnings } = normalized({ ...base, $set: 'x', properties: { $set_once: [1], $set: { ok: true } } });
  assert.deepEqual(plain(event.properties.$set), { ok: true });
  assert.equal(event.properties.$set_once, undefined);
  assert.deepEqual(warnings.map((w) => w.type), ['invalid_event_shape', 'invalid_event_shape']);
});

test('$unset arrays from both levels are united; an object form contributes its keys', () => {
  assert.deepEqual(plain(normalized({ ...base, $unset: ['a', 'b'], properties: { $unset: ['b', 'c'] } }).event.properties.$unset), ['b', 'c', 'a']);
  assert.deepEqual(plain(normalized({ ...base, $unset: { x: 1 } }).event.properties.$unset), ['x']);
  const bad = normalized({ ...base, $unset: 'a' });
  assert.equal(bad.event.properties.$unset, undefined);
  assert.deepEqual(bad.warnings.map((w) => w.type), ['invalid_event_shape']);
});

test('a non-boolean $process_person_profile is treated as true with a warning', () => {
  const { event, warnings } = normalized({ ...base, properties: { $process_person_profile: 'false' } });
  assert.equal(event.properties.$process_person_profile, true);
  assert.deepEqual(warnings.map((w) => w.type), ['invalid_process_person_profile']);
  assert.equal(normalized({ ...base, properties: { $process_person_profile: false } }).event.properties.$process_person_profile, false);
});

test('$groupidentify with a $group_set that is not an object is dropped with invalid_event_shape', () => {
  assert.equal(dropReason({ ...base, event: '$groupidentify', properties: { $group_type: 'company', $group_key: 'acme', $group_set: 'x' } }), 'invalid_event_shape');
  assert.equal(normalized({ ...base, event: '$groupidentify', properties: { $group_type: 'company', $group_key: 'acme', $group_set: { n: 1 } } }).event.event, '$groupidentify');
});

test('$ip: the request IP fills a missing $ip, a client $ip is kept, and a null context IP removes it', () => {
  assert.equal(normalized({ ...base, properties: { $ip: '198.51.100.1' } }).event.properties.$ip, '198.51.100.1');
  assert.equal(normalized(base).event.properties.$ip, '203.0.113.9');
  assert.equal('$ip' in normalized({ ...base, properties: { $ip: '198.51.100.1' } }, ctx({ ip: null })).event.properties, false);
});

test('browser, OS and device type are derived from $raw_user_agent or the request user agent', () => {
  const fromRaw = normalized({ ...base, properties: { $raw_user_agent: CHROME_UA } }).event.properties;
  assert.equal(fromRaw.$browser, 'Chrome');
  assert.equal(fromRaw.$browser_version, 156);
  assert.equal(fromRaw.$os, 'Linux');
  assert.equal(fromRaw.$device_type, 'Desktop');
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
  const fromRequest = normalized(base, ctx({ userAgent: iphone })).event.properties;
  assert.equal(fromRequest.$browser, 'Mobile Safari');
  assert.equal(fromRequest.$os, 'iOS');
  assert.equal(fromRequest.$os_version, '17.4');
  assert.equal(fromRequest.$device_type, 'Mobile');
});

test('user agent enrichment never overwrites client values and skips server SDKs', () => {
  const kept = normalized({ ...base, properties: { $browser: 'Custom', $raw_user_agent: CHROME_UA } }).event.properties;
  assert.equal(kept.$browser, 'Custom');
  assert.equal(kept.$os, 'Linux');
  for (const properties of [{ $lib: 'posthog-node' }, { $lib: 'posthog-python' }, { $is_server: true }]) {
    const event = normalized({ ...base, properties }, ctx({ userAgent: CHROME_UA })).event.properties;
    assert.equal(event.$browser, undefined);
    assert.equal(event.$device_type, undefined);
  }
  assert.equal(normalized(base, ctx({ userAgent: 'curl/8.0' })).event.properties.$device_type, undefined);
});

test('$elements_chain moves out of the properties into elementsChain; a top-level elements_chain is read too', () => {
  const { event } = normalized({ ...base, properties: { $elements_chain: 'button.btn:nth-child="1"' } });
  assert.equal(event.elementsChain, 'button.btn:nth-child="1"');
  assert.equal(event.properties.$elements_chain, undefined);
  assert.equal(normalized({ ...base, elements_chain: 'a:href="/x"' }).event.elementsChain, 'a:href="/x"');
});

test('$session_id and $window_id come from the properties (strings only), or the v1 top-level session_id', () => {
  const { event } = normalized({ ...base, properties: { $session_id: 's1', $window_id: 'w1' } });
  assert.equal(event.sessionId, 's1');
  assert.equal(event.windowId, 'w1');
  assert.equal(normalized({ ...base, properties: { $session_id: 5 } }).event.sessionId, '');
  const v1 = normalized({ ...base, session_id: 'sess-1' }).event;
  assert.equal(v1.sessionId, 'sess-1');
  assert.equal(v1.properties.$session_id, 'sess-1');
});

test('properties stay null-prototype and __proto__ keys stay data', () => {
  const { event } = normalized({ ...base, properties: { ['__proto__']: { polluted: true }, constructor: 'x' } });
  assert.equal(Object.getPrototypeOf(event.properties), null);
  assert.equal(({} as JsonObject).polluted, undefined);
  assert.match(JSON.stringify(event.properties), /"__proto__":\{"polluted":true\}/);
});

test('never throws for hostile field values', () => {
  const values: unknown[] = [null, 0, -1, 1e308, '', 'x', true, [], [1], {}, { a: { b: 1 } }, '\0', '\ud800', '9999-99-99'];
  const fields = ['uuid', 'event', 'distinct_id', 'timestamp', 'offset', 'sent_at', 'properties', '$set', '$set_once', '$unset', 'elements_chain', 'session_id'];
  for (const field of fields) {
    for (const value of values) {
      const event = raw({ event: 'e', distinct_id: 'u', properties: { $process_person_profile: value, $group_set: value, $raw_user_agent: value, $ip: value } });
      event[field] = value;
      assert.doesNotThrow(() => normalizeEvent(event, ctx({ sentAt: value as string }), DEFAULT_INGEST_LIMITS), `${field}=${JSON.stringify(value)}`);
    }
  }
});
