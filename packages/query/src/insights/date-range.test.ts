import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketDay, bucketKey, bucketLabel, isoInTimezone, previousDateRange, resolveDateRange } from './date-range.js';
import { insightContext } from './insight-context.js';

const now = new Date('2024-05-08T15:00:00Z');
const ctx = insightContext({ teamId: 1, now });
const days = (r: { buckets: Date[] }, tz = 'UTC') => r.buckets.map((b) => bucketDay(b, 'day', tz));

test('-7d by day has 8 buckets, 7 days ago through today, ending at the end of today', () => {
  const r = resolveDateRange({ date_from: '-7d' }, 'day', ctx);
  assert.deepEqual(days(r), ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08']);
  assert.equal(r.from.toISOString(), '2024-05-01T00:00:00.000Z');
  assert.equal(r.to.toISOString(), '2024-05-08T23:59:59.999Z');
});

test('a missing date_from is 7 days before today 00:00; 7d means -7d', () => {
  assert.deepEqual(resolveDateRange(null, 'day', ctx), resolveDateRange({ date_from: '7d' }, 'day', ctx));
});

test('-24h by hour gives 25 hourly buckets from the top of the hour', () => {
  const r = resolveDateRange({ date_from: '-24h' }, 'hour', ctx);
  assert.equal(r.buckets.length, 25);
  assert.equal(r.from.toISOString(), '2024-05-07T15:00:00.000Z');
  assert.equal(bucketDay(r.buckets[0], 'hour', 'UTC'), '2024-05-07 15:00:00');
});

test('dStart in America/New_York at 2024-05-08T02:00Z is May 7 00:00 local', () => {
  const ny = insightContext({ teamId: 1, now: new Date('2024-05-08T02:00:00Z'), timezone: 'America/New_York' });
  const r = resolveDateRange({ date_from: 'dStart' }, 'day', ny);
  assert.equal(isoInTimezone(r.from, 'America/New_York'), '2024-05-07T00:00:00-04:00');
  assert.deepEqual(days(r, 'America/New_York'), ['2024-05-07']);
});

test('-1mStart on 2024-03-31 is 2024-02-01', () => {
  const r = resolveDateRange({ date_from: '-1mStart' }, 'day', insightContext({ teamId: 1, now: new Date('2024-03-31T12:00:00Z') }));
  assert.equal(r.from.toISOString(), '2024-02-01T00:00:00.000Z');
});

test('an absolute date_to includes its whole day unless explicitDate', () => {
  assert.equal(resolveDateRange({ date_from: '2024-05-01', date_to: '2024-05-07' }, 'day', ctx).to.toISOString(), '2024-05-07T23:59:59.999Z');
  assert.equal(resolveDateRange({ date_from: '2024-05-01', date_to: '2024-05-07T12:00:00Z', explicitDate: true }, 'day', ctx).to.toISOString(), '2024-05-07T12:00:00.000Z');
});

test('week buckets start on Sunday, or Monday when the project says so', () => {
  const sunday = resolveDateRange({ date_from: '2024-05-01', date_to: '2024-05-14' }, 'week', ctx);
  assert.deepEqual(days(sunday), ['2024-04-28', '2024-05-05', '2024-05-12']);
  const monday = resolveDateRange({ date_from: '2024-05-01', date_to: '2024-05-14' }, 'week', { ...ctx, weekStartDay: 1 });
  assert.deepEqual(days(monday), ['2024-04-29', '2024-05-06', '2024-05-13']);
});

test('month buckets and labels', () => {
  const r = resolveDateRange({ date_from: '2024-01-15', date_to: '2024-03-02' }, 'month', ctx);
  assert.deepEqual(r.buckets.map((b) => bucketLabel(b, 'month', 'UTC')), ['Jan 2024', 'Feb 2024', 'Mar 2024']);
  assert.equal(bucketLabel(r.buckets[0], 'day', 'UTC'), '1-Jan-2024');
  assert.equal(bucketLabel(new Date('2024-05-01T13:00:00Z'), 'hour', 'UTC'), '1-May 13:00');
});

test('compare: the previous period has as many buckets and ends just before the current one', () => {
  const current = resolveDateRange({ date_from: '-7d' }, 'day', ctx);
  const previous = previousDateRange(current, undefined, ctx);
  assert.deepEqual(days(previous), ['2024-04-23', '2024-04-24', '2024-04-25', '2024-04-26', '2024-04-27', '2024-04-28', '2024-04-29', '2024-04-30']);
  assert.equal(previous.to.toISOString(), '2024-04-30T23:59:59.999Z');
  const lastYear = previousDateRange(current, '-1y', ctx);
  assert.equal(lastYear.from.toISOString(), '2023-05-01T00:00:00.000Z');
  assert.equal(lastYear.buckets.length, 8);
});

test('bucket keys are wall-clock text in the project timezone', () => {
  assert.equal(bucketKey(new Date('2024-04-30T22:00:00Z'), 'Europe/Berlin'), '2024-05-01 00:00:00');
  assert.equal(isoInTimezone(new Date('2024-04-30T22:00:00Z'), 'Europe/Berlin'), '2024-05-01T00:00:00+02:00');
});
