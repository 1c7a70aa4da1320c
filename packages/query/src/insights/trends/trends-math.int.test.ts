import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { declareTrendsUniverse, trendsUniverseContext } from './trends-fixture.js';
import { planTrends, type TrendsQuery } from './trends-query.js';

// The universe is documented in trends-fixture.ts: six people in project 1 (UTC), buckets Sun May 5 … Wed May 8 2024,
// $pageview events per bucket 3, 3, 4, 3; dave's anonymous id is merged into him after the fact; project 2 has its own
// alice whose events never count. Every expectation below is worked out from that timeline.

let u: Universe;
const ctx = trendsUniverseContext();

before(async () => {
  u = await openUniverse();
  declareTrendsUniverse(u);
  await u.flush();
});

async function run(series: Record<string, unknown>, extra: Partial<TrendsQuery> = {}) {
  const query = { kind: 'TrendsQuery', dateRange: { date_from: '-3d' }, series: [{ kind: 'EventsNode', event: '$pageview', ...series }], ...extra };
  return u.runPlan(await planTrends(query as TrendsQuery, ctx));
}

async function data(series: Record<string, unknown>, extra: Partial<TrendsQuery> = {}) {
  const results = await run(series, extra);
  assert.equal(results.length, 1);
  return results[0].data;
}

function close(actual: number[], expected: number[]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-9, `bucket ${i}: ${v} != ${expected[i]} (${actual})`));
}

test('total counts events per day; the other project and events before the range never count', async () => {
  const [r] = await run({});
  assert.deepEqual(r.data, [3, 3, 4, 3]);
  assert.equal(r.count, 13);
  assert.deepEqual(r.days, ['2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08']);
});

test('dau counts persons after merges: anon-d and dave are one person on May 6', async () => {
  assert.deepEqual(await data({ math: 'dau' }), [2, 2, 4, 3]);
});

test('weekly_active counts persons of the 7 days ending with each day: frank (May 1) drops out on May 8', async () => {
  // May 5: alice, bob, erin, frank; May 6 and 7: + carol, dave; May 8 (May 2–8): frank gone.
  assert.deepEqual(await data({ math: 'weekly_active' }), [4, 6, 6, 5]);
});

test('monthly_active counts persons of the 30 days ending with each day', async () => {
  assert.deepEqual(await data({ math: 'monthly_active' }), [4, 6, 6, 6]);
});

test('unique_session counts distinct non-empty sessions (bob sends none; anon-d and dave share s6)', async () => {
  assert.deepEqual(await data({ math: 'unique_session' }), [1, 2, 3, 3]);
});

test('first_time_for_user counts persons in the bucket of their first-ever event; erin and frank started before', async () => {
  assert.deepEqual(await data({ math: 'first_time_for_user' }), [2, 2, 0, 0]);
});

test("first_time_for_user with a filter needs the first-ever event to match: only bob's first view is Chrome", async () => {
  const chrome = [{ key: '$browser', value: 'Chrome', operator: 'exact' }];
  assert.deepEqual(await data({ math: 'first_time_for_user', properties: chrome }), [1, 0, 0, 0]);
});

test('first_matching_event_for_user counts the first matching event; erin first matched before the range', async () => {
  const chrome = [{ key: '$browser', value: 'Chrome', operator: 'exact' }];
  // alice May 7, bob May 5, carol May 8, dave May 7.
  assert.deepEqual(await data({ math: 'first_matching_event_for_user', properties: chrome }), [1, 0, 2, 1]);
});

test('property maths aggregate toFloat(price), ignoring missing and non-numeric values; empty buckets are 0', async () => {
  // price per day: May 5 [10, 20, "5"], May 6 [7] (dave's "abc" is not a number), May 7 [2.5, 1], May 8 none.
  const price = (math: string) => data({ math, math_property: 'price' });
  close(await price('sum'), [35, 7, 3.5, 0]);
  close(await price('avg'), [35 / 3, 7, 1.75, 0]);
  close(await price('min'), [5, 7, 1, 0]);
  close(await price('max'), [20, 7, 2.5, 0]);
  close(await price('median'), [10, 7, 1.75, 0]);
  close(await price('p75'), [15, 7, 2.125, 0]);
  close(await price('p90'), [18, 7, 2.35, 0]);
  close(await price('p95'), [19, 7, 2.425, 0]);
  close(await price('p99'), [19.8, 7, 2.485, 0]);
});

test('math_multiplier scales the property before aggregating', async () => {
  close(await data({ math: 'sum', math_property: 'price', math_multiplier: 2 }), [70, 14, 7, 0]);
});

