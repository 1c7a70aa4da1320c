import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEnvelope } from './extract-envelope.js';
import type { CaptureEnvelope, CaptureError } from './types.js';

function envelopeOf(value: unknown, query: Record<string, string | undefined> = {}): CaptureEnvelope {
  const result = extractEnvelope(value, query);
  if (!result.ok) assert.fail(`expected an envelope, got ${JSON.stringify(result.error)}`);
  return result.envelope;
}

function errorOf(value: unknown, query: Record<string, string | undefined> = {}): CaptureError {
  const result = extractEnvelope(value, query);
  if (result.ok) assert.fail('expected an error');
  return result.error;
}

const event = (extra: Record<string, unknown> = {}) => ({ event: 'e', distinct_id: 'u1', ...extra });

test('a single event object is a batch of one', () => {
  const envelope = envelopeOf(event({ api_key: 'phc_a' }));
  assert.equal(envelope.events.length, 1);
  assert.equal(envelope.token, 'phc_a');
  assert.equal(envelope.sentAt, null);
  assert.equal(envelope.historicalMigration, false);
});

test('posthog-js / posthog-node {api_key, batch, sent_at} gives token, sent_at and events', () => {
  const envelope = envelopeOf({ api_key: 'phc_a', batch: [event(), event()], sent_at: '2026-11-24T00:21:13.876Z' });
  assert.deepEqual(envelope, { token: 'phc_a', sentAt: '2026-11-24T00:21:13.876Z', historicalMigration: false, events: [event(), event()] });
});

test('posthog-python 5.x writes sentAt; historical_migration true is carried', () => {
  const envelope = envelopeOf({ batch: [event()], historical_migration: true, sentAt: '2026-11-26T03:15:55.667291+00:00', api_key: 'phc_a' });
  assert.equal(envelope.sentAt, '2026-11-26T03:15:55.667291+00:00');
  assert.equal(envelope.historicalMigration, true);
});

test('historical_migration counts only when it is exactly true', () => {
  assert.equal(envelopeOf({ batch: [event()], historical_migration: 'true' }).historicalMigration, false);
});

test('the envelope token may be named token', () => {
  assert.equal(envelopeOf({ token: 'phc_t', batch: [event()] }).token, 'phc_t');
});

test('a bare array of events (posthog-js /s/) takes the token from the events', () => {
  const envelope = envelopeOf([event({ properties: { token: 'phc_p' }, sent_at: 'x' })]);
  assert.equal(envelope.token, 'phc_p');
  assert.equal(envelope.events.length, 1);
});

test('event token lookup order: token, $token, api_key, then properties.token', () => {
  assert.equal(envelopeOf([event({ token: 'a', $token: 'b', api_key: 'c', properties: { token: 'd' } })]).token, 'a');
  assert.equal(envelopeOf([event({ $token: 'b', api_key: 'c', properties: { token: 'd' } })]).token, 'b');
  assert.equal(envelopeOf([event({ api_key: 'c', properties: { token: 'd' } })]).token, 'c');
  assert.equal(envelopeOf([event({ properties: { token: 'd' } })]).token, 'd');
});

test('envelope api_key wins over envelope token and over event tokens', () => {
  assert.equal(envelopeOf({ api_key: 'a', token: 'b', batch: [event({ token: 'c' })] }).token, 'a');
});

test('different tokens in one batch are refused with 401 multiple_tokens', () => {
  const error = errorOf([event({ properties: { token: 'a' } }), event({ properties: { token: 'b' } })]);
  assert.equal(error.status, 401);
  assert.equal(error.code, 'multiple_tokens');
  assert.equal(errorOf({ batch: [event({ token: 'a' }), event({ api_key: 'b' })] }).code, 'multiple_tokens');
});

test('events without a token do not conflict with those that have one', () => {
  assert.equal(envelopeOf([event(), event({ token: 'a' }), event()]).token, 'a');
});

test('no token anywhere gives token null (the caller answers 401)', () => {
  assert.equal(envelopeOf({ batch: [event()] }).token, null);
  assert.equal(envelopeOf({ api_key: '', batch: [event()] }).token, null);
  assert.equal(envelopeOf({ api_key: 42, batch: [event()] }).token, null);
});

test('?_=<ms> serves as sent_at when the body has none', () => {
  assert.equal(envelopeOf(event(), { _: '1700000000000' }).sentAt, 1700000000000);
  assert.equal(envelopeOf({ batch: [event()], sent_at: '2024-01-01T00:00:00Z' }, { _: '1700000000000' }).sentAt, '2024-01-01T00:00:00Z');
  assert.equal(envelopeOf(event(), { _: 'abc' }).sentAt, null);
});

test('a numeric sent_at is kept; other sent_at types are ignored', () => {
  assert.equal(envelopeOf({ batch: [event()], sent_at: 1700000000000 }).sentAt, 1700000000000);
  assert.equal(envelopeOf({ batch: [event()], sent_at: { x: 1 } }).sentAt, null);
});

test('{}, [], and a batch of zero events are refused with 400 empty_batch', () => {
  for (const value of [{}, [], { batch: [] }, { api_key: 'a', batch: [], sent_at: 'x' }]) {
    const error = errorOf(value);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'empty_batch');
  }
});

test('a top level that is neither an object nor an array is refused with 400', () => {
  for (const value of ['x', 42, null, true]) assert.equal(errorOf(value).status, 400);
});

test('batch that is not an array, or batch items that are not objects, are refused with 400', () => {
  assert.equal(errorOf({ batch: { event: 'e' } }).status, 400);
  assert.equal(errorOf({ batch: 'e' }).status, 400);
  assert.equal(errorOf({ batch: [event(), 'e'] }).status, 400);
  assert.equal(errorOf([event(), null]).status, 400);
  assert.equal(errorOf([[event()]]).status, 400);
});

test('posthog v1 capture {created_at, batch} yields its events with no body token', () => {
  const envelope = envelopeOf({ created_at: '2026-11-24T00:21:14.896Z', batch: [event({ session_id: 's', options: {} })] });
  assert.equal(envelope.token, null);
  assert.equal(envelope.events.length, 1);
});
