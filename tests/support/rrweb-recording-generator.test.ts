import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { EventType, IncrementalSource, MouseInteractions } from '@rrweb/types';
import { loadRecordedRequests } from '../../apps/server/src/ingest/test-support/recorded-requests.js';
import { generateRecording, gunzipLatin1, relabelRecording, snapshotRequestBodies, type GeneratedRecording, type RrwebEvent, type SnapshotEvent } from './rrweb-recording-generator.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FIVE_MINUTES = 5 * 60_000;

function postedEvents(recording: GeneratedRecording): SnapshotEvent[] {
  return snapshotRequestBodies(recording).flatMap(({ body }) => JSON.parse(gunzipSync(body).toString('utf8')) as SnapshotEvent[]);
}

/** Undoes posthog-js's own compression of one rrweb event, as a server must before playback. */
function expand(event: Record<string, unknown>): RrwebEvent {
  if (event.cv !== '2024-10') return event as unknown as RrwebEvent;
  const { cv: _cv, ...rest } = event;
  if (typeof rest.data === 'string') return { ...rest, data: gunzipLatin1(rest.data) } as RrwebEvent;
  const data = { ...(rest.data as Record<string, unknown>) };
  for (const field of ['texts', 'attributes', 'removes', 'adds']) if (typeof data[field] === 'string') data[field] = gunzipLatin1(data[field] as string);
  return { ...rest, data } as RrwebEvent;
}

test('the same seed gives the same request bodies, another seed a different recording', () => {
  const a = snapshotRequestBodies(generateRecording({ seed: 5, durationMs: 90_000 }));
  const b = snapshotRequestBodies(generateRecording({ seed: 5, durationMs: 90_000 }));
  const c = snapshotRequestBodies(generateRecording({ seed: 6, durationMs: 90_000 }));
  assert.deepEqual(a.map((r) => r.body.toString('base64')), b.map((r) => r.body.toString('base64')));
  assert.notDeepEqual(a.map((r) => r.body.toString('base64')), c.map((r) => r.body.toString('base64')));
});

test('a posted $snapshot event has exactly the keys posthog-js sends, in its order', () => {
  const recorded = loadRecordedRequests().find(({ record }) => record.path === '/s/');
  assert.ok(recorded, 'the posthog-js fixtures hold a /s/ request');
  const fixtureEvent = JSON.parse(gunzipSync(Buffer.from(recorded.record.body_base64, 'base64')).toString('utf8'))[0];
  const generated = postedEvents(generateRecording({ seed: 1 }))[0] as unknown as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(generated), Object.keys(fixtureEvent));
  assert.deepEqual(Object.keys(generated.properties), Object.keys(fixtureEvent.properties));
  assert.match(String(generated.uuid), UUID_V7);
  assert.equal(generated.event, '$snapshot');
});

test('compressed events expand to exactly the recording, and the expanded form needs no expanding', () => {
  const compressed = generateRecording({ seed: 2, durationMs: 120_000 });
  const posted = postedEvents(compressed).flatMap((e) => e.properties.$snapshot_data as Record<string, unknown>[]);
  const fullSnapshot = posted.find((e) => e.type === EventType.FullSnapshot);
  assert.equal(fullSnapshot?.cv, '2024-10');
  assert.equal(typeof fullSnapshot?.data, 'string');
  assert.ok(posted.some((e) => e.cv === '2024-10' && typeof (e.data as { adds?: unknown }).adds === 'string'), 'mutations are compressed too');
  assert.deepEqual(posted.map(expand), compressed.rrwebEvents);

  const expanded = generateRecording({ seed: 2, durationMs: 120_000, compressed: false });
  const postedExpanded = postedEvents(expanded).flatMap((e) => e.properties.$snapshot_data as Record<string, unknown>[]);
  assert.ok(postedExpanded.every((e) => e.cv === undefined));
  assert.deepEqual(postedExpanded, expanded.rrwebEvents);
});

test('snapshots are cut as posthog-js buffers them: 2 s windows, in order, sized, sent after they were made', () => {
  const recording = generateRecording({ seed: 3, durationMs: 10 * 60_000, compressed: false });
  let previousLast = 0;
  for (const request of recording.requests) {
    for (const event of request.events) {
      const data = event.properties.$snapshot_data as RrwebEvent[];
      const first = data[0].timestamp;
      const last = data[data.length - 1].timestamp;
      assert.ok(last - first < 2000, `one $snapshot covers less than 2 s (${last - first} ms)`);
      assert.ok(first >= previousLast, 'snapshots follow each other in time');
      assert.ok(Date.parse(event.timestamp) >= last && Date.parse(event.timestamp) <= first + 2000);
      assert.ok(Date.parse(event.sent_at as string) >= Date.parse(event.timestamp));
      assert.equal(event.properties.$snapshot_bytes, data.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0));
      previousLast = last;
    }
    assert.ok(request.events.length >= 1 && request.events.length <= 3, 'the 3 s queue holds one or two 2 s buffers (three around an unload)');
  }
});

