import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { openUniverse, type Universe } from '../../test-support/insight-universe.js';
import type { ActorsPoint } from '../actors.js';
import { BREAKDOWN_OTHER } from '../breakdown.js';
import { compileInsightStatement } from '../insight-statement.js';
import { declareTrendsUniverse, trendsUniverseContext } from './trends-fixture.js';
import { trendsActors, type TrendsQuery } from './trends-query.js';

// The persons behind trend points, on the universe of trends-fixture.ts (buckets Sun May 5 … Wed May 8 2024). Who
// viewed a page when: May 5 alice ×2 (Safari, none), bob (Chrome); May 6 carol (Firefox), dave ×2 (as anon-d, then
// identified); May 7 alice (Chrome), bob, dave (Chrome), erin; May 8 alice, bob, carol (Chrome). erin and frank also
// viewed on May 1.

let u: Universe;
const ctx = trendsUniverseContext();
const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

before(async () => {
  u = await openUniverse();
  declareTrendsUniverse(u);
  await u.flush();
});

/** The actors of a point as `name` or `name×events`, sorted. */
async function actors(extra: Record<string, unknown>, point: ActorsPoint, math = 'total'): Promise<string[]> {
  const query = { kind: 'TrendsQuery', dateRange: { date_from: '-3d' }, series: [{ kind: 'EventsNode', event: '$pageview', math }], ...extra } as TrendsQuery;
  const { rows } = await u.run(compileInsightStatement(await trendsActors(query, point, ctx), ctx));
  const byId = new Map(NAMES.map((name) => [u.personId(name), name]));
  return rows.map((row) => `${byId.get(String(row[0])) ?? row[0]}${row.length > 1 ? `×${Number(row[1])}` : ''}`).sort();
}

test('a day of a total series: the persons with events that day and how many (dave counts both of his ids)', async () => {
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-06' }), ['carol×1', 'dave×2']);
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-06' }, 'dau'), ['carol×1', 'dave×2']);
});

test('weekly_active: the persons of the 7 days ending that day', async () => {
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-05' }, 'weekly_active'), ['alice×2', 'bob×1', 'erin×1', 'frank×1']);
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-08' }, 'weekly_active'), ['alice×4', 'bob×3', 'carol×2', 'dave×3', 'erin×1']);
});

test('first_time_for_user: the persons whose first event is that day', async () => {
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-05' }, 'first_time_for_user'), ['alice', 'bob']);
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-06' }, 'first_time_for_user'), ['carol', 'dave']);
  assert.deepEqual(await actors({}, { series: 0, day: '2024-05-07' }, 'first_time_for_user'), []);
});

test('a breakdown value, and Other: everything outside the top values', async () => {
  // Chrome has 4 views, more than any other value; with a limit of 1 everything else is Other.
  const filter = { breakdownFilter: { breakdown: '$browser', breakdown_limit: 1 } };
  assert.deepEqual(await actors(filter, { series: 0, day: '2024-05-05', breakdown: 'Chrome' }), ['bob×1']);
  assert.deepEqual(await actors(filter, { series: 0, day: '2024-05-05', breakdown: BREAKDOWN_OTHER }), ['alice×2']);
});

test('several breakdowns take the value as a list', async () => {
  const filter = { breakdownFilter: { breakdowns: [{ property: '$browser' }, { property: 'plan', type: 'person' }] } };
  assert.deepEqual(await actors(filter, { series: 0, day: '2024-05-05', breakdown: ['Chrome', 'free'] }), ['bob×1']);
});

test('first-time actors filter on the breakdown value of the first event', async () => {
  const filter = { breakdownFilter: { breakdown: '$browser' } };
  assert.deepEqual(await actors(filter, { series: 0, day: '2024-05-05', breakdown: 'Chrome' }, 'first_time_for_user'), ['bob']);
  assert.deepEqual(await actors(filter, { series: 0, day: '2024-05-05', breakdown: 'Safari' }, 'first_time_for_user'), ['alice']);
});

test('the previous period of a comparison', async () => {
  const compare = { dateRange: { date_from: '-1d' }, compareFilter: { compare: true } };
  assert.deepEqual(await actors(compare, { series: 0, day: '2024-05-06', compare: 'previous' }), ['carol×1', 'dave×2']);
});

test('total-value displays: everyone in the range; cumulative: everyone up to the day', async () => {
  assert.deepEqual(await actors({ trendsFilter: { display: 'BoldNumber' } }, { series: 0 }, 'dau'), ['alice×4', 'bob×3', 'carol×2', 'dave×3', 'erin×1']);
  const cumulative = { trendsFilter: { display: 'ActionsLineGraphCumulative' } };
  assert.deepEqual(await actors(cumulative, { series: 0, day: '2024-05-06' }, 'dau'), ['alice×2', 'bob×1', 'carol×1', 'dave×2']);
});

test('the same filters as the series: test accounts drop carol', async () => {
  assert.deepEqual(await actors({ filterTestAccounts: true }, { series: 0, day: '2024-05-08' }), ['alice×1', 'bob×1']);
});

test('points that do not exist or whose actors are groups are refused', async () => {
  const refused = async (extra: Record<string, unknown>, point: ActorsPoint, message: RegExp) =>
    assert.rejects(actors(extra, point), (e: unknown) => e instanceof HogQLError && e.code === 'unsupported' && message.test(e.detail));
  await refused({}, { series: 3, day: '2024-05-06' }, /series must be the index/);
  await refused({}, { series: 0, day: '2024-06-01' }, /not one of the query's days/);
  await refused({}, { series: 0, day: '2024-05-06', compare: 'previous' }, /needs a query that compares/);
  await refused({ breakdownFilter: { breakdown: '$browser' } }, { series: 0, breakdown: ['a', 'b'] }, /single value/);
  const groups = { series: [{ kind: 'EventsNode', event: '$pageview', math: 'unique_group', math_group_type_index: 0 }] };
  await refused(groups, { series: 0 }, /groups/);
});
