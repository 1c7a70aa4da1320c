import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { OTHER_TEAM, openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import { compileInsightStatement } from '../insight-statement.js';
import { planStickiness, stickinessActors, type StickinessQuery } from './stickiness-query.js';

/*
 * The universe. Times are UTC; `$pageview` and `signup` are queried 2024-05-01 … 2024-05-07 by day (7 days).
 *
 *   ann                      $pageview May 1 10:00 and 11:30, May 2, May 4; Apr 29 (the previous week);
 *                            signup May 6
 *   ben                      $pageview ×3 on May 3; signup May 5
 *   cal  (email cal@test.com) $pageview every day May 1 … May 7 at 12:00
 *   dan                      $pageview Apr 30 (the previous week) and May 7 23:30
 *   eli                      anonymous `anon-e` $pageview May 5, later aliased to eli; eli's own $pageview May 6
 *   team 2: distinct id `ann` with $pageviews May 3 and May 5 — never counted
 *
 * Days active per person (May 1 … 7), with the events per day:
 *   ann 3 (May 1: 2, May 2: 1, May 4: 1) · ben 1 (May 3: 3) · cal 7 (1 each) · dan 1 · eli 2 (one person after the merge)
 *
 * `tz_use`: tia at May 2 03:00Z (= May 1 23:00 New York) and May 2 05:00Z (= May 2 01:00 New York).
 * `wk_use`: wim on Sunday May 12 and Monday May 13.
 * `grp_use`: ann in group acme May 1, ben in group acme May 2, ann without a group May 3.
 */
let u: Universe;
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-20T12:00:00Z') });
const MAY_1_TO_7 = { date_from: '2024-05-01', date_to: '2024-05-07' };

before(async () => {
  u = await openUniverse();
  u.person('ann');
  for (const at of ['2024-04-29T10:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T11:30:00Z', '2024-05-02T10:00:00Z', '2024-05-04T10:00:00Z']) {
    u.event('ann', '$pageview', at);
  }
  u.event('ann', 'signup', '2024-05-06T10:00:00Z');
  u.person('ben');
  for (const minute of ['00', '10', '20']) u.event('ben', '$pageview', `2024-05-03T10:${minute}:00Z`);
  u.event('ben', 'signup', '2024-05-05T10:00:00Z');
  u.person('cal', { properties: { email: 'cal@test.com' } });
  for (let day = 1; day <= 7; day++) u.event('cal', '$pageview', `2024-05-0${day}T12:00:00Z`);
  u.person('dan');
  u.event('dan', '$pageview', '2024-04-30T10:00:00Z');
  u.event('dan', '$pageview', '2024-05-07T23:30:00Z');
  u.event('anon-e', '$pageview', '2024-05-05T10:00:00Z');
  u.person('eli');
  u.event('eli', '$pageview', '2024-05-06T10:00:00Z');
  u.merge('anon-e', 'eli');
  u.person('ann-elsewhere', { distinctIds: ['ann'], team: OTHER_TEAM });
  u.event('ann', '$pageview', '2024-05-03T10:00:00Z', {}, { team: OTHER_TEAM });
  u.event('ann', '$pageview', '2024-05-05T10:00:00Z', {}, { team: OTHER_TEAM });

  u.person('tia');
  u.event('tia', 'tz_use', '2024-05-02T03:00:00Z');
  u.event('tia', 'tz_use', '2024-05-02T05:00:00Z');
  u.person('wim');
  u.event('wim', 'wk_use', '2024-05-12T12:00:00Z');
  u.event('wim', 'wk_use', '2024-05-13T12:00:00Z');
  u.event('ann', 'grp_use', '2024-05-01T12:00:00Z', {}, { groups: { 0: 'acme' } });
  u.event('ben', 'grp_use', '2024-05-02T12:00:00Z', {}, { groups: { 0: 'acme' } });
  u.event('ann', 'grp_use', '2024-05-03T12:00:00Z');
  await u.flush();
});

function stickiness(events: string[], extra: Partial<StickinessQuery> = {}): StickinessQuery {
  return { kind: 'StickinessQuery', series: events.map((event) => ({ kind: 'EventsNode' as const, event })), dateRange: MAY_1_TO_7, ...extra };
}

async function run(query: StickinessQuery, context: InsightContext = ctx) {
  return u.runPlan(await planStickiness(query, context));
}

async function data(query: StickinessQuery, context: InsightContext = ctx): Promise<number[]> {
  return (await run(query, context))[0].data;
}

async function actors(query: StickinessQuery, point: { series?: number; day?: number | string; compare?: 'current' | 'previous' }) {
  const rows = await u.run(compileInsightStatement(await stickinessActors(query, point, ctx), ctx));
  return rows.rows.map((r) => String(r[0])).sort();
}

const ids = (...names: string[]) => names.map((n) => u.personId(n)).sort();

test('data[k-1] counts persons active on exactly k days; one result per series with days, labels and action', async () => {
  // ben and dan: 1 day; eli: 2 (anon-e and eli are one person); ann: 3; cal: 7. Team 2 and April count nowhere.
  const [pageviews, signups] = await run(stickiness(['$pageview', 'signup']));
  assert.deepEqual(pageviews, {
    count: 5,
    data: [2, 1, 1, 0, 0, 0, 1],
    days: [1, 2, 3, 4, 5, 6, 7],
    labels: ['1 day', '2 days', '3 days', '4 days', '5 days', '6 days', '7 days'],
    label: '$pageview',
    action: {
      id: '$pageview', type: 'events', order: 0, name: '$pageview', custom_name: null, math: 'total',
      math_property: null, math_hogql: null, math_group_type_index: null, properties: {},
    },
  });
  assert.deepEqual([signups.data, signups.count, signups.action.order], [[2, 0, 0, 0, 0, 0, 0], 2, 1]);
});

test('cumulative: data[k-1] counts persons active on at least k days; count stays the number of persons', async () => {
  const [result] = await run(stickiness(['$pageview'], { stickinessFilter: { computedAs: 'cumulative' } }));
  assert.deepEqual(result.data, [5, 3, 2, 1, 1, 1, 1]);
  assert.equal(result.count, 5);
  assert.deepEqual(result.labels.slice(0, 2), ['1 day or more', '2 days or more']);
});

test('stickinessCriteria counts a day only when its events meet the criterion', async () => {
  const criteria = (operator: 'gte' | 'lte' | 'exact', value: number) => stickiness(['$pageview'], { stickinessFilter: { stickinessCriteria: { operator, value } } });
  // ≥ 2 events: ann's May 1 and ben's May 3 → both 1 day.
  assert.deepEqual(await data(criteria('gte', 2)), [2, 0, 0, 0, 0, 0, 0]);
  // ≤ 1 event: ann May 2 and 4 (2 days), ben none, cal 7, dan 1, eli 2.
  assert.deepEqual(await data(criteria('lte', 1)), [1, 2, 0, 0, 0, 0, 1]);
  // exactly 3: ben's May 3.
  assert.deepEqual(await data(criteria('exact', 3)), [1, 0, 0, 0, 0, 0, 0]);
});

test('intervalCount groups days into periods counted back from the last day', async () => {
  // 7 days in periods of 2 from the end: {May 6, 7}, {May 4, 5}, {May 2, 3}, {May 1} → 4 periods.
  // ben {2,3}: 1, dan {6,7}: 1, eli {4,5} and {6,7}: 2, ann {1}, {2,3}, {4,5}: 3, cal: 4.
  const [result] = await run(stickiness(['$pageview'], { intervalCount: 2 }));
  assert.deepEqual(result.data, [2, 1, 1, 1]);
  assert.deepEqual(result.days, [1, 2, 3, 4]);
  assert.deepEqual(result.labels, ['1 day', '2 days', '3 days', '4 days']);
});

test('compare gives each series for the current period, then the previous one', async () => {
  // Previous period Apr 24 … Apr 30: ann (Apr 29) and dan (Apr 30), one day each.
  const results = await run(stickiness(['$pageview'], { compareFilter: { compare: true } }));
  assert.deepEqual(results.map((r) => [r.compare, r.compare_label, r.data]), [
    [true, 'current', [2, 1, 1, 0, 0, 0, 1]],
    [true, 'previous', [2, 0, 0, 0, 0, 0, 0]],
  ]);
});

test('filterTestAccounts drops the project test accounts; an action series is labelled by the action', async () => {
  const context = insightContext({
    teamId: 1,
    now: ctx.now,
    testAccountFilters: [{ key: 'email', value: '@test.com', operator: 'not_icontains', type: 'person' }],
    actions: new Map([[3, { id: 3, name: 'Viewed a page', steps: [{ event: '$pageview' }] }]]),
  });
  const query: StickinessQuery = { kind: 'StickinessQuery', series: [{ kind: 'ActionsNode', id: 3 }], dateRange: MAY_1_TO_7, filterTestAccounts: true };
  const [result] = await run(query, context);
  assert.deepEqual(result.data, [2, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual([result.label, result.action.id, result.action.type], ['Viewed a page', '3', 'actions']);
});

test('days are counted in the project timezone (America/New_York against UTC)', async () => {
  const range = { dateRange: { date_from: '2024-05-01', date_to: '2024-05-03' } };
  const newYork = insightContext({ teamId: 1, now: ctx.now, timezone: 'America/New_York' });
  assert.deepEqual(await data(stickiness(['tz_use'], range), newYork), [0, 1, 0]);
  assert.deepEqual(await data(stickiness(['tz_use'], range)), [1, 0, 0]);
});

test('weeks start on the project week day', async () => {
  const range = { interval: 'week' as const, dateRange: { date_from: '2024-05-06', date_to: '2024-05-19' } };
  // Monday weeks May 6 and May 13: Sunday May 12 and Monday May 13 are two weeks.
  const [monday] = await run(stickiness(['wk_use'], range), insightContext({ teamId: 1, now: ctx.now, weekStartDay: 1 }));
  assert.deepEqual([monday.data, monday.labels], [[0, 1], ['1 week', '2 weeks']]);
  // Sunday weeks May 5, 12 and 19: both days are the week of May 12.
  assert.deepEqual(await data(stickiness(['wk_use'], range)), [1, 0, 0]);
});

test('hour intervals count hours and say so', async () => {
  // 10:00 … 12:00 on May 1: ann at 10:00 and 11:30 (2 hours), cal at 12:00 (1 hour).
  const [result] = await run(stickiness(['$pageview'], { interval: 'hour', dateRange: { date_from: '2024-05-01 10:00', date_to: '2024-05-01 12:00' } }));
  assert.deepEqual([result.data, result.labels], [[1, 1, 0], ['1 hour', '2 hours', '3 hours']]);
});

test('aggregation_group_type_index counts groups; events without the group count nowhere', async () => {
  const query = stickiness(['grp_use'], { aggregation_group_type_index: 0 });
  assert.deepEqual(await data(query), [0, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(await actors(query, { day: 2 }), ['acme']);
});

test('actors behind a point: exactly k days, at least k when cumulative, per series and period', async () => {
  const query = stickiness(['$pageview', 'signup'], { compareFilter: { compare: true } });
  assert.deepEqual(await actors(query, { series: 0, day: 1 }), ids('ben', 'dan'));
  assert.deepEqual(await actors(query, { series: 0, day: '2' }), ids('eli'));
  assert.deepEqual(await actors(query, { series: 1, day: 1 }), ids('ann', 'ben'));
  assert.deepEqual(await actors(query, { series: 0, day: 1, compare: 'previous' }), ids('ann', 'dan'));
  const cumulative = stickiness(['$pageview'], { stickinessFilter: { computedAs: 'cumulative' } });
  assert.deepEqual(await actors(cumulative, { day: 2 }), ids('ann', 'cal', 'eli'));
  await assert.rejects(() => stickinessActors(query, { series: 2, day: 1 }, ctx), /series must be an index/);
  await assert.rejects(() => stickinessActors(query, { day: 8 }, ctx), /day must be a number of intervals from 1 to 7/);
});

test('hostile event names and property keys stay values', async () => {
  const hostile = "x' OR 1=1) UNION ALL SELECT 1 --";
  const query: StickinessQuery = {
    kind: 'StickinessQuery',
    series: [{ kind: 'EventsNode', event: hostile, properties: [{ key: "k'] OR 1=1 --", value: hostile, operator: 'exact' }] }],
    dateRange: MAY_1_TO_7,
    properties: [{ key: "$browser') OR ('1'='1", value: ['a\\', "b'"], operator: 'is_not' }],
  };
  const plan = await planStickiness(query, ctx);
  assert.ok(!plan.statements[0].sql.includes('OR 1=1'));
  const [result] = await u.runPlan(plan);
  assert.deepEqual([result.count, result.label], [0, hostile]);
});

test('a query that is not a valid StickinessQuery is refused with a clear message', async () => {
  await assert.rejects(() => planStickiness({ kind: 'StickinessQuery', series: [] }, ctx), /at least one series/);
  await assert.rejects(() => planStickiness(stickiness(['x'], { intervalCount: 0 }), ctx), /intervalCount/);
  await assert.rejects(() => planStickiness(stickiness(['x'], { stickinessFilter: { computedAs: 'sideways' as never } }), ctx), /computedAs/);
  await assert.rejects(
    () => planStickiness(stickiness(['x'], { stickinessFilter: { stickinessCriteria: { operator: 'gt' as never, value: 1 } } }), ctx),
    /stickinessCriteria.operator/,
  );
  await assert.rejects(() => planStickiness(stickiness(['x'], { compareFilter: { compare: 'yes' as never } }), ctx), /compareFilter.compare/);
});
