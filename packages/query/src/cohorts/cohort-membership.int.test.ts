import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hCall, hField, type HSelectQuery } from '../hogql/hogql-ast.js';
import { compileHogQL } from '../hogql/compile-hogql.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { insightContext } from '../insights/insight-context.js';
import { insightFilterConditions } from '../insights/insight-filters.js';
import { compileInsightStatement } from '../insights/insight-statement.js';
import { openUniverse, OTHER_TEAM, UNIVERSE_TEAM } from '../test-support/insight-universe.js';
import type { CohortGroup } from './cohort-definition.js';
import { cohortMembershipQuery, type CohortCompileContext, type KnownCohort } from './cohort-membership.js';

/*
 * Universe (team 1 unless noted, UTC). "Now" is 2024-05-31 12:00, so the last 30 days start 05-01 12:00, the last 7
 * days 05-24 12:00 and the last day 05-30 12:00.
 *   alice  plan pro   $pageview 05-10, 05-20, 05-30 13:00; purchase 05-29 (amount 50)
 *   bob    plan free  $pageview 05-25 (Chrome); as anon-bob, before being merged into bob: $pageview 05-26 and
 *                     05-27 (Firefox). The anonymous person is deleted, as identify does.
 *   carol  plan pro   $pageview 04-10, 04-15, 04-16, 04-17, 04-18 and 05-15; purchase 04-01 (10) and 05-30 (200)
 *   dave   no plan    no events
 *   erin   team 2, plan pro, $pageview x3 and a purchase on 05-30: never in any team-1 cohort
 * Stored memberships: static cohort 20, version 5 = {dave}; an older version 4 = {bob}; team 2's cohort 20 = {erin}.
 * Counts in the last 30 days: alice 3 page views, bob 3 (1 + 2 merged), carol 1.
 */
const NOW = new Date('2024-05-31T12:00:00Z');
const pro = { type: 'person', key: 'plan', value: 'pro', operator: 'exact' };
const pageviews = (days: number, extra: object = {}) => ({ type: 'behavioral', value: 'performed_event', key: '$pageview', event_type: 'events', time_value: days, time_interval: 'day', ...extra });
const pageviewCount = (operator: string, count: number) =>
  pageviews(30, { value: 'performed_event_multiple', operator, operator_value: count });
const and = (...values: object[]) => ({ type: 'AND', values }) as CohortGroup;
const or = (...values: object[]) => ({ type: 'OR', values }) as CohortGroup;

const COHORTS = new Map<number, KnownCohort>([
  [10, { id: 10, version: 1, isStatic: false, definition: and(pro) }],
  [20, { id: 20, version: 5, isStatic: true, definition: null }],
  [30, { id: 30, version: null, isStatic: false, definition: and({ type: 'cohort', key: 'id', value: 31 }) }],
  [31, { id: 31, version: null, isStatic: false, definition: and({ type: 'cohort', key: 'id', value: 30 }) }],
]);
const ACTIONS = new Map([[1, { id: 1, name: 'Big purchase', steps: [{ event: 'purchase', properties: [{ key: 'amount', value: 100, operator: 'gt', type: 'event' }] }] }]]);
const ctx: CohortCompileContext = { ...insightContext({ teamId: UNIVERSE_TEAM, now: NOW, actions: ACTIONS }), cohorts: COHORTS };

