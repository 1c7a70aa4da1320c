import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatDuration, formatPercent, plural } from './number-format';

test('percentages keep one decimal only when it is not zero', () => {
  assert.equal(formatPercent(2 / 3), '66.7%');
  assert.equal(formatPercent(1), '100%');
  assert.equal(formatPercent(0.25), '25%');
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.0004), '0%');
});

test('a missing or impossible ratio shows a dash instead of NaN%', () => {
  assert.equal(formatPercent(null), '–');
  assert.equal(formatPercent(0 / 0), '–');
  assert.equal(formatPercent(1 / 0), '–');
});

test('durations show their two largest units and drop a zero second unit', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(45), '45s');
  assert.equal(formatDuration(125), '2m 5s');
  assert.equal(formatDuration(3600), '1h');
  assert.equal(formatDuration(3723), '1h 2m');
  assert.equal(formatDuration(90_000), '1d 1h');
  assert.equal(formatDuration(null), '–');
});

test('counts use thousands separators and plurals follow the count', () => {
  assert.equal(formatCount(12345), '12,345');
  assert.equal(plural(1, 'person'), '1 person');
  assert.equal(plural(3, 'person', 'people'), '3 people');
});
