import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import type { ActorsPoint } from '../actors.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import { compileInsightStatement } from '../insight-statement.js';
import { planRetention, retentionActors, type RetentionQuery } from './retention-query.js';

/*
 * The universe (all times UTC; May 1 2024 is a Wednesday, May 5 a Sunday, May 6 a Monday). $pageview unless said.
 *
 *   alice (plan pro, alice@example.com)
 *     May 1 08:15 Firefox · May 1 10:00 Chrome [group acme] · May 2 10:00 Chrome /pricing · May 2 15:00 Safari
 *     May 3 10:00 Chrome [group acme] · May 6 10:00
 *     signed_up May 1 10:05 {plan_choice: free} · signed_up May 2 09:00 {plan_choice: pro}
 *   bob (plan free, bob@example.com)
 *     May 1 09:00 Safari [group acme] · May 3 09:00 Safari /pricing?ref=x [group globex] · May 5 10:00
 *     signed_up May 2 09:15 {plan_choice: pro} · upgraded May 2 09:30
 *   carol (plan pro): Mar 15 10:00 · Apr 20 10:00 (a Saturday) · May 2 11:00 · May 3 11:00
 *   dave (no plan): as anonymous `anon-dave` May 2 08:00 Chrome, then as dave May 3 08:00 Chrome;
 *     anon-dave is merged into dave afterwards, so both events are dave's.
 *   erin (plan free, erin@test.com, a test account): May 1 23:30 Firefox (May 2 01:30 in Berlin) · May 2 12:00
 *     Firefox /home · trial_started May 1 12:00
 *   frank: May 4 23:30 (a Saturday in UTC, Sunday May 5 01:30 in Berlin), after the Day tests' range.
 *   Project 2 (must never count for project 1): mallory owns distinct id `alice` there (May 2, May 3 12:00 Chrome,
 *     signed_up May 2 {plan_choice: pro}); its own `anon-dave` (May 1 12:00) is merged into mallory; zed May 1, May 3.
 *
 * Actions: 7 "Upgraded or trial" = upgraded OR trial_started; 8 "Viewed pricing" = $pageview with /pricing in the URL.
 * Unless a test says otherwise: now = May 3 12:00 UTC, Day periods, 3 intervals, so rows are May 1, 2, 3 and
 *   May 1: alice bob erin · May 2: alice carol dave erin · May 3: alice bob carol dave.
 */

const NOW = new Date('2024-05-03T12:00:00Z');
const ACTIONS = new Map([
  [7, { id: 7, name: 'Upgraded or trial', steps: [{ event: 'upgraded' }, { event: 'trial_started' }] }],
  [8, { id: 8, name: 'Viewed pricing', steps: [{ event: '$pageview', url: '/pricing', url_matching: 'contains' as const }] }],
]);
const ctxFor = (partial: Partial<InsightContext> = {}) => insightContext({ teamId: 1, now: NOW, actions: ACTIONS, ...partial });
const UTC = ctxFor();
const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'mallory', 'zed'];

let u: Universe;

