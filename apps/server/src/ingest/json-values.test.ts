import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeClientValue, isJsonObject } from './json-values.js';

test('isJsonObject accepts objects of either prototype and rejects arrays, null and scalars', () => {
  assert.equal(isJsonObject({}), true);
  assert.equal(isJsonObject(Object.create(null)), true);
  for (const value of [[], null, undefined, 'x', 1, true]) assert.equal(isJsonObject(value), false);
});

test('describeClientValue keeps small scalars and never carries a large payload', () => {
  assert.equal(describeClientValue(42), 42);
  assert.equal(describeClientValue('short'), 'short');
  assert.equal(describeClientValue('x'.repeat(500)), `${'x'.repeat(100)}…`);
  assert.equal(describeClientValue({ big: 'x'.repeat(10_000) }), '<object>');
  assert.equal(describeClientValue([1, 2]), '<array>');
  assert.equal(describeClientValue(undefined), null);
});
