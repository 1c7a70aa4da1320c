import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import { planTrends, type TrendsQuery } from './trends-query.js';

/*
 * Intervals and timezones. Now is Wednesday 2024-05-08 15:00 UTC (11:00 in New York, UTC−4 in May, UTC−5 before
 * March 10). Each test reads its own event name, so the probes do not mix:
 *
 *   tz_probe      pat    2024-05-07 02:30Z (NY May 6 22:30) · 2024-05-07 05:00Z (NY May 7 01:00)
 *                 quinn  2024-05-08 03:59Z (NY May 7 23:59) · 2024-05-08 04:00Z (NY May 8 00:00)
 *                 olga   2024-05-01 04:30Z (a week before, for the hourly weekly-active window)
 *   minute_probe  pat    2024-05-07 02:30:00Z · 02:30:45Z · 02:31:30Z
 *   week_probe    pat    Sat 2024-05-04 12:00Z · Sun 05-05 12:00Z · Mon 05-06 12:00Z
 *   month_probe   pat    2024-03-31 23:00Z (NY Mar 31 19:00) · 2024-04-01 02:00Z (NY Mar 31 22:00) · 2024-04-03 12:00Z
 *                        · 2024-04-15 12:00Z
 */

let u: Universe;
const now = new Date('2024-05-08T15:00:00Z');
const utc = insightContext({ teamId: 1, now });
const newYork = insightContext({ teamId: 1, now, timezone: 'America/New_York' });

before(async () => {
  u = await openUniverse();
  u.event('pat', 'tz_probe', '2024-05-07T02:30:00Z');
  u.event('pat', 'tz_probe', '2024-05-07T05:00:00Z');
  u.event('quinn', 'tz_probe', '2024-05-08T03:59:00Z');
  u.event('quinn', 'tz_probe', '2024-05-08T04:00:00Z');
  u.event('olga', 'tz_probe', '2024-05-01T04:30:00Z');
  for (const at of ['02:30:00', '02:30:45', '02:31:30']) u.event('pat', 'minute_probe', `2024-05-07T${at}Z`);
  for (const at of ['2024-05-04', '2024-05-05', '2024-05-06']) u.event('pat', 'week_probe', `${at}T12:00:00Z`);
  for (const at of ['2024-03-31T23:00:00Z', '2024-04-01T02:00:00Z', '2024-04-03T12:00:00Z', '2024-04-15T12:00:00Z']) u.event('pat', 'month_probe', at);
  await u.flush();
});

async function trend(event: string, extra: Record<string, unknown>, ctx: InsightContext, math = 'total') {
  const query = { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event, math }], ...extra } as TrendsQuery;
  const [r] = await u.runPlan(await planTrends(query, ctx));
  return r;
}

test('day buckets follow the project timezone: the same four events split differently in UTC and New York', async () => {
  const range = { dateRange: { date_from: '-2d' } };
  const inUtc = await trend('tz_probe', range, utc);
  assert.deepEqual(inUtc.days, ['2024-05-06', '2024-05-07', '2024-05-08']);
  assert.deepEqual(inUtc.data, [0, 2, 2]);
  const inNewYork = await trend('tz_probe', range, newYork);
  assert.deepEqual(inNewYork.days, ['2024-05-06', '2024-05-07', '2024-05-08']);
  assert.deepEqual(inNewYork.data, [1, 2, 1]);
  assert.equal(inNewYork.action?.days[0], '2024-05-06T00:00:00-04:00');
  // pat is active on NY May 6 and 7, quinn on NY May 7 and 8; in UTC pat only on May 7, quinn only on May 8.
  assert.deepEqual((await trend('tz_probe', range, newYork, 'dau')).data, [1, 2, 1]);
  assert.deepEqual((await trend('tz_probe', range, utc, 'dau')).data, [0, 1, 1]);
});