test('the recording looks like a browsing user: load, activity, a navigation, checkouts every 5 minutes', () => {
  const startMs = Date.UTC(2026, 10, 20, 9, 0, 0);
  const sessionId = '01a0f000-0000-7000-8000-000000000001';
  const recording = generateRecording({ seed: 4, durationMs: 12 * 60_000, startMs, sessionId });
  const events = recording.rrwebEvents;
  assert.equal(recording.sessionId, sessionId);
  assert.match(recording.windowId, UUID_V7);
  assert.deepEqual(events.slice(0, 2).map((e) => e.type), [EventType.Meta, EventType.FullSnapshot]);
  assert.ok(Math.abs(events[0].timestamp - startMs) < 50);
  assert.ok(Math.abs(events[events.length - 1].timestamp - (startMs + 12 * 60_000)) < 20_000, 'ends near the asked duration');
  const metas = events.filter((e) => e.type === EventType.Meta).map((e) => (e.data as { href: string }).href);
  assert.equal(new Set(metas).size, 2, 'a navigation to a second page');
  assert.deepEqual(recording.summary.urls, [...new Set(metas)]);
  const fulls = events.filter((e) => e.type === EventType.FullSnapshot).map((e) => e.timestamp);
  assert.ok(fulls.length >= 3, 'page loads plus at least one 5-minute checkout');
  for (let i = 1; i < fulls.length; i++) assert.ok(fulls[i] - fulls[i - 1] <= FIVE_MINUTES + 20_000);
  for (let i = 1; i < events.length; i++) assert.ok(events[i].timestamp >= events[i - 1].timestamp, 'rrweb events in time order');
});

test('mouse moves are batched as rrweb does, and the summary counts what the events hold', () => {
  const recording = generateRecording({ seed: 8, durationMs: 5 * 60_000 });
  const incremental = recording.rrwebEvents.filter((e) => e.type === EventType.IncrementalSnapshot).map((e) => e.data as { source: number; type?: number; positions?: { timeOffset: number }[] });
  const moves = incremental.filter((d) => d.source === IncrementalSource.MouseMove);
  assert.ok(moves.length > 20);
  for (const move of moves) {
    assert.ok(move.positions && move.positions.length >= 1 && move.positions.length <= 10);
    assert.ok(move.positions.every((p) => p.timeOffset <= 0 && p.timeOffset > -500));
    assert.equal(move.positions[move.positions.length - 1].timeOffset, 0);
  }
  const clicks = incremental.filter((d) => d.source === IncrementalSource.MouseInteraction && d.type === MouseInteractions.Click).length;
  const keys = incremental.filter((d) => d.source === IncrementalSource.Input).length;
  assert.ok(clicks > 5 && keys > 10, `clicks ${clicks}, keypresses ${keys}`);
  assert.equal(recording.summary.clicks, clicks);
  assert.equal(recording.summary.keypresses, keys);
  const consoleEvents = recording.rrwebEvents.filter((e) => e.type === EventType.Plugin && (e.data as { plugin: string }).plugin === 'rrweb/console@1');
  const { log, warn, error } = recording.summary.console;
  assert.equal(consoleEvents.length, log + warn + error);
  const inputs = recording.rrwebEvents.filter((e) => e.type === EventType.IncrementalSnapshot && e.data.source === IncrementalSource.Input);
  assert.ok(inputs.every((e) => /^\*+$/.test((e.data as { text: string }).text)), 'typed text is masked');
});

test('a relabelled recording is another session at another time with the same content', () => {
  const original = generateRecording({ seed: 9, durationMs: 60_000 });
  const copy = relabelRecording(original, { seed: 1, shiftMs: -3_600_000, token: 'phc_other' });
  assert.notEqual(copy.sessionId, original.sessionId);
  assert.match(copy.sessionId, UUID_V7);
  assert.equal(copy.summary.startMs, original.summary.startMs - 3_600_000);
  const posted = postedEvents(copy);
  const uuids = new Set([...posted, ...postedEvents(original)].map((e) => e.uuid));
  assert.equal(uuids.size, posted.length * 2, 'every $snapshot has a fresh uuid');
  assert.ok(posted.every((e) => e.properties.$session_id === copy.sessionId && e.properties.token === 'phc_other'));
  const data = posted.flatMap((e) => e.properties.$snapshot_data as { timestamp: number }[]);
  assert.deepEqual(data.map((e) => e.timestamp), original.rrwebEvents.map((e) => e.timestamp - 3_600_000));
  assert.deepEqual(copy.rrwebEvents.map((e) => e.type), original.rrwebEvents.map((e) => e.type));
});
