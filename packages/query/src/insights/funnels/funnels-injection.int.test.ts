import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { assertGuardedAndClean, EVIL, EVIL_KEY, EVIL_VALUE } from '../../test-support/hostile-input.js';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import type { ActorsPoint } from '../actors.js';
import { insightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightStatement } from '../insight-statement.js';
import type { FunnelStepResult } from './funnel-shape.js';
import { funnelsActors, planFunnels } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * Hostile strings in every field a funnel takes from its user: step and exclusion event names, property keys and
 * values, breakdown properties, held properties, HogQL aggregation and breakdowns, and actor points. They must reach
 * ClickHouse only as bound values: matched literally, never executed, never reaching another project.
 *
 * Universe (UTC, now May 3 12:00): alice does EVIL (below) at 10:00 then $pageview at 10:05 on May 2, each with
 * property EVIL_KEY = 'v' and $browser = EVIL_VALUE. Project 2: mallory does the same, plus a second $pageview.
 */

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-03T12:00:00Z') });

let u: Universe;

before(async () => {
  u = await openUniverse();
  u.person('alice');
  u.event('alice', EVIL, '2024-05-02T10:00:00Z', { [EVIL_KEY]: 'v', $browser: EVIL_VALUE });
  u.event('alice', '$pageview', '2024-05-02T10:05:00Z', { [EVIL_KEY]: 'v', $browser: EVIL_VALUE });
  u.person('mallory', { team: OTHER_TEAM });
  for (const [event, at] of [[EVIL, '10:00'], ['$pageview', '10:05'], ['$pageview', '10:06']]) {
    u.event('mallory', event, `2024-05-02T${at}:00Z`, { [EVIL_KEY]: 'v' }, { team: OTHER_TEAM });
  }
  await u.flush();
});

const assertSafe = (statement: InsightStatement) => assertGuardedAndClean(statement.sql);

function funnel(extra: Partial<FunnelsQuery> = {}, filter: Record<string, unknown> = {}): FunnelsQuery {
  return {
    kind: 'FunnelsQuery',
    series: [{ kind: 'EventsNode', event: EVIL }, { kind: 'EventsNode', event: '$pageview' }],
    dateRange: { date_from: '-7d' },
    ...extra,
    funnelsFilter: filter,
  };
}

async function run(query: FunnelsQuery): Promise<unknown> {
  const plan = await planFunnels(query, ctx);
  plan.statements.forEach(assertSafe);
  return u.runPlan(plan);
}

const counts = (result: unknown) => (result as FunnelStepResult[]).map((s) => s.count);

test('a hostile event name is matched literally, in steps and in exclusions, in every order', async () => {
  for (const funnelOrderType of ['ordered', 'strict', 'unordered']) assert.deepEqual(counts(await run(funnel({}, { funnelOrderType }))), [1, 1]);
  const excluded = funnel({ series: [{ kind: 'EventsNode', event: '$pageview' }, { kind: 'EventsNode', event: 'nothing' }] }, { exclusions: [{ kind: 'EventsNode', event: EVIL }] });
  assert.deepEqual(counts(await run(excluded)), [1, 0]);
  const events = await u.store.query('SELECT count() AS c FROM events', {});
  assert.equal(Number(events.rows[0][0]), 5);
});

test('hostile property keys and values in step, top-level and held-property filters stay values', async () => {
  const steps = funnel();
  steps.series = [{ kind: 'EventsNode', event: EVIL, properties: [{ key: EVIL_KEY, value: 'v', operator: 'exact', type: 'event' }] }, { kind: 'EventsNode', event: '$pageview' }];
  assert.deepEqual(counts(await run(steps)), [1, 1]);
  assert.deepEqual(await run(funnel({ properties: [{ key: '$browser', value: `${EVIL_VALUE}' OR '1'='1`, operator: 'exact', type: 'event' }] })), []);
  assert.deepEqual(counts(await run(funnel({}, { holdConstant: [{ type: 'event', key: EVIL_KEY }, { type: 'person', key: EVIL_VALUE }] }))), [1, 1]);
});

test('a hostile breakdown property and value come back verbatim, and select actors only as a value', async () => {
  const byBrowser = funnel({ breakdownFilter: { breakdown: '$browser' } });
  const result = (await run(byBrowser)) as FunnelStepResult[][];
  assert.deepEqual(result.map((steps) => steps[0].breakdown_value), [[EVIL_VALUE]]);
  const keyed = (await run(funnel({ breakdownFilter: { breakdown: EVIL_KEY } }, { breakdownAttributionType: 'all_events' }))) as FunnelStepResult[][];
  assert.deepEqual(keyed.map((steps) => steps[0].breakdown_value), [['v']]);
  for (const point of [{ funnelStep: 1, funnelStepBreakdown: `${EVIL_VALUE}' OR '1'='1` }, { funnelStep: 1, funnelStepBreakdown: [EVIL_VALUE, EVIL] }] as ActorsPoint[]) {
    const selection = compileInsightStatement(await funnelsActors(byBrowser, point, ctx), ctx);
    assertSafe(selection);
    assert.deepEqual((await u.run(selection)).rows, []);
  }
  const trendsPoint = { funnelTrendsEntrancePeriodStart: `2024-05-02' OR 1=1 --` };
  await assert.rejects(funnelsActors(funnel({}, { funnelVizType: 'trends' }), trendsPoint, ctx), HogQLError);
});

test('HogQL aggregation and breakdowns cannot reach outside the project', async () => {
  // A HogQL target is compiled like any HogQL: other projects' rows stay invisible.
  assert.deepEqual(counts(await run(funnel({}, { funnelAggregateByHogQL: 'properties.$browser' }))), [1, 1]);
  const hogql = (extra: Partial<FunnelsQuery>, filter: Record<string, unknown> = {}) => planFunnels(funnel(extra, filter), ctx);
  await assert.rejects(hogql({}, { funnelAggregateByHogQL: '(SELECT count() FROM system.tables)' }), HogQLError);
  await assert.rejects(hogql({}, { funnelAggregateByHogQL: "file('/etc/passwd')" }), HogQLError);
  await assert.rejects(hogql({ breakdownFilter: { breakdown: '(SELECT groupArray(event) FROM events WHERE team_id = 2)', breakdown_type: 'hogql' } }), /Unable to resolve field: team_id/);
  // A subquery in a HogQL breakdown reads this project's events only: 2, not 5.
  const counted = (await run(funnel({ breakdownFilter: { breakdown: '(SELECT count() FROM events)', breakdown_type: 'hogql' } }))) as FunnelStepResult[][];
  assert.deepEqual(counted.map((steps) => steps[0].breakdown_value), [['2']]);
  await assert.rejects(hogql({ series: [{ kind: 'ActionsNode', id: 1 }, { kind: 'EventsNode', event: '$pageview' }] }), HogQLError);
});
