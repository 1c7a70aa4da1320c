import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { OTHER_TEAM, openUniverse, type Universe } from '../../test-support/insight-universe.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import { compileInsightStatement } from '../insight-statement.js';
import { lifecycleActors, planLifecycle, type LifecycleQuery } from './lifecycle-query.js';

/*
 * The universe. Each scenario uses its own event name so the scenarios cannot disturb each other.
 * Everyone was created 2024-01-01 unless said otherwise. Times are UTC.
 *
 * `$pageview`, queried 2024-05-01 … 2024-05-07 by day (UTC); the look-back bucket is Apr 30.
 *   nina  created May 2 10:00   pageviews May 2 10:05, May 3 11:00 (and a `signup` May 6, another event)
 *   rita                        pageviews Apr 30 12:00 (the look-back bucket), May 1 12:00, May 2 12:00
 *   sam   (plan: pro)           pageviews Apr 20 (outside the window), May 3 08:00, May 5 08:00
 *   dora                        pageview Apr 30 18:00 only
 *   olga                        pageviews Apr 25 and Apr 29 only (before the look-back bucket)
 *   max   created May 4 08:00   anonymous `anon-m` pageview May 4 09:00 (stored with its own anonymous person,
 *                               created then), later aliased to max; max's own pageviews May 4 20:00, May 5 10:00
 *   ghost                       pageview May 2 with $process_person_profile = false
 *   team 2: a person with distinct id `nina` and pageviews May 1 and May 6 — never counted
 *
 * `tz_ping`, queried May 1 … May 3 by day, in America/New_York and in UTC:
 *   tara                        May 2 03:00Z (= May 1 23:00 New York), May 2 05:00Z (= May 2 01:00 New York)
 *   tomas created May 2 02:00Z  May 2 03:30Z (created and active May 1 in New York, May 2 in UTC)
 *
 * `dst_ping`, queried Mar 9 … Mar 11 by day in America/New_York (clocks go forward on Mar 10, a 23-hour day):
 *   dale                        noon UTC on Mar 9, Mar 10 and Mar 11
 *
 * `grp_ping`, queried May 1 … May 7 by day, counting groups of type 0:
 *   group acme (created Jan 1): nina and rita each send one May 2 12:00
 *   group beta (no groups row): rita sends one May 3 12:00
 *   rita sends one May 4 without a group (not counted)
 *
 * `wk_ping`, queried 2024-05-06 (a Monday) … 2024-05-26 by week:
 *   wendy                       Sunday May 5 and Monday May 6
 *   wes   created Tue May 14    Sunday May 19
 *   walt  created Wed May 15    Monday May 20
 */
let u: Universe;
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-20T12:00:00Z') });

before(async () => {
  u = await openUniverse();
  u.person('nina', { createdAt: '2024-05-02T10:00:00Z' });
  u.event('nina', '$pageview', '2024-05-02T10:05:00Z');
  u.event('nina', '$pageview', '2024-05-03T11:00:00Z');
  u.event('nina', 'signup', '2024-05-06T10:00:00Z');
  u.person('rita');
  for (const at of ['2024-04-30T12:00:00Z', '2024-05-01T12:00:00Z', '2024-05-02T12:00:00Z']) u.event('rita', '$pageview', at);
  u.person('sam', { properties: { plan: 'pro' } });
  for (const at of ['2024-04-20T08:00:00Z', '2024-05-03T08:00:00Z', '2024-05-05T08:00:00Z']) u.event('sam', '$pageview', at);
  u.person('dora');
  u.event('dora', '$pageview', '2024-04-30T18:00:00Z');
  u.person('olga');
  u.event('olga', '$pageview', '2024-04-25T08:00:00Z');
  u.event('olga', '$pageview', '2024-04-29T08:00:00Z');
  u.event('anon-m', '$pageview', '2024-05-04T09:00:00Z');
  u.person('max', { createdAt: '2024-05-04T08:00:00Z' });
  u.event('max', '$pageview', '2024-05-04T20:00:00Z');
  u.event('max', '$pageview', '2024-05-05T10:00:00Z');
  u.merge('anon-m', 'max');
  u.person('ghost');
  u.event('ghost', '$pageview', '2024-05-02T10:00:00Z', { $process_person_profile: false });
  u.person('nina-elsewhere', { distinctIds: ['nina'], team: OTHER_TEAM });
  u.event('nina', '$pageview', '2024-05-01T10:00:00Z', {}, { team: OTHER_TEAM });
  u.event('nina', '$pageview', '2024-05-06T10:00:00Z', {}, { team: OTHER_TEAM });

  u.person('tara');
  u.event('tara', 'tz_ping', '2024-05-02T03:00:00Z');
  u.event('tara', 'tz_ping', '2024-05-02T05:00:00Z');
  u.person('tomas', { createdAt: '2024-05-02T02:00:00Z' });
  u.event('tomas', 'tz_ping', '2024-05-02T03:30:00Z');

  u.person('dale');
  for (const day of ['09', '10', '11']) u.event('dale', 'dst_ping', `2024-03-${day}T12:00:00Z`);

  u.group(0, 'acme', { name: 'Acme' });
  u.event('nina', 'grp_ping', '2024-05-02T12:00:00Z', {}, { groups: { 0: 'acme' } });
  u.event('rita', 'grp_ping', '2024-05-02T12:00:00Z', {}, { groups: { 0: 'acme' } });
  u.event('rita', 'grp_ping', '2024-05-03T12:00:00Z', {}, { groups: { 0: 'beta' } });
  u.event('rita', 'grp_ping', '2024-05-04T12:00:00Z');

  u.person('wendy');
  u.event('wendy', 'wk_ping', '2024-05-05T12:00:00Z');
  u.event('wendy', 'wk_ping', '2024-05-06T12:00:00Z');
  u.person('wes', { createdAt: '2024-05-14T12:00:00Z' });
  u.event('wes', 'wk_ping', '2024-05-19T12:00:00Z');
  u.person('walt', { createdAt: '2024-05-15T12:00:00Z' });
  u.event('walt', 'wk_ping', '2024-05-20T12:00:00Z');
  await u.flush();
});