before(async () => {
  u = await openUniverse();
  u.person('alice', { properties: { plan: 'pro', email: 'alice@example.com' } });
  u.person('bob', { properties: { plan: 'free', email: 'bob@example.com' } });
  u.person('carol', { properties: { plan: 'pro' } });
  u.person('dave');
  u.person('erin', { properties: { plan: 'free', email: 'erin@test.com' } });
  u.person('frank');
  const pv = (who: string, at: string, properties: Record<string, unknown> = {}, group?: string) =>
    u.event(who, '$pageview', `2024-${at}Z`, properties, group ? { groups: { 0: group } } : {});
  pv('alice', '05-01T08:15:00', { $browser: 'Firefox' });
  pv('alice', '05-01T10:00:00', { $browser: 'Chrome' }, 'acme');
  pv('alice', '05-02T10:00:00', { $browser: 'Chrome', $current_url: 'https://example.com/pricing' });
  pv('alice', '05-02T15:00:00', { $browser: 'Safari' });
  pv('alice', '05-03T10:00:00', { $browser: 'Chrome' }, 'acme');
  pv('alice', '05-06T10:00:00');
  u.event('alice', 'signed_up', '2024-05-01T10:05:00Z', { plan_choice: 'free' });
  u.event('alice', 'signed_up', '2024-05-02T09:00:00Z', { plan_choice: 'pro' });
  pv('bob', '05-01T09:00:00', { $browser: 'Safari' }, 'acme');
  pv('bob', '05-03T09:00:00', { $browser: 'Safari', $current_url: 'https://example.com/pricing?ref=x' }, 'globex');
  pv('bob', '05-05T10:00:00');
  u.event('bob', 'signed_up', '2024-05-02T09:15:00Z', { plan_choice: 'pro' });
  u.event('bob', 'upgraded', '2024-05-02T09:30:00Z');
  for (const at of ['03-15T10:00:00', '04-20T10:00:00', '05-02T11:00:00', '05-03T11:00:00']) pv('carol', at);
  pv('anon-dave', '05-02T08:00:00', { $browser: 'Chrome' });
  pv('dave', '05-03T08:00:00', { $browser: 'Chrome' });
  u.merge('anon-dave', 'dave');
  pv('erin', '05-01T23:30:00', { $browser: 'Firefox' });
  pv('erin', '05-02T12:00:00', { $browser: 'Firefox', $current_url: 'https://example.com/home' });
  u.event('erin', 'trial_started', '2024-05-01T12:00:00Z');
  pv('frank', '05-04T23:30:00');

  const team2 = { team: OTHER_TEAM };
  u.person('mallory', { distinctIds: ['alice'], team: OTHER_TEAM });
  u.person('zed', { team: OTHER_TEAM });
  for (const at of ['05-02T12:00:00', '05-03T12:00:00']) u.event('alice', '$pageview', `2024-${at}Z`, { $browser: 'Chrome' }, team2);
  u.event('alice', 'signed_up', '2024-05-02T12:00:00Z', { plan_choice: 'pro' }, team2);
  u.event('anon-dave', '$pageview', '2024-05-01T12:00:00Z', {}, team2);
  u.merge('anon-dave', 'mallory', OTHER_TEAM);
  for (const at of ['05-01T12:00:00', '05-03T12:00:00']) u.event('zed', '$pageview', `2024-${at}Z`, {}, team2);
  await u.flush();
});

async function retention(filter: Record<string, unknown> = {}, extra: Partial<RetentionQuery> = {}, ctx = UTC) {
  const query: RetentionQuery = { kind: 'RetentionQuery', retentionFilter: { totalIntervals: 3, ...filter }, ...extra };
  return u.runPlan(await planRetention(query, ctx));
}

async function matrix(filter: Record<string, unknown> = {}, extra: Partial<RetentionQuery> = {}, ctx = UTC) {
  return (await retention(filter, extra, ctx)).map((row) => row.values.map((v) => v.count));
}

async function actors(point: ActorsPoint, filter: Record<string, unknown> = {}, extra: Partial<RetentionQuery> = {}, ctx = UTC) {
  const query: RetentionQuery = { kind: 'RetentionQuery', retentionFilter: { totalIntervals: 3, ...filter }, ...extra };
  const result = await u.run(compileInsightStatement(await retentionActors(query, point, ctx), ctx));
  assert.deepEqual(result.columns.map((c) => c.name), ['actor_id']);
  const byId = new Map(NAMES.map((name) => [u.personId(name), name]));
  return result.rows.map((row) => byId.get(String(row[0])) ?? String(row[0])).sort();
}

test('test vector 7: Day with 3 intervals gives rows of 3, 2 and 1 values, values[0] the cohort size', async () => {
  const rows = await retention();
  assert.deepEqual(rows, [
    { label: 'Day 0', date: '2024-05-01T00:00:00Z', values: [{ count: 3, label: 'Day 0' }, { count: 2, label: 'Day 1' }, { count: 2, label: 'Day 2' }] },
    { label: 'Day 1', date: '2024-05-02T00:00:00Z', values: [{ count: 4, label: 'Day 0' }, { count: 3, label: 'Day 1' }] },
    { label: 'Day 2', date: '2024-05-03T00:00:00Z', values: [{ count: 4, label: 'Day 0' }] },
  ]);
});

test('resolved_date_range spans the cohort periods', async () => {
  const plan = await planRetention({ kind: 'RetentionQuery', retentionFilter: { totalIntervals: 3 } }, UTC);
  assert.deepEqual(plan.extra, { resolved_date_range: { date_from: '2024-05-01T00:00:00.000Z', date_to: '2024-05-03T23:59:59.999Z' } });
});

