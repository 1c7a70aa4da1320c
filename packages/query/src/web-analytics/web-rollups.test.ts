import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveSessionDays, rollupDaysFor, rollupDaysForBoth, type WebRollupBand, type WebRollupDay } from './web-rollups.js';

const at = (iso: string) => new Date(iso);
const band = (day: string, start: string, lastStart: string, end: string): WebRollupBand => ({
  band: day,
  sessions: 1,
  minStart: at(start),
  maxStart: at(lastStart),
  maxEnd: at(end),
});
const day = (d: string, ...bands: WebRollupBand[]): WebRollupDay => ({ day: d, version: 7, bands });
const JUNE_8_14 = { from: at('2024-06-08T00:00:00Z'), to: at('2024-06-14T23:59:59.999999Z') };
const JUNE_1_7 = { from: at('2024-06-01T00:00:00Z'), to: at('2024-06-07T23:59:59.999999Z') };

test('a day is taken when its bands are each inside the period or outside it, with the inside bands only', () => {
  const days = [
    day('2024-06-07', band('2024-06-07', '2024-06-07T10:00:00Z', '2024-06-07T23:00:00Z', '2024-06-08T00:30:00Z')),
    day('2024-06-09', band('2024-06-09', '2024-06-09T00:00:00Z', '2024-06-09T23:00:00Z', '2024-06-09T23:50:00Z')),
    // Its last session runs past the period's end: read from its sessions.
    day('2024-06-14', band('2024-06-14', '2024-06-14T00:00:00Z', '2024-06-14T23:00:00Z', '2024-06-15T01:00:00Z')),
    // Two bands (a New York project): the first before the period, the second inside it.
    day('2024-06-08', band('2024-06-07', '2024-06-08T00:00:00Z', '2024-06-08T03:59:00Z', '2024-06-08T04:30:00Z'), band('2024-06-08', '2024-06-08T04:00:00Z', '2024-06-08T23:00:00Z', '2024-06-08T23:30:00Z')),
    day('2024-06-11'),
    day('2024-06-20', band('2024-06-20', '2024-06-20T00:00:00Z', '2024-06-20T23:00:00Z', '2024-06-20T23:30:00Z')),
  ];
  const ny = { from: at('2024-06-08T04:00:00Z'), to: JUNE_8_14.to };
  assert.deepEqual(
    rollupDaysFor(days, ny).map((d) => [d.day, d.bands]),
    [
      ['2024-06-07', []],
      ['2024-06-09', ['2024-06-09']],
      ['2024-06-08', ['2024-06-08']],
      ['2024-06-11', []],
    ],
  );
  // In UTC both of its bands lie inside the period.
  assert.deepEqual(rollupDaysFor(days, JUNE_8_14).find((d) => d.day === '2024-06-08')?.bands, ['2024-06-07', '2024-06-08']);
});

test('the live part reads the days around the periods that are not taken, and ids that are not UUIDv7', () => {
  const taken = [
    { day: '2024-06-08', version: 7, bands: ['2024-06-08'] },
    { day: '2024-06-09', version: 7, bands: [] },
    { day: '2024-06-12', version: 7, bands: ['2024-06-12'] },
  ];
  assert.deepEqual(liveSessionDays([JUNE_8_14], taken), {
    ranges: [
      ['2024-06-07', '2024-06-07'],
      ['2024-06-10', '2024-06-11'],
      ['2024-06-13', '2024-06-15'],
    ],
    undated: true,
  });
  assert.deepEqual(liveSessionDays([JUNE_8_14, JUNE_1_7], []).ranges, [['2024-05-31', '2024-06-15']]);
});

test('over two periods, only days both can take are taken, each period with its own bands', () => {
  const days = [
    // Begins in the previous period and ends in the current one: outside the current period, neither side of the previous.
    day('2024-06-07', band('2024-06-07', '2024-06-07T10:00:00Z', '2024-06-07T23:59:50Z', '2024-06-08T00:00:20Z')),
    day('2024-06-03', band('2024-06-03', '2024-06-03T10:00:00Z', '2024-06-03T12:00:00Z', '2024-06-03T12:30:00Z')),
    day('2024-06-10', band('2024-06-10', '2024-06-10T10:00:00Z', '2024-06-10T12:00:00Z', '2024-06-10T12:30:00Z')),
  ];
  assert.deepEqual(rollupDaysFor(days, JUNE_8_14).map((d) => d.day), ['2024-06-07', '2024-06-10']);
  const both = rollupDaysForBoth(days, JUNE_8_14, JUNE_1_7);
  assert.deepEqual(both.current.map((d) => [d.day, d.bands]), [['2024-06-03', []], ['2024-06-10', ['2024-06-10']]]);
  assert.deepEqual(both.previous.map((d) => [d.day, d.bands]), [['2024-06-03', ['2024-06-03']], ['2024-06-10', []]]);
  assert.deepEqual(rollupDaysForBoth(days, JUNE_8_14, null).current, rollupDaysFor(days, JUNE_8_14));
});