function lifecycle(event: string, extra: Partial<LifecycleQuery> = {}): LifecycleQuery {
  return { kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event }], ...extra };
}

const MAY_1_TO_7 = { date_from: '2024-05-01', date_to: '2024-05-07' };

async function byStatus(query: LifecycleQuery, context: InsightContext = ctx) {
  const results = await u.runPlan(await planLifecycle(query, context));
  return Object.fromEntries(results.map((r) => [r.status, r.data]));
}

async function actors(query: LifecycleQuery, point: { day?: string; status?: string }): Promise<string[]> {
  const rows = await u.run(compileInsightStatement(await lifecycleActors(query, point, ctx), ctx));
  return rows.rows.map((r) => String(r[0])).sort();
}

test('four results in the order new, returning, resurrecting, dormant, with dormant counted negative (test vector 8)', async () => {
  const plan = await planLifecycle(lifecycle('$pageview', { dateRange: MAY_1_TO_7 }), ctx);
  const results = await u.runPlan(plan);
  assert.deepEqual(results.map((r) => r.status), ['new', 'returning', 'resurrecting', 'dormant']);
  assert.deepEqual(results.map((r) => r.label), ['$pageview - new', '$pageview - returning', '$pageview - resurrecting', '$pageview - dormant']);
  assert.ok(results[3].data.every((v) => v <= 0));
  assert.deepEqual(results[0].days, ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05', '2024-05-06', '2024-05-07']);
  assert.deepEqual(results[0].labels.slice(0, 2), ['1-May-2024', '2-May-2024']);
  assert.deepEqual(results[0].action, {
    id: '$pageview', type: 'events', order: 0, name: '$pageview', custom_name: null, math: 'total',
    math_property: null, math_hogql: null, math_group_type_index: null, properties: {},
  });
  assert.deepEqual(plan.extra?.resolved_date_range, { date_from: '2024-05-01T00:00:00.000Z', date_to: '2024-05-07T23:59:59.999Z' });
});

test('every person gets the status the runner gives them, bucket by bucket', async () => {
  // May:          1   2   3   4   5   6   7
  // new:          nina (May 2, her creation day), max (May 4: anon-m and max are one person, created that day)
  // returning:    rita May 1 (active Apr 30) and May 2; nina May 3; max May 5
  // resurrecting: sam May 3 (created long before, nothing the day before) and May 5
  // dormant:      dora May 1 (active Apr 30 only); rita May 3; nina May 4; sam May 4 and May 6; max May 6
  // olga (active only before the look-back day), ghost (no person profile), signup and team 2 count nowhere.
  const results = await u.runPlan(await planLifecycle(lifecycle('$pageview', { dateRange: MAY_1_TO_7 }), ctx));
  assert.deepEqual(Object.fromEntries(results.map((r) => [r.status, r.data])), {
    new: [0, 1, 0, 1, 0, 0, 0],
    returning: [1, 1, 1, 0, 1, 0, 0],
    resurrecting: [0, 0, 1, 0, 1, 0, 0],
    dormant: [-1, 0, -1, -2, 0, -2, 0],
  });
  assert.deepEqual(results.map((r) => r.count), [2, 4, 2, -6]);
});

test('toggledLifecycles only hides lines in the chart: all four results are still returned', async () => {
  const results = await byStatus(lifecycle('$pageview', { dateRange: MAY_1_TO_7, lifecycleFilter: { toggledLifecycles: ['new'] } }));
  assert.deepEqual(Object.keys(results), ['new', 'returning', 'resurrecting', 'dormant']);
  assert.deepEqual(results.dormant, [-1, 0, -1, -2, 0, -2, 0]);
});

test('day boundaries follow the project timezone (America/New_York against UTC)', async () => {
  const range = { dateRange: { date_from: '2024-05-01', date_to: '2024-05-03' } };
  const newYork = insightContext({ teamId: 1, now: ctx.now, timezone: 'America/New_York' });
  // New York: tara active May 1 (resurrecting) and May 2 (returning), dormant May 3; tomas new May 1, dormant May 2.
  assert.deepEqual(await byStatus(lifecycle('tz_ping', range), newYork), {
    new: [1, 0, 0], returning: [0, 1, 0], resurrecting: [1, 0, 0], dormant: [0, -1, -1],
  });
  // UTC: both are active on May 2 only; tomas was created that day.
  assert.deepEqual(await byStatus(lifecycle('tz_ping', range)), {
    new: [0, 1, 0], returning: [0, 0, 0], resurrecting: [0, 1, 0], dormant: [0, 0, -2],
  });
});

test('a 23-hour DST day is still one bucket: consecutive days stay returning', async () => {
  const newYork = insightContext({ teamId: 1, now: ctx.now, timezone: 'America/New_York' });
  const results = await byStatus(lifecycle('dst_ping', { dateRange: { date_from: '2024-03-09', date_to: '2024-03-11' } }), newYork);
  assert.deepEqual(results, { new: [0, 0, 0], returning: [0, 1, 1], resurrecting: [1, 0, 0], dormant: [0, 0, 0] });
});

test('aggregation_group_type_index counts groups, created when their groups row says', async () => {
  // acme: created Jan 1, first active May 2 = resurrecting (once, though two persons sent), dormant May 3.
  // beta: no groups row, active May 3 = resurrecting, dormant May 4. The event without a group counts nowhere.
  const query = lifecycle('grp_ping', { dateRange: MAY_1_TO_7, aggregation_group_type_index: 0 });
  assert.deepEqual(await byStatus(query), {
    new: [0, 0, 0, 0, 0, 0, 0],
    returning: [0, 0, 0, 0, 0, 0, 0],
    resurrecting: [0, 1, 1, 0, 0, 0, 0],
    dormant: [0, 0, -1, -1, 0, 0, 0],
  });
  assert.deepEqual(await actors(query, { day: '2024-05-03' }), ['acme', 'beta']);
});

test('weeks start on the project week day (Monday here, Sunday by default)', async () => {
  const range = { interval: 'week' as const, dateRange: { date_from: '2024-05-06', date_to: '2024-05-26' } };
  const monday = insightContext({ teamId: 1, now: ctx.now, weekStartDay: 1 });
  // Weeks of May 6, 13, 20 (look-back: Apr 29). wendy: Sunday May 5 is the look-back week, so May 6 is returning,
  // dormant the week of May 13. wes: created and active the week of May 13 = new, dormant May 20. walt: created the
  // week of May 13 but first active the week of May 20 = resurrecting (only the creation period can be new).
  const results = await u.runPlan(await planLifecycle(lifecycle('wk_ping', range), monday));
  assert.deepEqual(results[0].days, ['2024-05-06', '2024-05-13', '2024-05-20']);
  assert.deepEqual(Object.fromEntries(results.map((r) => [r.status, r.data])), {
    new: [0, 1, 0], returning: [1, 0, 0], resurrecting: [0, 0, 1], dormant: [0, -1, -1],
  });
  // Sunday weeks of May 5, 12, 19, 26: wendy's two days are one week (resurrecting May 5, dormant May 12); wes was
  // created in the week of May 12 but is first active on Sunday May 19, the next week, so, like walt, he is
  // resurrecting that week; both are dormant May 26.
  const sunday = await byStatus(lifecycle('wk_ping', range));
  assert.deepEqual(sunday, {
    new: [0, 0, 0, 0], returning: [0, 0, 0, 0], resurrecting: [1, 0, 2, 0], dormant: [0, -1, 0, -2],
  });
});

test('hour intervals print days with the time and labels with hours and minutes', async () => {
  // nina was created at 10:00 and was active at 10:05: new in the 10:00 bucket, dormant at 11:00.
  const results = await u.runPlan(
    await planLifecycle(lifecycle('$pageview', { interval: 'hour', dateRange: { date_from: '2024-05-02 09:00', date_to: '2024-05-02 11:00' } }), ctx),
  );
  assert.deepEqual(results[0].days, ['2024-05-02 09:00:00', '2024-05-02 10:00:00', '2024-05-02 11:00:00']);
  assert.deepEqual(results[0].labels, ['2-May 09:00', '2-May 10:00', '2-May 11:00']);
  // rita (12:00) and ghost (no profile) fall outside or are excluded; only nina moves.
  assert.deepEqual(Object.fromEntries(results.map((r) => [r.status, r.data])), {
    new: [0, 1, 0], returning: [0, 0, 0], resurrecting: [0, 0, 0], dormant: [0, 0, -1],
  });
});

test('actors behind a point are the persons with that status in that bucket, after merges', async () => {
  const query = lifecycle('$pageview', { dateRange: MAY_1_TO_7 });
  assert.deepEqual(await actors(query, { day: '2024-05-04', status: 'dormant' }), [u.personId('nina'), u.personId('sam')].sort());
  assert.deepEqual(await actors(query, { day: '2024-05-04', status: 'new' }), [u.personId('max')]);
  assert.deepEqual(await actors(query, { day: '2024-05-01', status: 'returning' }), [u.personId('rita')]);
  assert.deepEqual(await actors(query, { day: '2024-05-01' }), [u.personId('dora'), u.personId('rita')].sort());
  await assert.rejects(() => lifecycleActors(query, { day: '2024-06-01', status: 'new' }, ctx), /not a bucket/);
  await assert.rejects(() => lifecycleActors(query, { day: '2024-05-01', status: 'zombie' }, ctx), /status must be one of/);
});

test('an action series and a property filter narrow the events; the label uses the action name', async () => {
  const actions = new Map([[7, { id: 7, name: 'Viewed', steps: [{ event: '$pageview' }] }]]);
  const withAction = insightContext({ teamId: 1, now: ctx.now, actions });
  const query: LifecycleQuery = {
    kind: 'LifecycleQuery',
    series: [{ kind: 'ActionsNode', id: 7 }],
    dateRange: MAY_1_TO_7,
    properties: [{ key: 'plan', value: ['pro'], operator: 'exact', type: 'person' }],
  };
  const results = await u.runPlan(await planLifecycle(query, withAction));
  assert.equal(results[0].label, 'Viewed - new');
  assert.equal(results[0].action.id, '7');
  assert.deepEqual(results.map((r) => r.data), [
    [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 1, 0, 0], [0, 0, 0, -1, 0, -1, 0],
  ]);
});

test('hostile event names and property keys stay values', async () => {
  const hostile = "x' OR 1=1) UNION ALL SELECT 1 --";
  const query: LifecycleQuery = {
    kind: 'LifecycleQuery',
    series: [{ kind: 'EventsNode', event: hostile, properties: [{ key: "k'] OR 1=1 --", value: hostile, operator: 'exact' }] }],
    dateRange: MAY_1_TO_7,
    properties: [{ key: "$browser') OR ('1'='1", value: ['a\\', "b'"], operator: 'is_not' }],
  };
  const plan = await planLifecycle(query, ctx);
  assert.ok(!plan.statements[0].sql.includes('OR 1=1'));
  const results = await u.runPlan(plan);
  assert.deepEqual(results.map((r) => r.count), [0, 0, 0, 0]);
});

test('a query that is not a valid LifecycleQuery is refused with a clear message', async () => {
  await assert.rejects(() => planLifecycle({ kind: 'LifecycleQuery', series: [] }, ctx), /exactly one series/);
  await assert.rejects(() => planLifecycle(lifecycle('$pageview', { interval: 'fortnight' as never }), ctx), /interval must be one of/);
  await assert.rejects(() => planLifecycle(lifecycle('$pageview', { dateRange: { date_from: 7 as never } }), ctx), /date_from must be a string/);
  await assert.rejects(() => planLifecycle(lifecycle('$pageview', { lifecycleFilter: { toggledLifecycles: ['zombie' as never] } }), ctx), /toggledLifecycles/);
  await assert.rejects(() => planLifecycle(lifecycle('$pageview', { aggregation_group_type_index: 9 }), ctx), /aggregation_group_type_index/);
});