test('recurring counts everyone active in a period; first-time only people whose first-ever event is in it', async () => {
  // Recurring: row 0 {alice bob erin} -> May 2 {alice erin}, May 3 {alice bob}; row 1 {alice carol dave erin} ->
  // May 3 {alice carol dave}. Dave is one person: without the merge row 1 would be [4, 2].
  assert.deepEqual(await matrix({ retentionType: 'retention_recurring' }), [[3, 2, 2], [4, 3], [4]]);
  // First-time: carol's first pageview (March 15) is before the range, so she is in no row; dave's first is May 2.
  assert.deepEqual(await matrix({ retentionType: 'retention_first_time' }), [[3, 2, 2], [1, 1], [0]]);
  assert.deepEqual(await matrix({ retentionType: 'retention_first_ever_occurrence' }), [[3, 2, 2], [1, 1], [0]]);
});

test('first-time cohorts by the first event matching the entity filters; first-ever needs the very first to match', async () => {
  const filter = {
    targetEntity: { id: 'signed_up', type: 'events', properties: [{ key: 'plan_choice', value: 'pro', operator: 'exact', type: 'event' }] },
    returningEntity: { id: '$pageview', type: 'events' },
  };
  // alice signed up as free on May 1 and as pro on May 2; bob as pro on May 2. Both view pages on May 3.
  assert.deepEqual(await matrix({ ...filter, retentionType: 'retention_first_time' }), [[0, 0, 0], [2, 2], [0]]);
  // alice's first-ever signed_up (free) does not match, so only bob has a cohort.
  assert.deepEqual(await matrix({ ...filter, retentionType: 'retention_first_ever_occurrence' }), [[0, 0, 0], [1, 1], [0]]);
});

test('periods are days in the project timezone: in Berlin an event at 23:30Z counts for the next day', async () => {
  const berlin = ctxFor({ timezone: 'Europe/Berlin' });
  // Berlin days: May 1 {alice bob} · May 2 {alice carol dave erin} (erin's 23:30Z is 01:30 on May 2) · May 3 {alice bob carol dave}
  const rows = await retention({}, {}, berlin);
  assert.deepEqual(rows.map((r) => r.values.map((v) => v.count)), [[2, 1, 2], [4, 3], [4]]);
  assert.deepEqual(rows.map((r) => r.date), ['2024-05-01T00:00:00+02:00', '2024-05-02T00:00:00+02:00', '2024-05-03T00:00:00+02:00']);
  // First-time in Berlin: erin's first day is May 2 (with dave); only dave comes back on May 3.
  assert.deepEqual(await matrix({ retentionType: 'retention_first_time' }, {}, berlin), [[2, 1, 2], [2, 1], [0]]);
});

test('Week periods start on Sunday, or on Monday when the project says so, in the project timezone', async () => {
  const weeks = { period: 'Week' };
  const dateRange = { date_to: '2024-05-08' };
  // Sunday weeks Apr 21 · Apr 28 {alice bob carol dave erin frank} · May 5 {alice (May 6), bob (Sunday May 5)}
  const sunday = await retention(weeks, { dateRange });
  assert.deepEqual(sunday.map((r) => r.values.map((v) => v.count)), [[0, 0, 0], [6, 2], [2]]);
  assert.deepEqual(sunday.map((r) => [r.label, r.date]), [['Week 0', '2024-04-21T00:00:00Z'], ['Week 1', '2024-04-28T00:00:00Z'], ['Week 2', '2024-05-05T00:00:00Z']]);
  // Monday weeks Apr 22 · Apr 29 (bob's Sunday now falls here) · May 6 {alice}
  assert.deepEqual(await matrix(weeks, { dateRange }, ctxFor({ weekStartDay: 1 })), [[0, 0, 0], [6, 1], [1]]);
  // In Berlin frank's Saturday 23:30Z is Sunday May 5, the last week: [5, 2] {alice bob} and [3] {alice bob frank}.
  assert.deepEqual(await matrix(weeks, { dateRange }, ctxFor({ timezone: 'Europe/Berlin' })), [[0, 0, 0], [5, 2], [3]]);
  // First-time by week: carol's first week (Apr 14) is before the range.
  assert.deepEqual(await matrix({ ...weeks, retentionType: 'retention_first_time' }, { dateRange }), [[0, 0, 0], [5, 2], [0]]);
});

