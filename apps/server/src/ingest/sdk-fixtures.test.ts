/**
 * Every capture request recorded from the official SDKs (/work/shared/fixtures/sdk, see its README) must decode from
 * its exact raw bytes and normalize event by event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCaptureBody } from './decode-body.js';
import { extractEnvelope } from './extract-envelope.js';
import { normalizeEvent } from './normalize-event.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';
import type { RawCaptureRequest } from './types.js';
import { loadRecordedRequests, type RecordedRequest } from './test-support/recorded-requests.js';

const CAPTURE_PATHS = new Set(['/e/', '/i/v0/e/', '/batch/', '/capture/', '/track/', '/engage/', '/i/v0/ai/batch/', '/s/']);
const V1_PATH = '/i/v1/analytics/events';
const TOKEN = 'phc_test_project_token';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;


type RecordedEvent = {
  event: string;
  uuid?: string;
  distinct_id?: unknown;
  timestamp?: string;
  sent_at?: string;
  $set?: Record<string, unknown>;
  $set_once?: Record<string, unknown>;
  properties?: Record<string, unknown>;
};


/** The exact request as the HTTP layer hands it over: raw bytes plus the transport hints. */
function rawRequest(record: RecordedRequest): RawCaptureRequest {
  return {
    body: Buffer.from(record.body_base64, 'base64'),
    contentType: record.headers['content-type'],
    contentEncoding: record.headers['content-encoding'],
    query: record.query,
  };
}

function recordedEvents(body: unknown): RecordedEvent[] {
  if (Array.isArray(body)) return body as RecordedEvent[];
  const batch = (body as { batch?: RecordedEvent[] }).batch;
  return batch ?? [body as RecordedEvent];
}

function expectedDistinctId(event: RecordedEvent): string {
  const id = event.distinct_id ?? event.properties?.distinct_id;
  return typeof id === 'string' ? id : JSON.stringify(id);
}

const records = loadRecordedRequests();
const captureRecords = records.filter(({ record }) => record.method === 'POST' && CAPTURE_PATHS.has(record.path));

test('the fixtures hold capture requests from every SDK file', () => {
  const files = new Set(captureRecords.map(({ file }) => file));
  for (const file of ['posthog-js.jsonl', 'posthog-js-lazy.jsonl', 'posthog-node.jsonl', 'posthog-python.jsonl', 'posthog-python-legacy.jsonl']) {
    assert.ok(files.has(file), file);
  }
  assert.ok(captureRecords.length >= 100, `only ${captureRecords.length} capture requests`);
});

for (const { file, record } of captureRecords) {
  test(`${file} #${record.seq} ${record.path} (${record.step.slice(0, 60)}) decodes and every event normalizes`, () => {
    const decoded = decodeCaptureBody(rawRequest(record), DEFAULT_INGEST_LIMITS);
    if (!decoded.ok) assert.fail(JSON.stringify(decoded.error));
    assert.deepEqual(JSON.parse(JSON.stringify(decoded.value)), record.body);

    const extracted = extractEnvelope(decoded.value, record.query);
    if (!extracted.ok) assert.fail(JSON.stringify(extracted.error));
    const { envelope } = extracted;
    assert.equal(envelope.token, TOKEN);
    const expected = recordedEvents(record.body);
    assert.ok(expected.length >= 1);
    assert.equal(envelope.events.length, expected.length);

    // Receive time = the request's send time, so skew correction must leave each timestamp as sent.
    const sentAt = envelope.sentAt ?? expected[0].sent_at;
    const now = new Date(Date.parse(String(sentAt)));
    const ctx = { teamId: 1, now, sentAt: envelope.sentAt, ip: '127.0.0.1', userAgent: record.all_headers['user-agent'] };
    envelope.events.forEach((raw, i) => {
      const want = expected[i];
      const result = normalizeEvent(raw, ctx, DEFAULT_INGEST_LIMITS);
      if (!result.ok) assert.fail(`event ${i} dropped: ${result.reason}`);
      const { event, warnings } = result;
      assert.deepEqual(warnings, []);
      assert.equal(event.event, want.event);
      assert.equal(event.distinctId, expectedDistinctId(want));
      if (want.uuid !== undefined) assert.equal(event.uuid, want.uuid.toLowerCase());
      else assert.match(event.uuid, UUID_V7);
      const eventSentAt = Date.parse(String(want.sent_at ?? envelope.sentAt));
      const expectedMs = Date.parse(want.timestamp as string) - (eventSentAt - now.getTime());
      assert.equal(event.timestamp, new Date(expectedMs).toISOString());
      assert.equal(event.properties.$ip, '127.0.0.1');
      if (typeof want.properties?.$session_id === 'string') assert.equal(event.sessionId, want.properties.$session_id);
      if (typeof want.properties?.$elements_chain === 'string') assert.equal(event.elementsChain, want.properties.$elements_chain);
      for (const field of ['$set', '$set_once'] as const) {
        const sent = { ...want[field], ...(want.properties?.[field] as Record<string, unknown> | undefined) };
        if (Object.keys(sent).length > 0) assert.deepEqual(JSON.parse(JSON.stringify(event.properties[field])), sent, field);
      }
    });
  });
}

