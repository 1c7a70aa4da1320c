import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import { insightContext } from '../insight-context.js';
import { planTrends, type TrendsQuery } from './trends-query.js';

/*
 * Breakdowns. Project 1 in UTC, now 2024-05-08 15:00 UTC, `date_from: '-1d'`: buckets May 7 and May 8. People: p1
 * (plan pro) and p2 (plan free) act in group org-a (industry tech), p3 (no plan) in org-b (industry retail), p4 (plan
 * pro) in none. All events are $pageview:
 *
 *   May 7  p1 Chrome 10:00 sa url https://x.com/a/ · p1 Chrome 11:00 sa · p2 Chrome 12:00 sb url https://x.com/a
 *          p3 Safari 13:00 sc url / · p4 (no browser) 14:00 · p2 Firefox 15:00 sb
 *   May 8  p1 Chrome 09:00 sd url https://x.com/a?# · p3 Safari 10:00 se · p3 Safari 11:00 se · p4 Edge 12:00
 *          p2 "" (empty browser) 13:00 sf · p1 Firefox 14:00 sd
 *
 * By browser (May 7, May 8): Chrome [3, 1] = 4, Safari [1, 2] = 3, Firefox [1, 1] = 2, Edge [0, 1] = 1, null (missing
 * or empty) [1, 1] = 2. A session's entry URL is the URL of its first event that has one.
 */

let u: Universe;
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') });

before(async () => {
  u = await openUniverse();
  u.person('p1', { properties: { plan: 'pro' } });
  u.person('p2', { properties: { plan: 'free' } });
  u.person('p3');
  u.person('p4', { properties: { plan: 'pro' } });
  u.group(0, 'org-a', { industry: 'tech' });
  u.group(0, 'org-b', { industry: 'retail' });
  const orgA = { 0: 'org-a' } as const;
  const orgB = { 0: 'org-b' } as const;
  const view = (who: string, at: string, browser: string | null, session: string, extra: Record<string, unknown> = {}) => {
    const groups = who === 'p3' ? orgB : who === 'p4' ? {} : orgA;
    u.event(who, '$pageview', at, { ...(browser === null ? {} : { $browser: browser }), ...extra }, { session, groups });
  };
  view('p1', '2024-05-07T10:00:00Z', 'Chrome', 'sa', { $current_url: 'https://x.com/a/' });
  view('p1', '2024-05-07T11:00:00Z', 'Chrome', 'sa');
  view('p2', '2024-05-07T12:00:00Z', 'Chrome', 'sb', { $current_url: 'https://x.com/a' });
  view('p3', '2024-05-07T13:00:00Z', 'Safari', 'sc', { $current_url: '/' });
  view('p4', '2024-05-07T14:00:00Z', null, '');
  view('p2', '2024-05-07T15:00:00Z', 'Firefox', 'sb');
  view('p1', '2024-05-08T09:00:00Z', 'Chrome', 'sd', { $current_url: 'https://x.com/a?#' });
  view('p3', '2024-05-08T10:00:00Z', 'Safari', 'se');
  view('p3', '2024-05-08T11:00:00Z', 'Safari', 'se');
  view('p4', '2024-05-08T12:00:00Z', 'Edge', '');
  view('p2', '2024-05-08T13:00:00Z', '', 'sf');
  view('p1', '2024-05-08T14:00:00Z', 'Firefox', 'sd');
  await u.flush();
});

async function breakdown(breakdownFilter: Record<string, unknown>, extra: Record<string, unknown> = {}, math = 'total') {
  const query = {
    kind: 'TrendsQuery',
    dateRange: { date_from: '-1d' },
    series: [{ kind: 'EventsNode', event: '$pageview', math }],
    breakdownFilter,
    ...extra,
  } as TrendsQuery;
  const plan = await planTrends(query, ctx);
  const results = await u.runPlan(plan);
  return { results, rows: results.map((r) => [r.breakdown_value, r.aggregated_value ?? r.data]), hasMore: plan.extra?.hasMore };
}

