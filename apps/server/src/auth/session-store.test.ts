import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionFreshness } from './session-store.js';

const at = (iso: string) => Date.parse(iso);

test('a session is expired from its expiry instant on, not a millisecond before', () => {
  const expires = '2025-01-15T00:00:00.000Z';
  assert.equal(sessionFreshness('2025-01-01T00:00:00.000Z', expires, at(expires)), 'expired');
  assert.equal(sessionFreshness('2025-01-01T00:00:00.000Z', expires, at(expires) + 1), 'expired');
  assert.equal(sessionFreshness('2025-01-01T00:00:00.000Z', expires, at(expires) - 1), 'touch');
});

test('use is written back once a minute at most: within a minute of the last write the session is left alone', () => {
  const seen = '2025-01-01T12:00:00.000Z';
  const expires = '2025-01-15T12:00:00.000Z';
  assert.equal(sessionFreshness(seen, expires, at(seen) + 59_999), 'fresh');
  assert.equal(sessionFreshness(seen, expires, at(seen) + 60_000), 'touch');
});