const universe = (async () => {
  const u = await openUniverse();
  u.person('alice', { properties: { plan: 'pro', email: 'alice@acme.com' } });
  u.person('bob', { properties: { plan: 'free' } });
  u.person('carol', { properties: { plan: 'pro' } });
  u.person('dave');
  u.person('erin', { properties: { plan: 'pro' }, team: OTHER_TEAM });
  for (const day of ['05-10T10', '05-20T10', '05-30T13']) u.event('alice', '$pageview', `2024-${day}:00:00Z`);
  u.event('alice', 'purchase', '2024-05-29T10:00:00Z', { amount: 50 });
  u.event('bob', '$pageview', '2024-05-25T10:00:00Z', { $browser: 'Chrome' });
  u.event('anon-bob', '$pageview', '2024-05-26T10:00:00Z', { $browser: 'Firefox' });
  u.event('anon-bob', '$pageview', '2024-05-27T10:00:00Z', { $browser: 'Firefox' });
  u.merge('anon-bob', 'bob');
  for (const day of ['04-10', '04-15', '04-16', '04-17', '04-18', '05-15']) u.event('carol', '$pageview', `2024-${day}T10:00:00Z`);
  u.event('carol', 'purchase', '2024-04-01T10:00:00Z', { amount: 10 });
  u.event('carol', 'purchase', '2024-05-30T10:00:00Z', { amount: 200 });
  for (let i = 0; i < 3; i++) u.event('erin', '$pageview', '2024-05-30T10:00:00Z', {}, { team: OTHER_TEAM });
  u.event('erin', 'purchase', '2024-05-30T10:00:00Z', {}, { team: OTHER_TEAM });
  await u.flush();
  const anon = u.personId('anon:1:anon-bob');
  await u.store.insert('person', [{ team_id: UNIVERSE_TEAM, id: anon, created_at: '2024-05-26 10:00:00', properties: '{}', is_identified: 0, is_deleted: 1, version: 2 }]);
  await u.store.insert('cohort_people', [
    { team_id: UNIVERSE_TEAM, cohort_id: 20, person_id: u.personId('dave'), version: 5 },
    { team_id: UNIVERSE_TEAM, cohort_id: 20, person_id: u.personId('bob'), version: 4 },
    { team_id: OTHER_TEAM, cohort_id: 20, person_id: u.personId('erin'), version: 5 },
    { team_id: UNIVERSE_TEAM, cohort_id: 10, person_id: u.personId('alice'), version: 1 },
    { team_id: UNIVERSE_TEAM, cohort_id: 10, person_id: u.personId('carol'), version: 1 },
  ]);
  return u;
})();

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'anon:1:anon-bob'];

async function members(definition: CohortGroup, selfId?: number): Promise<string[]> {
  const u = await universe;
  const byId = new Map(NAMES.map((n) => [u.personId(n), n]));
  const { rows } = await u.run(compileInsightStatement(await cohortMembershipQuery(definition, ctx, selfId), ctx));
  return rows.map((r) => byId.get(String(r[0])) ?? String(r[0])).sort();
}

test('a person-property cohort: the latest properties of the project persons, deleted ones left out', async () => {
  assert.deepEqual(await members(and(pro)), ['alice', 'carol']);
  assert.deepEqual(await members(and({ type: 'person', key: 'email', value: '@acme.com', operator: 'icontains' })), ['alice']);
});

test('performed_event counts events in the window, the merged anonymous events included', async () => {
  assert.deepEqual(await members(and(pageviews(30))), ['alice', 'bob', 'carol']);
  assert.deepEqual(await members(and(pageviews(7))), ['alice', 'bob']);
  assert.deepEqual(await members(and(pageviews(1))), ['alice']);
  assert.deepEqual(await members(and(pageviews(1, { time_interval: 'week' }))), ['alice', 'bob']);
  assert.deepEqual(await members(and(pageviews(7, { event_filters: [{ type: 'event', key: '$browser', value: 'Firefox' }] }))), ['bob']);
});

test('performed_event_multiple compares the count in the window: at least, exactly, at most', async () => {
  assert.deepEqual(await members(and(pageviewCount('gte', 3))), ['alice', 'bob'], 'bob has 1 + 2 merged page views');
  assert.deepEqual(await members(and(pageviewCount('exact', 3))), ['alice', 'bob']);
  assert.deepEqual(await members(and(pageviewCount('exact', 1))), ['carol']);
  assert.deepEqual(await members(and(pageviewCount('lte', 2))), ['carol'], 'people who never did it are not at most 2');
  assert.deepEqual(await members(and(pageviewCount('gt', 3))), []);
});

test('first time, explicit windows and actions', async () => {
  const purchase = { type: 'behavioral', key: 'purchase', event_type: 'events', time_interval: 'day' };
  assert.deepEqual(await members(and({ ...purchase, value: 'performed_event_first_time', time_value: 7 })), ['alice']);
  assert.deepEqual(await members(and({ ...purchase, value: 'performed_event', explicit_datetime: '2024-03-01', explicit_datetime_to: '2024-05-01' })), ['carol']);
  assert.deepEqual(await members(and({ ...purchase, value: 'performed_event', key: 1, event_type: 'actions', time_value: 30 })), ['carol']);
});

test('negation: of a property (missing ones included), of a behaviour, and not_performed_event', async () => {
  assert.deepEqual(await members(and({ ...pro, negation: true })), ['bob', 'dave']);
  assert.deepEqual(await members(and(pageviews(30, { negation: true }))), ['dave']);
  assert.deepEqual(await members(and(pageviews(7, { value: 'not_performed_event' }))), ['carol', 'dave']);
  assert.deepEqual(await members(and(pageviews(7, { value: 'not_performed_event', negation: true }))), ['alice', 'bob']);
});