test('one result per value, by total, the null placeholder after real values (missing and empty alike)', async () => {
  const { results, rows, hasMore } = await breakdown({ breakdown: '$browser' });
  assert.deepEqual(rows, [
    ['Chrome', [3, 1]],
    ['Safari', [1, 2]],
    ['Firefox', [1, 1]],
    ['Edge', [0, 1]],
    [BREAKDOWN_NULL, [1, 1]],
  ]);
  assert.deepEqual(results.map((r) => r.label), ['Chrome', 'Safari', 'Firefox', 'Edge', BREAKDOWN_NULL]);
  assert.equal(hasMore, false);
});

test('breakdown_limit keeps the top values and merges the rest into Other; hasMore says so', async () => {
  const { rows, hasMore } = await breakdown({ breakdown: '$browser', breakdown_limit: 2 });
  assert.deepEqual(rows, [
    ['Chrome', [3, 1]],
    ['Safari', [1, 2]],
    [BREAKDOWN_OTHER, [2, 3]],
  ]);
  assert.equal(hasMore, true);
});

test('the null placeholder ranks after real values for the limit too: with 4 kept, null goes to Other', async () => {
  const { rows } = await breakdown({ breakdown: '$browser', breakdown_limit: 4 });
  assert.deepEqual(rows.map((r) => r[0]), ['Chrome', 'Safari', 'Firefox', 'Edge', BREAKDOWN_OTHER]);
  assert.deepEqual(rows[4][1], [1, 1]);
});

test('breakdown_hide_other_aggregation drops Other but still reports hasMore', async () => {
  const { rows, hasMore } = await breakdown({ breakdown: '$browser', breakdown_limit: 2, breakdown_hide_other_aggregation: true });
  assert.deepEqual(rows.map((r) => r[0]), ['Chrome', 'Safari']);
  assert.equal(hasMore, true);
});

test('with dau, values rank by the sum of their daily uniques and ties go to the smaller value; Other sums', async () => {
  // Chrome [2, 1] = 3; Firefox [1, 1] and Safari [1, 1] tie at 2, Firefox sorts first; Other = Safari + Edge + null.
  const { rows } = await breakdown({ breakdown: '$browser', breakdown_limit: 2 }, {}, 'dau');
  assert.deepEqual(rows, [
    ['Chrome', [2, 1]],
    ['Firefox', [1, 1]],
    [BREAKDOWN_OTHER, [2, 3]],
  ]);
});

test('weekly_active breaks down by the value of each event in the window', async () => {
  // Chrome: p1, p2 both days (p2's May 7 view is in May 8's window); Firefox: p2, then p2 and p1; null: p4, then p4, p2.
  const { rows } = await breakdown({ breakdown: '$browser' }, {}, 'weekly_active');
  assert.deepEqual(rows, [
    ['Chrome', [2, 2]],
    ['Firefox', [1, 2]],
    ['Safari', [1, 1]],
    ['Edge', [0, 1]],
    [BREAKDOWN_NULL, [1, 2]],
  ]);
});

test('first_time_for_user breaks down by the value of the first event', async () => {
  const { rows } = await breakdown({ breakdown: '$browser' }, {}, 'first_time_for_user');
  assert.deepEqual(rows, [
    ['Chrome', [2, 0]],
    ['Safari', [1, 0]],
    [BREAKDOWN_NULL, [1, 0]],
  ]);
});

test('person property breakdown', async () => {
  const { rows } = await breakdown({ breakdown: 'plan', breakdown_type: 'person' });
  assert.deepEqual(rows, [
    ['pro', [3, 3]],
    ['free', [2, 1]],
    [BREAKDOWN_NULL, [1, 2]],
  ]);
});

test('group property breakdown', async () => {
  const { rows } = await breakdown({ breakdown: 'industry', breakdown_type: 'group', breakdown_group_type_index: 0 });
  assert.deepEqual(rows, [
    ['tech', [4, 3]],
    ['retail', [1, 2]],
    [BREAKDOWN_NULL, [1, 1]],
  ]);
});

