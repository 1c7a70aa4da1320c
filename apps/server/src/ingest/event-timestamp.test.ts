import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epochToMs, parseEventTime, resolveEventTime, type EventTimeInput } from './event-timestamp.js';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const input = (fields: Partial<EventTimeInput>): EventTimeInput => ({ timestamp: undefined, offset: undefined, sentAt: undefined, ignoreSentAt: false, ...fields });
const iso = (ms: number) => new Date(ms).toISOString();

test('RFC 3339 timestamps from every SDK parse to the millisecond', () => {
  assert.equal(parseEventTime('2026-11-24T00:21:13.862Z'), Date.UTC(2026, 10, 24, 0, 21, 13, 862));
  assert.equal(parseEventTime('2026-11-26T03:15:55.252605+00:00'), Date.UTC(2026, 10, 26, 3, 15, 55, 252));
  assert.equal(parseEventTime('2024-01-02T03:04:05+00:00'), Date.UTC(2024, 0, 2, 3, 4, 5));
});

test('impossible calendar dates are refused instead of rolled over', () => {
  for (const text of ['2024-02-30', '2023-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01', '2024-00-10', '2024-01-01T24:00:00Z', '2024-01-01T12:60:00Z', '2024-01-01T12:00:61Z']) {
    assert.equal(parseEventTime(text), null, text);
  }
  assert.equal(parseEventTime('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
  assert.equal(parseEventTime('2000-02-29'), Date.UTC(2000, 1, 29));
  assert.equal(parseEventTime('1900-02-29'), null);
});

test('offsets: +03 means +03:00, +0300 too, and negative offsets work', () => {
  const expected = Date.UTC(2024, 4, 1, 9, 0, 0);
  assert.equal(parseEventTime('2024-05-01T12:00:00+03'), expected);
  assert.equal(parseEventTime('2024-05-01T12:00:00+0300'), expected);
  assert.equal(parseEventTime('2024-05-01T12:00:00+03:00'), expected);
  assert.equal(parseEventTime('2024-05-01T06:00:00-03:00'), expected);
  assert.equal(parseEventTime('2024-05-01T12:00:00+24:00'), null);
});

test('civil time without a zone is read as UTC, with T or a space', () => {
  assert.equal(parseEventTime('2024-05-01T12:00:00'), Date.UTC(2024, 4, 1, 12));
  assert.equal(parseEventTime('2024-05-01 12:00:00.5'), Date.UTC(2024, 4, 1, 12, 0, 0, 500));
  assert.equal(parseEventTime('2024-05-01'), Date.UTC(2024, 4, 1));
});

test('two-digit-looking years are not shifted into the 1900s', () => {
  assert.equal(parseEventTime('0050-01-01T00:00:00Z'), new Date('0050-01-01T00:00:00.000Z').getTime());
});

test('epoch numbers: seconds and milliseconds are told apart by magnitude', () => {
  assert.equal(parseEventTime(1700000000), 1700000000000);
  assert.equal(parseEventTime(1700000000.5), 1700000000500);
  assert.equal(parseEventTime(1700000000000), 1700000000000);
  assert.equal(parseEventTime('1700000000'), 1700000000000);
  assert.equal(epochToMs(1700000000000000), 1700000000000);
  assert.equal(epochToMs(1700000000000000000), 1700000000000);
  assert.equal(epochToMs(Number.NaN), null);
});

test('garbage is unparseable', () => {
  for (const value of ['yesterday', '', '2024-01-01T00:00:00Zjunk', 'Tue, 01 Nov 2022 10:00:00 GMT', {}, [], true, Infinity]) {
    assert.equal(parseEventTime(value), null, String(value));
  }
});

test('no time fields at all: now, without a warning', () => {
  assert.deepEqual(resolveEventTime(input({}), NOW), { ms: NOW, warning: null, rawOutOfRange: undefined });
});

test('an unparseable timestamp becomes now with ignored_invalid_timestamp', () => {
  const result = resolveEventTime(input({ timestamp: '2024-02-30T00:00:00Z' }), NOW);
  assert.equal(result.ms, NOW);
  assert.equal(result.warning?.type, 'ignored_invalid_timestamp');
  assert.equal(result.warning?.details.value, '2024-02-30T00:00:00Z');
});

test('clock skew is corrected: timestamp - (sent_at - now)', () => {
  // The client clock runs 1 h fast.
  const result = resolveEventTime(input({ timestamp: '2026-11-24T12:59:50Z', sentAt: '2026-11-24T13:00:00Z' }), NOW);
  assert.equal(iso(result.ms), '2026-11-24T11:59:50.000Z');
  assert.equal(result.warning, null);
});

test('sent_at may be milliseconds since epoch (the ?_= parameter)', () => {
  const result = resolveEventTime(input({ timestamp: '2026-11-24T12:59:50Z', sentAt: NOW + 3_600_000 }), NOW);
  assert.equal(iso(result.ms), '2026-11-24T11:59:50.000Z');
});

test('$ignore_sent_at turns the skew correction off', () => {
  const result = resolveEventTime(input({ timestamp: '2026-11-24T11:59:50Z', sentAt: '2026-11-24T13:00:00Z', ignoreSentAt: true }), NOW);
  assert.equal(iso(result.ms), '2026-11-24T11:59:50.000Z');
});

test('an unparseable sent_at leaves the timestamp uncorrected', () => {
  assert.equal(iso(resolveEventTime(input({ timestamp: '2026-11-24T11:00:00Z', sentAt: 'garbage' }), NOW).ms), '2026-11-24T11:00:00.000Z');
});

test('offset wins over timestamp and sent_at: now - offset', () => {
  const result = resolveEventTime(input({ timestamp: '2020-01-01T00:00:00Z', sentAt: '2030-01-01T00:00:00Z', offset: 1500 }), NOW);
  assert.equal(result.ms, NOW - 1500);
});

test('more than 23 h in the future becomes now with event_timestamp_in_future; 22 h is kept', () => {
  const future = resolveEventTime(input({ timestamp: iso(NOW + 24 * 3_600_000) }), NOW);
  assert.equal(future.ms, NOW);
  assert.equal(future.warning?.type, 'event_timestamp_in_future');
  assert.equal(resolveEventTime(input({ timestamp: iso(NOW + 22 * 3_600_000) }), NOW).ms, NOW + 22 * 3_600_000);
});

test('years outside 1970-2105 become now with timestamp_out_of_range, keeping the raw value', () => {
  for (const timestamp of ['9999-12-31T00:00:00Z', '1000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', -5]) {
    const result = resolveEventTime(input({ timestamp }), NOW);
    assert.equal(result.ms, NOW, String(timestamp));
    assert.equal(result.warning?.type, 'timestamp_out_of_range');
    assert.equal(result.rawOutOfRange, timestamp);
  }
  assert.equal(resolveEventTime(input({ timestamp: '1970-01-01T00:00:00Z' }), NOW).warning, null);
});

test('a huge offset is out of range rather than an exception', () => {
  const result = resolveEventTime(input({ offset: 1e20 }), NOW);
  assert.equal(result.ms, NOW);
  assert.equal(result.warning?.type, 'timestamp_out_of_range');
  assert.equal(result.rawOutOfRange, 1e20);
});

test('the canonical form (toISOString) read digit by digit gives what the general parser gives, for good and bad text', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const general = (text: string) => parseEventTime(` ${text}`); // a leading space: never the canonical form
  for (let i = 0; i < 20_000; i++) {
    let text = new Date(Math.floor(next() * Date.UTC(2200, 0, 1))).toISOString();
    if (i % 2 === 1) {
      // A character replaced: a digit, a separator or a letter, anywhere (impossible dates, bad separators, lower-case z).
      const at = Math.floor(next() * text.length);
      text = text.slice(0, at) + '09:-T.Zz/ 5'[Math.floor(next() * 11)] + text.slice(at + 1);
    }
    assert.equal(parseEventTime(text), general(text), text);
  }
  assert.equal(parseEventTime('2024-02-30T00:00:00.000Z'), null);
  assert.equal(parseEventTime('2024-02-29T23:59:59.999Z'), Date.UTC(2024, 1, 29, 23, 59, 59, 999));
  assert.equal(parseEventTime('2024-05-01T24:00:00.000Z'), null);
});