test('nested AND/OR groups; an empty AND is everyone and an empty OR no one', async () => {
  const nested = or(and(pro, pageviewCount('gte', 3)), and({ ...pro, negation: true }, pageviews(30)));
  assert.deepEqual(await members(nested), ['alice', 'bob']);
  const purchase90 = { type: 'behavioral', value: 'performed_event', key: 'purchase', event_type: 'events', time_value: 90, time_interval: 'day' };
  assert.deepEqual(await members(and(pro, or(pageviews(1), purchase90))), ['alice', 'carol']);
  assert.deepEqual(await members(and()), ['alice', 'bob', 'carol', 'dave']);
  assert.deepEqual(await members(or()), []);
});

test('cohorts in cohorts: dynamic ones inline, static ones read their current version; cycles and unknown ids refused', async () => {
  assert.deepEqual(await members(and({ type: 'cohort', key: 'id', value: 10 }, pageviews(7))), ['alice']);
  assert.deepEqual(await members(and({ type: 'cohort', key: 'id', value: '10', operator: 'not_in' })), ['bob', 'dave']);
  assert.deepEqual(await members(and({ type: 'cohort', key: 'id', value: 10, negation: true })), ['bob', 'dave']);
  assert.deepEqual(await members(or({ type: 'cohort', key: 'id', value: 20 })), ['dave'], 'version 5 only, team 1 only');
  await assert.rejects(members(COHORTS.get(30)!.definition!, 30), (e: unknown) => e instanceof HogQLError && e.code === 'unsupported');
  await assert.rejects(members(and({ type: 'cohort', key: 'id', value: 99 })), (e: unknown) => e instanceof HogQLError && e.code === 'resolution_error');
});

test('hostile keys and values are bound: they match nothing and touch nothing', async () => {
  const hostile = "x') OR 1=1 --\\'; DROP TABLE events";
  assert.deepEqual(await members(and({ type: 'person', key: hostile, value: hostile })), []);
  assert.deepEqual(await members(and(pageviews(30, { key: hostile }))), []);
  assert.deepEqual(await members(and(pageviews(30, { event_filters: [{ type: 'event', key: hostile, value: hostile }] }))), []);
  assert.deepEqual(await members(and(pro)), ['alice', 'carol'], 'the tables are intact');
});

async function eventCount(properties: object[]): Promise<number> {
  const u = await universe;
  const insight = { ...ctx, cohorts: new Map([...COHORTS].map(([id, c]) => [id, { id, version: c.version }])) };
  const where = await insightFilterConditions({ properties: properties as never }, insight);
  const query: HSelectQuery = { node: 'SelectQuery', select: [hCall('count')], select_from: { node: 'JoinExpr', table: hField('events') }, where: where[0] ?? null };
  const { rows } = await u.run(compileInsightStatement(query, insight));
  return Number(rows[0][0]);
}

test('insight cohort filters read the current stored membership of the event person, after merges', async () => {
  // Cohort 10 version 1 is {alice, carol}: 4 + 8 events. Everyone else in team 1: bob's 3 page views.
  assert.equal(await eventCount([{ type: 'cohort', key: 'id', value: 10 }]), 12);
  assert.equal(await eventCount([{ type: 'cohort', key: 'id', value: 10, operator: 'not_in' }]), 3);
  assert.equal(await eventCount([{ type: 'cohort', key: 'id', value: 20 }]), 0, 'dave has no events; bob is only in the old version');
  assert.equal(await eventCount([{ type: 'cohort', key: 'id', value: 30 }]), 0, 'not calculated yet: nobody');
  await assert.rejects(eventCount([{ type: 'cohort', key: 'id', value: 99 }]), (e: unknown) => e instanceof HogQLError && e.code === 'resolution_error');
  await assert.rejects(eventCount([{ type: 'cohort', key: 'id', value: '10 OR 1=1' }]), (e: unknown) => e instanceof HogQLError && e.code === 'unsupported');
});

test('HogQL reads cohort_people behind the project guard only', async () => {
  const u = await universe;
  const compiled = await compileHogQL({ query: 'SELECT cohort_id, version FROM cohort_people ORDER BY cohort_id, version', teamId: UNIVERSE_TEAM, timezone: 'UTC' });
  const { rows } = await u.run(compiled);
  assert.deepEqual(rows.map((r) => [Number(r[0]), Number(r[1])]), [[10, 1], [10, 1], [20, 4], [20, 5]]);
});