test('session property breakdown, with and without URL normalisation', async () => {
  const plain = await breakdown({ breakdown: '$entry_current_url', breakdown_type: 'session' });
  assert.deepEqual(plain.rows, [
    ['https://x.com/a', [2, 0]],
    ['https://x.com/a/', [2, 0]],
    ['https://x.com/a?#', [0, 2]],
    ['/', [1, 0]],
    [BREAKDOWN_NULL, [1, 4]],
  ]);
  const normalized = await breakdown({ breakdown: '$entry_current_url', breakdown_type: 'session', breakdown_normalize_url: true });
  assert.deepEqual(normalized.rows, [
    ['https://x.com/a', [4, 2]],
    ['/', [1, 0]],
    [BREAKDOWN_NULL, [1, 4]],
  ]);
});

test('hogql breakdown: an expression, with empty results as the null placeholder', async () => {
  const { rows } = await breakdown({ breakdown: "upper(coalesce(properties.$browser, 'none'))", breakdown_type: 'hogql' });
  assert.deepEqual(rows, [
    ['CHROME', [3, 1]],
    ['SAFARI', [1, 2]],
    ['FIREFOX', [1, 1]],
    ['EDGE', [0, 1]],
    ['NONE', [1, 0]],
    [BREAKDOWN_NULL, [0, 1]],
  ]);
});

test('event_metadata breakdown reads an event column', async () => {
  const { rows } = await breakdown({ breakdown: 'distinct_id', breakdown_type: 'event_metadata' });
  assert.deepEqual(rows, [
    ['p1', [2, 2]],
    ['p2', [2, 1]],
    ['p3', [1, 2]],
    ['p4', [1, 1]],
  ]);
});

test('several breakdowns give array values ranked as one; a null part ranks after, Other is all placeholders', async () => {
  const breakdowns = [{ property: '$browser' }, { property: 'plan', type: 'person' }];
  const { results, rows } = await breakdown({ breakdowns });
  assert.deepEqual(rows, [
    [['Chrome', 'pro'], [2, 1]],
    [['Chrome', 'free'], [1, 0]],
    [['Edge', 'pro'], [0, 1]],
    [['Firefox', 'free'], [1, 0]],
    [['Firefox', 'pro'], [0, 1]],
    [['Safari', BREAKDOWN_NULL], [1, 2]],
    [[BREAKDOWN_NULL, 'free'], [0, 1]],
    [[BREAKDOWN_NULL, 'pro'], [1, 0]],
  ]);
  assert.equal(results[0].label, 'Chrome::pro');
  const limited = await breakdown({ breakdowns, breakdown_limit: 3 });
  assert.deepEqual(limited.rows.map((r) => r[0]), [['Chrome', 'pro'], ['Chrome', 'free'], ['Edge', 'pro'], [BREAKDOWN_OTHER, BREAKDOWN_OTHER]]);
  assert.deepEqual(limited.rows[3][1], [3, 4]);
});

test('total-value displays break down the aggregated value: dau is unique over the range per value', async () => {
  const pie = { trendsFilter: { display: 'ActionsPie' } };
  // Chrome {p1, p2}, Firefox {p2, p1}, Edge {p4}, Safari {p3}, null {p4, p2}.
  assert.deepEqual((await breakdown({ breakdown: '$browser' }, pie, 'dau')).rows, [
    ['Chrome', 2],
    ['Firefox', 2],
    ['Edge', 1],
    ['Safari', 1],
    [BREAKDOWN_NULL, 2],
  ]);
  const limited = await breakdown({ breakdown: '$browser', breakdown_limit: 2 }, pie);
  assert.deepEqual(limited.rows, [
    ['Chrome', 4],
    ['Safari', 3],
    [BREAKDOWN_OTHER, 5],
  ]);
  assert.equal(limited.hasMore, true);
});