test('posthog-js events keep the browser fields they sent; server SDK events get none invented', () => {
  for (const { file, record } of captureRecords) {
    const decoded = decodeCaptureBody(rawRequest(record), DEFAULT_INGEST_LIMITS);
    const extracted = decoded.ok ? extractEnvelope(decoded.value, record.query) : null;
    if (!extracted?.ok) assert.fail(`${file} #${record.seq}`);
    const ctx = { teamId: 1, now: new Date(), sentAt: null, ip: null, userAgent: record.all_headers['user-agent'] };
    for (const raw of extracted.envelope.events) {
      const result = normalizeEvent(raw, ctx, DEFAULT_INGEST_LIMITS);
      assert.ok(result.ok);
      const lib = result.event.properties.$lib;
      if (lib === 'posthog-node' || lib === 'posthog-python' || result.event.properties.$is_server === true) {
        assert.equal(result.event.properties.$device_type, undefined, `${file} #${record.seq}`);
      } else if (lib === 'web' && result.event.event !== '$snapshot') {
        assert.equal(result.event.properties.$browser, 'Chrome');
        assert.equal(result.event.properties.$device_type, 'Desktop');
      }
      assert.equal(result.event.properties.$ip, undefined);
    }
  }
});

test('posthog-python 5.x: an int alias stays as sent, events without uuid get a v7, top-level $set moves into properties', () => {
  const legacy = captureRecords.filter(({ file }) => file === 'posthog-python-legacy.jsonl');
  const normalizedOf = (step: string) => {
    const found = legacy.find(({ record }) => record.step.startsWith(step));
    assert.ok(found, step);
    const decoded = decodeCaptureBody(rawRequest(found.record), DEFAULT_INGEST_LIMITS);
    const extracted = decoded.ok ? extractEnvelope(decoded.value, found.record.query) : null;
    if (!extracted?.ok) assert.fail(step);
    const result = normalizeEvent(extracted.envelope.events[0], { teamId: 1, now: new Date(), sentAt: extracted.envelope.sentAt, ip: null, userAgent: undefined }, DEFAULT_INGEST_LIMITS);
    if (!result.ok) assert.fail(step);
    return result.event;
  };
  assert.equal(normalizedOf('M02').properties.alias, 42);
  assert.match(normalizedOf('M01').uuid, UUID_V7);
  const identify = normalizedOf('M03');
  assert.equal(identify.event, '$identify');
  assert.deepEqual(JSON.parse(JSON.stringify(identify.properties.$set)), { email: 'seed@example.com', plan: 'pro' });
  assert.equal(normalizedOf('M04').distinctId, '42');
});

test('posthog-js identify: top-level $set / $set_once land in properties next to $anon_distinct_id', () => {
  const found = captureRecords.find(({ file, record }) => file === 'posthog-js.jsonl' && record.step.startsWith('J05') && record.path === '/i/v0/e/' && JSON.stringify(record.body).includes('"$identify"'));
  assert.ok(found);
  const decoded = decodeCaptureBody(rawRequest(found.record), DEFAULT_INGEST_LIMITS);
  const extracted = decoded.ok ? extractEnvelope(decoded.value, found.record.query) : null;
  if (!extracted?.ok) assert.fail('identify request');
  const raw = extracted.envelope.events.find((event) => event.event === '$identify');
  assert.ok(raw);
  const result = normalizeEvent(raw, { teamId: 1, now: new Date(), sentAt: extracted.envelope.sentAt, ip: null, userAgent: undefined }, DEFAULT_INGEST_LIMITS);
  if (!result.ok) assert.fail(result.reason);
  assert.equal(result.event.distinctId, 'user-42');
  assert.deepEqual(JSON.parse(JSON.stringify(result.event.properties.$set)), { email: 'user42@example.com', name: 'User 42' });
  assert.equal((result.event.properties.$set_once as Record<string, unknown>).first_seen_page, 'page2');
  assert.equal(typeof result.event.properties.$anon_distinct_id, 'string');
});

test('v1 capture requests (/i/v1/analytics/events) decode and normalize, carrying no body token', () => {
  const v1 = records.filter(({ record }) => record.method === 'POST' && record.path === V1_PATH);
  assert.ok(v1.length >= 2);
  for (const { record } of v1) {
    const decoded = decodeCaptureBody(rawRequest(record), DEFAULT_INGEST_LIMITS);
    const extracted = decoded.ok ? extractEnvelope(decoded.value, record.query) : null;
    if (!extracted?.ok) assert.fail(`#${record.seq}`);
    assert.equal(extracted.envelope.token, null);
    for (const raw of extracted.envelope.events) {
      const result = normalizeEvent(raw, { teamId: 1, now: new Date(), sentAt: null, ip: null, userAgent: undefined }, DEFAULT_INGEST_LIMITS);
      assert.ok(result.ok);
      assert.equal(result.event.distinctId, 'user-5');
    }
  }
});
