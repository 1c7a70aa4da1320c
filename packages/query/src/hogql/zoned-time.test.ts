import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysInMonth, fromWallTime, toWallTime } from './zoned-time.js';

test('wall-clock readings round-trip through instants, including around DST changes', () => {
  for (const iso of ['2024-03-10T07:30:00.000Z', '2024-03-31T01:30:00.000Z', '2024-10-27T00:30:00.000Z', '2024-07-01T12:00:00.250Z']) {
    for (const timezone of ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata']) {
      const instant = new Date(iso);
      assert.equal(fromWallTime(toWallTime(instant, timezone), timezone).toISOString(), iso, `${iso} ${timezone}`);
    }
  }
});

test('toWallTime reads the calendar in the timezone', () => {
  assert.deepEqual(toWallTime(new Date('2024-05-01T23:30:00Z'), 'Europe/Berlin'), {
    year: 2024, month: 5, day: 2, hour: 1, minute: 30, second: 0, millisecond: 0,
  });
  assert.throws(() => toWallTime(new Date(), 'Mars/Olympus'), { code: 'unsupported' });
});

test('daysInMonth knows leap years', () => {
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(daysInMonth(2023, 2), 28);
  assert.equal(daysInMonth(2024, 12), 31);
});
