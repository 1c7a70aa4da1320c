import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRelativeDate } from './relative-date.js';

const now = new Date('2024-03-31T15:20:30.000Z');
const parse = (text: string, timezone = 'UTC') => parseRelativeDate(text, { now, timezone }).toISOString();

test('relative amounts are subtracted from now: hours, days, weeks, months, years, minutes, seconds', () => {
  assert.equal(parse('-24h'), '2024-03-30T15:20:30.000Z');
  assert.equal(parse('-7d'), '2024-03-24T15:20:30.000Z');
  assert.equal(parse('7d'), '2024-03-24T15:20:30.000Z');
  assert.equal(parse('-2w'), '2024-03-17T15:20:30.000Z');
  assert.equal(parse('-1m'), '2024-02-29T15:20:30.000Z');
  assert.equal(parse('-1y'), '2023-03-31T15:20:30.000Z');
  assert.equal(parse('-30M'), '2024-03-31T14:50:30.000Z');
  assert.equal(parse('-10s'), '2024-03-31T15:20:20.000Z');
});

test('Start and End snap to the unit in the project timezone', () => {
  assert.equal(parse('-1dStart'), '2024-03-30T00:00:00.000Z');
  assert.equal(parse('dStart', 'Europe/Berlin'), '2024-03-30T23:00:00.000Z');
  assert.equal(parse('mStart'), '2024-03-01T00:00:00.000Z');
  assert.equal(parse('-1mEnd'), '2024-02-29T23:59:59.999Z');
  assert.equal(parse('-1hStart'), '2024-03-31T14:00:00.000Z');
  assert.equal(parse('yStart'), '2024-01-01T00:00:00.000Z');
});

test('day arithmetic keeps the wall-clock time across a DST change', () => {
  assert.equal(parse('-1d', 'Europe/Berlin'), '2024-03-30T16:20:30.000Z');
});

test('ISO dates without an offset are wall-clock time in the project timezone', () => {
  assert.equal(parse('2024-05-01', 'Europe/Berlin'), '2024-04-30T22:00:00.000Z');
  assert.equal(parse('2024-05-01 10:00', 'America/New_York'), '2024-05-01T14:00:00.000Z');
  assert.equal(parse('2024-5-1T10:00:00.123456', 'UTC'), '2024-05-01T10:00:00.123Z');
  assert.equal(parse('2024-05-01T10:00:00Z', 'Europe/Berlin'), '2024-05-01T10:00:00.000Z');
  assert.equal(parse('2024-05-01T10:00:00+02:00'), '2024-05-01T08:00:00.000Z');
});

test('anything else is refused rather than silently becoming now', () => {
  for (const text of ['yesterday', '2024-02-30', '-1x', "'; DROP TABLE events"]) {
    assert.throws(() => parse(text), { code: 'syntax_error' }, text);
  }
});