test('hour buckets: an absolute range is used as given, in the project timezone', async () => {
  const inUtc = await trend('tz_probe', { interval: 'hour', dateRange: { date_from: '2024-05-07 02:00:00', date_to: '2024-05-07 05:30:00' } }, utc);
  assert.deepEqual(inUtc.days, ['2024-05-07 02:00:00', '2024-05-07 03:00:00', '2024-05-07 04:00:00', '2024-05-07 05:00:00']);
  assert.deepEqual(inUtc.labels, ['7-May 02:00', '7-May 03:00', '7-May 04:00', '7-May 05:00']);
  assert.deepEqual(inUtc.data, [1, 0, 0, 1]);
  const inNewYork = await trend('tz_probe', { interval: 'hour', dateRange: { date_from: '2024-05-06 22:00:00', date_to: '2024-05-07 01:30:00' } }, newYork);
  assert.deepEqual(inNewYork.days, ['2024-05-06 22:00:00', '2024-05-06 23:00:00', '2024-05-07 00:00:00', '2024-05-07 01:00:00']);
  assert.deepEqual(inNewYork.data, [1, 0, 0, 1]);
});

test('minute buckets; an absolute date_to is not stretched to the end of its minute', async () => {
  const r = await trend('minute_probe', { interval: 'minute', dateRange: { date_from: '2024-05-07 02:29:00', date_to: '2024-05-07 02:31:00' } }, utc);
  assert.deepEqual(r.days, ['2024-05-07 02:29:00', '2024-05-07 02:30:00', '2024-05-07 02:31:00']);
  assert.deepEqual(r.data, [0, 2, 0]);
});

test('week buckets start on the project week day: Sunday by default, Monday when set', async () => {
  const range = { interval: 'week', dateRange: { date_from: '2024-04-28', date_to: '2024-05-08' } };
  const sunday = await trend('week_probe', range, utc);
  assert.deepEqual(sunday.days, ['2024-04-28', '2024-05-05']);
  assert.deepEqual(sunday.data, [1, 2]);
  const monday = await trend('week_probe', range, { ...utc, weekStartDay: 1 });
  assert.deepEqual(monday.days, ['2024-04-22', '2024-04-29', '2024-05-06']);
  // The first week starts Monday Apr 22, but events count only from date_from (Apr 28).
  assert.deepEqual(monday.data, [0, 2, 1]);
});

test('a relative range by week counts events from date_from’s day, not from the start of its week', async () => {
  const r = await trend('week_probe', { interval: 'week', dateRange: { date_from: '-3d' } }, utc);
  assert.deepEqual(r.days, ['2024-05-05']);
  assert.deepEqual(r.data, [2]);
});

test('month buckets across a DST change, in UTC and New York', async () => {
  const range = { interval: 'month', dateRange: { date_from: '2024-03-01', date_to: '2024-04-30' } };
  const inUtc = await trend('month_probe', range, utc);
  assert.deepEqual(inUtc.days, ['2024-03-01', '2024-04-01']);
  assert.deepEqual(inUtc.labels, ['Mar 2024', 'Apr 2024']);
  assert.deepEqual(inUtc.data, [1, 3]);
  assert.deepEqual((await trend('month_probe', range, newYork)).data, [2, 2]);
});

test('a relative range by month counts events from the start of date_from’s month', async () => {
  // -1m is Apr 8; the April bucket still counts Apr 1–7.
  const r = await trend('month_probe', { interval: 'month', dateRange: { date_from: '-1m' } }, utc);
  assert.deepEqual(r.days, ['2024-04-01', '2024-05-01']);
  assert.deepEqual(r.data, [3, 0]);
});

test('hourly weekly_active counts the 7 days of hours ending with each hour: olga drops out at 04:00', async () => {
  const range = { interval: 'hour', dateRange: { date_from: '2024-05-08 03:00:00', date_to: '2024-05-08 04:30:00' } };
  const r = await trend('tz_probe', range, utc, 'weekly_active');
  assert.deepEqual(r.days, ['2024-05-08 03:00:00', '2024-05-08 04:00:00']);
  // 03:00 counts hours May 1 04:00 … May 8 03:00: pat, quinn (03:59), olga (May 1 04:30); 04:00 starts at May 1 05:00.
  assert.deepEqual(r.data, [3, 2]);
});

test('weekly_active on a week interval is dau, as in PostHog', async () => {
  const range = { interval: 'week', dateRange: { date_from: '2024-04-28', date_to: '2024-05-08' } };
  const r = await trend('tz_probe', range, utc, 'weekly_active');
  assert.equal(r.action?.math, 'dau');
  assert.deepEqual(r.data, [1, 2]);
});
