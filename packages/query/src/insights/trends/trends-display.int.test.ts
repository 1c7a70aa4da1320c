import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { declareTrendsUniverse, trendsUniverseContext } from './trends-fixture.js';
import { planTrends, type TrendsQuery } from './trends-query.js';

// Displays, formulas and comparison on the universe of trends-fixture.ts (buckets Sun May 5 … Wed May 8 2024):
// $pageview per day 3, 3, 4, 3 and persons 2 (alice, bob), 2 (carol, dave), 4 (alice, bob, dave, erin), 3 (alice,
// bob, carol); signup per day 1 (bob), 0, 1 (erin), 1 (bob); frank's only view is on May 1.

let u: Universe;
const ctx = trendsUniverseContext();
const pageviews = { kind: 'EventsNode', event: '$pageview' };
const signups = { kind: 'EventsNode', event: 'signup' };

before(async () => {
  u = await openUniverse();
  declareTrendsUniverse(u);
  await u.flush();
});

async function trends(extra: Record<string, unknown>) {
  const query = { kind: 'TrendsQuery', dateRange: { date_from: '-3d' }, series: [pageviews], ...extra } as TrendsQuery;
  return u.runPlan(await planTrends(query, ctx));
}

test('cumulative totals run through the range and count the last value', async () => {
  const [r] = await trends({ trendsFilter: { display: 'ActionsLineGraphCumulative' } });
  assert.deepEqual(r.data, [3, 6, 10, 13]);
  assert.equal(r.count, 13);
});

test('cumulative dau counts each person once, from their first day in the range', async () => {
  // May 5 alice, bob; May 6 + carol, dave; May 7 + erin; May 8 nobody new.
  const [r] = await trends({ series: [{ ...pageviews, math: 'dau' }], trendsFilter: { display: 'ActionsLineGraphCumulative' } });
  assert.deepEqual(r.data, [2, 4, 5, 5]);
  assert.equal(r.count, 5);
});

test('BoldNumber aggregates over the whole range: dau is unique over it (5), not the sum of days (11)', async () => {
  const bold = { trendsFilter: { display: 'BoldNumber' } };
  const [total] = await trends(bold);
  assert.equal(total.aggregated_value, 13);
  assert.deepEqual(total.data, []);
  assert.deepEqual(total.days, ['2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08']);
  const [dau] = await trends({ ...bold, series: [{ ...pageviews, math: 'dau' }] });
  assert.equal(dau.aggregated_value, 5);
});

test('weekly and monthly active on a total-value display count the last 7 or 30 days of the range', async () => {
  const bold = { trendsFilter: { display: 'ActionsTable' } };
  const [weekly] = await trends({ ...bold, series: [{ ...pageviews, math: 'weekly_active' }] });
  assert.equal(weekly.aggregated_value, 5, 'May 2–8: alice, bob, carol, dave, erin');
  const [monthly] = await trends({ ...bold, series: [{ ...pageviews, math: 'monthly_active' }] });
  assert.equal(monthly.aggregated_value, 6, 'Apr 9 – May 8: frank too');
});

test('smoothing averages each day with the previous ones (floored, as PostHog does)', async () => {
  const [r] = await trends({ series: [{ ...pageviews, math: 'dau' }], trendsFilter: { smoothingIntervals: 2 } });
  // dau [2, 2, 4, 3] → [2, 2, 3, 3.5 → 3]
  assert.deepEqual(r.data, [2, 2, 3, 3]);
});

test('formulas combine series bucket by bucket, division by zero giving 0', async () => {
  const results = await trends({ series: [pageviews, signups], trendsFilter: { formulas: ['A / B', 'A - B * 2'] } });
  assert.deepEqual(results.map((r) => [r.label, r.data, r.count, r.action]), [
    ['Formula (A / B)', [3, 0, 4, 3], 10, null],
    ['Formula (A - B * 2)', [1, 3, 2, 1], 7, null],
  ]);
});

test('a formula node with a custom name on a total-value display', async () => {
  const results = await trends({
    series: [{ ...pageviews, math: 'dau' }, signups],
    trendsFilter: { display: 'BoldNumber', formulaNodes: [{ formula: 'B / A * 100', custom_name: 'Sign-up rate' }] },
  });
  assert.equal(results.length, 1);
  assert.equal(results[0].label, 'Sign-up rate');
  assert.equal(results[0].aggregated_value, 60, '3 signups for 5 persons');
});

test('compare: current period, then the one before it with its own days', async () => {
  const results = await trends({ dateRange: { date_from: '-1d' }, compareFilter: { compare: true } });
  assert.deepEqual(results.map((r) => [r.compare_label, r.days, r.data, r.compare]), [
    ['current', ['2024-05-07', '2024-05-08'], [4, 3], true],
    ['previous', ['2024-05-05', '2024-05-06'], [3, 3], true],
  ]);
});

test('compare_to shifts the previous period by a relative amount', async () => {
  const results = await trends({ dateRange: { date_from: '-1d' }, compareFilter: { compare: true, compare_to: '-3d' } });
  assert.deepEqual(results[1].days, ['2024-05-04', '2024-05-05']);
  assert.deepEqual(results[1].data, [0, 3]);
});

test('formulas with compare apply to each period, current first', async () => {
  const results = await trends({ dateRange: { date_from: '-1d' }, series: [pageviews, signups], compareFilter: { compare: true }, trendsFilter: { formula: 'A + B' } });
  assert.deepEqual(results.map((r) => [r.compare_label, r.data]), [
    ['current', [5, 4]],
    ['previous', [4, 3]],
  ]);
});

test('several series keep their order and custom names', async () => {
  const results = await trends({ series: [{ ...signups, custom_name: 'Sign-ups' }, pageviews] });
  assert.deepEqual(results.map((r) => [r.label, r.action?.order, r.count]), [
    ['Sign-ups', 0, 3],
    ['$pageview', 1, 13],
  ]);
});

test('an empty series list answers no results', async () => {
  assert.deepEqual(await trends({ series: [] }), []);
});
