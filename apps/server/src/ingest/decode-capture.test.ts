import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeCapture, type CaptureProject } from './decode-capture.js';
import { ingestHeader } from './ingest-record.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';
import { rowCount, rowText } from './row-block.js';

const TOKEN = 'phc_decodeCaptureTest';

function decode(events: unknown[], project: CaptureProject = { id: 1, anonymizeIps: false }) {
  const body = Buffer.from(JSON.stringify({ api_key: TOKEN, batch: events }));
  const result = decodeCapture(
    { raw: { body, contentType: 'application/json', contentEncoding: undefined, query: {} }, ip: '127.0.0.1', userAgent: undefined, bearerToken: null, nowMs: Date.now() },
    (token) => (token === TOKEN ? project : null),
    DEFAULT_INGEST_LIMITS,
  );
  assert.equal(result.kind, 'events');
  return result as Extract<typeof result, { kind: 'events' }>;
}

const good = { event: 'good', distinct_id: 'u', properties: { ok: 1 } };
const snapshot = (properties: Record<string, unknown>, data: unknown[] = []) => ({
  event: '$snapshot',
  distinct_id: 'u',
  properties: { $session_id: 's1', $window_id: 'w1', $snapshot_data: data, ...properties },
});
const rows = (r: ReturnType<typeof decode>) => Array.from({ length: rowCount(r.record.rows) }, (_, i) => JSON.parse(rowText(r.record.rows, i)));

test('recording snapshots with hostile values are stored like any other; nothing fails their request', () => {
  const hostile = { toString: 1 };
  // 200,000 nested arrays in a few hundred bytes of gzip, as posthog-js's compressed full snapshot (cv 2024-10).
  const deep = gzipSync('['.repeat(200_000) + ']'.repeat(200_000)).toString('latin1');
  const result = decode([
    good,
    snapshot({ $session_id: hostile, $window_id: hostile }),
    snapshot({}, [{ type: 3, timestamp: hostile, data: {} }]),
    snapshot({}, [{ type: 6, timestamp: 1_700_000_000_000, data: { plugin: 'rrweb/console@1', payload: { level: hostile } } }]),
    snapshot({}, [{ type: 2, cv: '2024-10', timestamp: 1_700_000_000_000, data: deep }]),
  ]);
  assert.equal(result.events, 5);
  assert.deepEqual(result.drops, []);
  const [, noIds, , console, tooDeep] = rows(result);
  assert.equal(noIds.session_id, '', 'an object is no session id');
  assert.equal(console.console_log_count, 1, 'a level that is no text counts as a log');
  assert.equal(typeof JSON.parse(tooDeep.snapshot_data)[0].data, 'string', 'a field that nests too deep is kept as it came');
});

test('an event whose row cannot be made is dropped with a warning, and the rest of its request is kept', () => {
  // A stand-in for values no step expected: the project's redaction rules throw while a snapshot's row is made.
  const headers = { length: 1, map: () => { throw new TypeError('cannot read these rules'); } } as unknown as string[];
  const result = decode([good, snapshot({}, [{ type: 6, data: { plugin: 'rrweb/network@1', payload: { requests: [] } } }]), good], {
    id: 1,
    anonymizeIps: false,
    networkRedaction: { headers, bodyKeys: [] },
  });
  assert.equal(result.events, 2);
  assert.deepEqual(result.drops, ['invalid_event_shape']);
  const warning = ingestHeader(result.record).warnings[0];
  assert.equal(warning.type, 'invalid_event_shape');
  assert.match(JSON.parse(warning.details).error, /cannot read these rules/);
});