test('a person property can be the math property: alice is 30, bob "40", nobody else has an age', async () => {
  // May 5: alice twice and bob; May 6: carol and dave; May 7: alice, bob, dave, erin; May 8: alice, bob, carol.
  close(await data({ math: 'sum', math_property: 'age', math_property_type: 'person_properties' }), [100, 0, 70, 70]);
});

test('$session_duration counts each session once per bucket', async () => {
  // s1 (alice, May 5 10:00 and 11:00) lasts 3600 s, s6 (anon-d 13:00, dave 15:00 on May 6) 7200 s, every other session
  // has a single event: 0 s. Per event, May 5 would sum s1 twice.
  close(await data({ math: 'sum', math_property: '$session_duration', math_property_type: 'session_properties' }), [3600, 7200, 0, 0]);
  close(await data({ math: 'avg', math_property: '$session_duration' }), [3600, 3600, 0, 0]);
  close(await data({ math: 'max', math_property: '$session_duration' }), [3600, 7200, 0, 0]);
});

test('count-per-actor maths aggregate events per person per day (dave has 2 on May 6 across both ids)', async () => {
  const perActor = (math: string) => data({ math });
  close(await perActor('avg_count_per_actor'), [1.5, 1.5, 1, 1]);
  close(await perActor('min_count_per_actor'), [1, 1, 1, 1]);
  close(await perActor('max_count_per_actor'), [2, 2, 1, 1]);
  close(await perActor('median_count_per_actor'), [1.5, 1.5, 1, 1]);
  close(await perActor('p75_count_per_actor'), [1.75, 1.75, 1, 1]);
  close(await perActor('p90_count_per_actor'), [1.9, 1.9, 1, 1]);
  close(await perActor('p95_count_per_actor'), [1.95, 1.95, 1, 1]);
  close(await perActor('p99_count_per_actor'), [1.99, 1.99, 1, 1]);
});

test('unique_group counts non-empty $group_N keys', async () => {
  assert.deepEqual(await data({ math: 'unique_group', math_group_type_index: 0 }), [2, 1, 2, 2]);
});

test('aggregation_group_type_index makes dau count groups instead of persons', async () => {
  assert.deepEqual(await data({ math: 'dau' }, { aggregation_group_type_index: 0 }), [2, 1, 2, 2]);
});

test('hogql math aggregates an arbitrary expression', async () => {
  assert.deepEqual(await data({ math: 'hogql', math_hogql: 'countIf(properties.price IS NOT NULL)' }), [3, 2, 2, 0]);
});

test('filterTestAccounts drops carol (carol@test.com)', async () => {
  assert.deepEqual(await data({}, { filterTestAccounts: true }), [3, 2, 4, 2]);
});

test('top-level properties take AND/OR groups: Chrome views or anything by a pro person', async () => {
  const properties = {
    type: 'OR',
    values: [
      { type: 'AND', values: [{ key: '$browser', value: ['Chrome'], operator: 'exact' }] },
      { type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro', operator: 'exact' }] },
    ],
  };
  assert.deepEqual(await data({}, { properties } as Partial<TrendsQuery>), [3, 0, 2, 2]);
});

test('an ActionsNode series matches any step of the action and reports the action', async () => {
  const query = { kind: 'TrendsQuery', dateRange: { date_from: '-3d' }, series: [{ kind: 'ActionsNode', id: 7 }] };
  const [r] = await u.runPlan(await planTrends(query as TrendsQuery, ctx));
  // Chrome views: bob May 5, alice and dave May 7, carol May 8; signups: bob May 5 and May 8, erin May 7.
  assert.deepEqual(r.data, [2, 0, 3, 2]);
  assert.equal(r.label, 'Chrome view or signup');
  assert.equal(r.action?.id, '7');
  assert.equal(r.action?.type, 'actions');
});

test('all events (event: null) counts every event, labelled All events', async () => {
  const [r] = await run({ event: null });
  assert.deepEqual(r.data, [4, 3, 5, 4]);
  assert.equal(r.label, 'All events');
});

test('resolved_date_range is in extra', async () => {
  const plan = await planTrends({ kind: 'TrendsQuery', dateRange: { date_from: '-3d' }, series: [{ kind: 'EventsNode', event: '$pageview' }] }, ctx);
  assert.deepEqual(plan.extra?.resolved_date_range, { date_from: '2024-05-05T00:00:00.000Z', date_to: '2024-05-08T23:59:59.999Z' });
});