test('Month periods are calendar months', async () => {
  const dateRange = { date_to: '2024-05-08' };
  // April {carol} -> May {carol}; May {alice bob carol dave erin frank}
  assert.deepEqual(await matrix({ period: 'Month', totalIntervals: 2 }, { dateRange }), [[1, 1], [6]]);
  // carol's first month is March: first-time April is empty.
  assert.deepEqual(await matrix({ period: 'Month', totalIntervals: 2, retentionType: 'retention_first_time' }, { dateRange }), [[0, 0], [5]]);
});

test('Hour periods end with the hour holding date_to', async () => {
  // 08:00 {alice 08:15} · 09:00 {bob} · 10:00 {alice}
  const rows = await retention({ period: 'Hour' }, { dateRange: { date_to: '2024-05-01T10:30:00' } });
  assert.deepEqual(rows.map((r) => r.values.map((v) => v.count)), [[1, 0, 1], [1, 0], [1]]);
  assert.deepEqual(rows.map((r) => [r.label, r.date]), [['Hour 0', '2024-05-01T08:00:00Z'], ['Hour 1', '2024-05-01T09:00:00Z'], ['Hour 2', '2024-05-01T10:00:00Z']]);
  assert.deepEqual(rows[0].values.map((v) => v.label), ['Hour 0', 'Hour 1', 'Hour 2']);
});

test('cumulative counts people who came back in that period or any later one', async () => {
  // Row 0: alice last returns on day 2, bob on day 2, erin on day 1 -> [3, 3, 2]; row 1 unchanged.
  assert.deepEqual(await matrix({ cumulative: true }), [[3, 3, 2], [4, 3], [4]]);
});

test('minimumOccurrences: a return needs that many returning events in the period; the cohort does not', async () => {
  // Only alice has two pageviews in one returning period (May 2).
  assert.deepEqual(await matrix({ minimumOccurrences: 2 }), [[3, 1, 0], [4, 0], [4]]);
});

test('a person-property breakdown gives every value all its rows, largest cohorts first', async () => {
  const rows = await retention({}, { breakdownFilter: { breakdown: 'plan', breakdown_type: 'person' } });
  const byValue = (value: string) => rows.filter((r) => r.breakdown_value === value).map((r) => r.values.map((v) => v.count));
  assert.deepEqual([...new Set(rows.map((r) => r.breakdown_value))], ['pro', 'free', '$$_posthog_breakdown_null_$$']);
  assert.deepEqual(byValue('pro'), [[1, 1, 1], [2, 2], [2]]); // alice; alice carol; alice carol
  assert.deepEqual(byValue('free'), [[2, 1, 1], [1, 0], [1]]); // bob erin; erin; bob
  assert.deepEqual(byValue('$$_posthog_breakdown_null_$$'), [[0, 0, 0], [1, 1], [1]]); // dave
  const limited = await retention({}, { breakdownFilter: { breakdown: 'plan', breakdown_type: 'person', breakdown_limit: 2 } });
  assert.deepEqual(limited.map((r) => r.breakdown_value), ['pro', 'pro', 'pro', 'free', 'free', 'free', ...Array(3).fill('$$_posthog_breakdown_other_$$')]);
});

