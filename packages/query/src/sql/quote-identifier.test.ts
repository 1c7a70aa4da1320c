import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteIdentifier } from './quote-identifier.js';

test('identifiers are always backtick-quoted', () => {
  assert.equal(quoteIdentifier('events'), '`events`');
  assert.equal(quoteIdentifier('$browser'), '`$browser`');
});

test('backticks, backslashes and control characters are escaped so the identifier cannot end early', () => {
  assert.equal(quoteIdentifier('a`b'), '`a\\`b`');
  assert.equal(quoteIdentifier('a\\`) FROM system.tables --'), '`a\\\\\\`) FROM system.tables --`');
  assert.equal(quoteIdentifier('a\nb\tc\0'), '`a\\nb\\tc\\0`');
  assert.equal(quoteIdentifier('\x01'), '`\\x01`');
});

test('empty identifiers are refused', () => {
  assert.throws(() => quoteIdentifier(''));
});
