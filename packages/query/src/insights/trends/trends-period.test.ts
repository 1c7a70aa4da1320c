import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightContext } from '../insight-context.js';
import { activeWindow, bucketWindow, totalActiveStart, trendsPeriods } from './trends-period.js';
import { trendsSpec } from './trends-spec.js';

// Now is Wednesday 2024-05-08 15:00 UTC.
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') });

function periods(extra: Record<string, unknown>) {
  const spec = trendsSpec({ kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: 'e' }], ...extra }, ctx);
  return trendsPeriods(spec, ctx);
}

const iso = (d: Date) => d.toISOString();

test('events count from the first bucket for relative day and month ranges, from the day for weeks', () => {
  assert.equal(iso(periods({ dateRange: { date_from: '-3d' } })[0].lower), '2024-05-05T00:00:00.000Z');
  assert.equal(iso(periods({ interval: 'month', dateRange: { date_from: '-1m' } })[0].lower), '2024-04-01T00:00:00.000Z');
  assert.equal(iso(periods({ interval: 'week', dateRange: { date_from: '-3d' } })[0].lower), '2024-05-05T00:00:00.000Z');
  assert.equal(iso(periods({ interval: 'week', dateRange: { date_from: '-12d' } })[0].lower), '2024-04-26T00:00:00.000Z', 'Friday, not Sunday Apr 21');
});

test('relative hour ranges, hour intervals and explicit dates keep date_from as it is', () => {
  assert.equal(iso(periods({ dateRange: { date_from: '-6h' } })[0].lower), '2024-05-08T09:00:00.000Z');
  assert.equal(iso(periods({ interval: 'hour', dateRange: { date_from: '-1d' } })[0].lower), '2024-05-07T00:00:00.000Z');
  const explicit = periods({ interval: 'month', dateRange: { date_from: '2024-04-10 12:00:00', explicitDate: true } })[0];
  assert.equal(iso(explicit.lower), '2024-04-10T12:00:00.000Z');
});

test('absolute dates widen to the start of their interval', () => {
  const byHour = periods({ interval: 'hour', dateRange: { date_from: '2024-05-08 10:30:00', date_to: '2024-05-08 12:00:00' } })[0];
  assert.equal(iso(byHour.lower), '2024-05-08T10:00:00.000Z');
  const byMonth = periods({ interval: 'month', dateRange: { date_from: '2024-03-15', date_to: '2024-04-30' } })[0];
  assert.equal(iso(byMonth.lower), '2024-03-01T00:00:00.000Z');
});

test('a comparison adds the previous period with its label', () => {
  const [current, previous] = periods({ dateRange: { date_from: '-1d' }, compareFilter: { compare: true } });
  assert.equal(current.compareLabel, 'current');
  assert.equal(previous.compareLabel, 'previous');
  assert.deepEqual(previous.range.buckets.map(iso), ['2024-05-05T00:00:00.000Z', '2024-05-06T00:00:00.000Z']);
});

test('active windows: 7 days ending with a day bucket, 7 days of hours ending with an hour bucket', () => {
  const day = activeWindow(new Date('2024-05-08T00:00:00Z'), 7, 'day', ctx);
  assert.deepEqual([iso(day.start), iso(day.end)], ['2024-05-02T00:00:00.000Z', '2024-05-09T00:00:00.000Z']);
  const hour = activeWindow(new Date('2024-05-08T03:00:00Z'), 7, 'hour', ctx);
  assert.deepEqual([iso(hour.start), iso(hour.end)], ['2024-05-01T04:00:00.000Z', '2024-05-08T04:00:00.000Z']);
  const week = activeWindow(new Date('2024-05-05T00:00:00Z'), 30, 'week', ctx);
  assert.deepEqual([iso(week.start), iso(week.end)], ['2024-04-06T00:00:00.000Z', '2024-05-06T00:00:00.000Z']);
});

test('New York windows follow the wall clock across the DST change', () => {
  const ny = { ...ctx, timezone: 'America/New_York' };
  const window = activeWindow(new Date('2024-03-12T04:00:00Z'), 7, 'day', ny); // Mar 12 00:00 EDT
  assert.deepEqual([iso(window.start), iso(window.end)], ['2024-03-06T05:00:00.000Z', '2024-03-13T04:00:00.000Z']);
});

test('total-value weekly active starts 6 days before the last day; bucket windows are clipped to the range', () => {
  const [period] = periods({ dateRange: { date_from: '-3d' } });
  assert.equal(iso(totalActiveStart(period.range, 7, ctx)), '2024-05-02T00:00:00.000Z');
  const last = bucketWindow(period, 3, ctx);
  assert.deepEqual([iso(last.start), iso(last.end)], ['2024-05-08T00:00:00.000Z', '2024-05-09T00:00:00.000Z']);
  const [weekly] = periods({ interval: 'week', dateRange: { date_from: '-3d' } });
  assert.equal(iso(bucketWindow(weekly, 0, ctx).start), '2024-05-05T00:00:00.000Z');
});
