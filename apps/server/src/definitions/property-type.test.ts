import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPropertyType } from './property-type.js';

const now = Date.parse('2024-06-01T00:00:00Z') / 1000;

test('numbers are Numeric, booleans Boolean, text String, objects and null untyped', () => {
  assert.equal(detectPropertyType('price', 9.99, now), 'Numeric');
  assert.equal(detectPropertyType('count', -3, now), 'Numeric');
  assert.equal(detectPropertyType('is_paid', true, now), 'Boolean');
  assert.equal(detectPropertyType('plan', 'pro', now), 'String');
  assert.equal(detectPropertyType('cart', { a: 1 }, now), null);
  assert.equal(detectPropertyType('items', [1, 2], now), null);
  assert.equal(detectPropertyType('gone', null, now), null);
});

test('"true" and "false" text is Boolean, in either case but not mixed', () => {
  assert.equal(detectPropertyType('flag', ' true ', now), 'Boolean');
  assert.equal(detectPropertyType('flag', 'FALSE', now), 'Boolean');
  assert.equal(detectPropertyType('flag', 'True', now), 'String');
});

test('text that reads as a date is DateTime; numbers in text and short dates are not', () => {
  assert.equal(detectPropertyType('signup', '2024-05-01', now), 'DateTime');
  assert.equal(detectPropertyType('signup', '2024-05-01T10:00:00.123Z', now), 'DateTime');
  assert.equal(detectPropertyType('signup', '2024-05-01 10:00:00+02:00', now), 'DateTime');
  assert.equal(detectPropertyType('signup', '01/05/2024', now), 'DateTime');
  assert.equal(detectPropertyType('version', '1717200000', now), 'String');
  assert.equal(detectPropertyType('version', '2024-5', now), 'String');
  assert.equal(detectPropertyType('sku', '2024-05-01-blue', now), 'String');
});

test('a recent unix timestamp under a time-like name is DateTime; an old one or another name is Numeric', () => {
  assert.equal(detectPropertyType('$time', now - 60, now), 'DateTime');
  assert.equal(detectPropertyType('created_at', (now - 60) * 1000, now), 'DateTime', 'milliseconds are recent too');
  assert.equal(detectPropertyType('LastLoginTimestamp', now, now), 'DateTime');
  assert.equal(detectPropertyType('$time', now - 365 * 24 * 3600, now), 'Numeric');
  assert.equal(detectPropertyType('revenue', now, now), 'Numeric');
});

test('some names are always String whatever the value, as PostHog has it', () => {
  assert.equal(detectPropertyType('utm_source', 123, now), 'String');
  assert.equal(detectPropertyType('$feature/new-checkout', false, now), 'String');
  assert.equal(detectPropertyType('$feature_flag_response', true, now), 'String');
  assert.equal(detectPropertyType('$survey_response_2', 4, now), 'String');
});