test('an event-property breakdown takes the value of the event that put the person in the cohort', async () => {
  // Row 0 (first pageview of May 1): alice Firefox (08:15), bob Safari, erin Firefox. Row 1: alice Chrome, carol
  // none, dave Chrome, erin Firefox. Row 2: alice Chrome, bob Safari, carol none, dave Chrome. Returns count
  // whatever their own browser: alice's Chrome visit on May 3 is a return for her Firefox row.
  const rows = await retention({}, { breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' } });
  const values = [...new Set(rows.map((r) => r.breakdown_value))];
  assert.deepEqual(values, ['Chrome', 'Firefox', '$$_posthog_breakdown_null_$$', 'Safari']);
  const counts = values.map((value) => rows.filter((r) => r.breakdown_value === value).map((r) => r.values.map((v) => v.count)));
  assert.deepEqual(counts, [
    [[0, 0, 0], [2, 2], [2]],
    [[2, 2, 1], [1, 0], [0]],
    [[0, 0, 0], [1, 1], [1]],
    [[1, 0, 1], [0, 0], [1]],
  ]);
});

test('actions work as target and returning entities', async () => {
  // Target "Upgraded or trial": erin (trial, May 1), bob (upgraded, May 2). Returning "Viewed pricing": bob on May 3;
  // erin's May 2 pageview is /home and does not count.
  const filter = { targetEntity: { id: 7, type: 'actions' }, returningEntity: { id: '8', type: 'actions' } };
  assert.deepEqual(await matrix(filter), [[1, 0, 0], [1, 1], [0]]);
});

test('top-level properties and test-account filters apply to every event', async () => {
  // Only Chrome pageviews: May 1 {alice} · May 2 {alice dave} · May 3 {alice dave}
  assert.deepEqual(await matrix({}, { properties: [{ key: '$browser', value: 'Chrome', operator: 'exact', type: 'event' }] }), [[1, 1, 1], [2, 2], [2]]);
  const testAccounts = ctxFor({ testAccountFilters: [{ key: 'email', type: 'person', operator: 'not_icontains', value: '@test.com' }] });
  // Without erin: May 1 {alice bob} · May 2 {alice carol dave} · May 3 {alice bob carol dave}
  assert.deepEqual(await matrix({}, { filterTestAccounts: true }, testAccounts), [[2, 1, 2], [3, 3], [4]]);
  assert.deepEqual(await matrix({}, { filterTestAccounts: false }, testAccounts), [[3, 2, 2], [4, 3], [4]]);
});

test('aggregation_group_type_index counts groups instead of persons', async () => {
  // Group 0 on events: May 1 {acme} · May 2 none · May 3 {acme globex}
  assert.deepEqual(await matrix({}, { aggregation_group_type_index: 0 }), [[1, 0, 1], [0, 0], [2]]);
  assert.deepEqual(await actors({ interval: 2 }, {}, { aggregation_group_type_index: 0 }), ['acme', 'globex']);
});

test('another project is computed from its own events and merges only', async () => {
  // Project 2: May 1 {mallory (via its anon-dave), zed} · May 2 {mallory} · May 3 {mallory zed}
  const other = ctxFor({ teamId: OTHER_TEAM, actions: new Map() });
  assert.deepEqual(await matrix({}, {}, other), [[2, 1, 2], [1, 1], [2]]);
  assert.deepEqual(await actors({ interval: 0 }, {}, {}, other), ['mallory', 'zed']);
});

test('actors of a cell: the cohort, or those who came back in a period of the row', async () => {
  assert.deepEqual(await actors({ interval: 0 }), ['alice', 'bob', 'erin']);
  assert.deepEqual(await actors({ interval: 0, period: 0 }), ['alice', 'bob', 'erin']);
  assert.deepEqual(await actors({ interval: 0, period: 1 }), ['alice', 'erin']);
  assert.deepEqual(await actors({ interval: 0, period: 2 }), ['alice', 'bob']);
  assert.deepEqual(await actors({ interval: 1, period: 1 }), ['alice', 'carol', 'dave']);
  assert.deepEqual(await actors({ interval: 0, period: 2 }, { cumulative: true }), ['alice', 'bob']);
  assert.deepEqual(await actors({ interval: 0, period: 1 }, { cumulative: true }), ['alice', 'bob', 'erin']);
  assert.deepEqual(await actors({ interval: 1 }, { retentionType: 'retention_first_time' }), ['dave']);
});

test('actors of a breakdown cell, including the merged other values', async () => {
  const breakdownFilter = { breakdown: 'plan', breakdown_type: 'person' as const };
  assert.deepEqual(await actors({ interval: 0, breakdown: 'free' }, {}, { breakdownFilter }), ['bob', 'erin']);
  assert.deepEqual(await actors({ interval: 0, period: 1, breakdown: ['free'] }, {}, { breakdownFilter }), ['erin']);
  const limited = { breakdownFilter: { ...breakdownFilter, breakdown_limit: 2 } };
  assert.deepEqual(await actors({ interval: 1, breakdown: '$$_posthog_breakdown_other_$$' }, {}, limited), ['dave']);
});

test('an actors point outside the triangle is refused', async () => {
  const query: RetentionQuery = { kind: 'RetentionQuery', retentionFilter: { totalIntervals: 3 } };
  for (const point of [{}, { interval: 3 }, { interval: -1 }, { interval: 1, period: 2 }, { interval: 0.5 }]) {
    await assert.rejects(retentionActors(query, point, UTC), HogQLError);
  }
});
