import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Universe } from '../../test-support/insight-universe.js';
import type { ActorsPoint } from '../actors.js';
import { BREAKDOWN_OTHER } from '../breakdown.js';
import { compileInsightStatement } from '../insight-statement.js';
import { f3, funnelsContext, openFunnelsUniverse } from './funnels-fixture.js';
import { funnelsActors } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * The persons behind points of F3 on the universe of funnels-fixture.ts (how far each got: alice, carol, erin,
 * frank, gina, hank, kate all 3 steps · ivy 2 · bob, dave 1; first-touch browsers: Chrome alice, carol, erin, gina,
 * kate · Firefox bob, frank, ivy · Safari dave, hank).
 */

let u: Universe;
const ctx = funnelsContext();

before(async () => {
  u = await openFunnelsUniverse();
});

async function actors(query: FunnelsQuery, point: ActorsPoint): Promise<string[]> {
  const result = await u.run(compileInsightStatement(await funnelsActors(query, point, ctx), ctx));
  assert.deepEqual(result.columns.map((c) => c.name), ['actor_id']);
  const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivy', 'kate'];
  const byId = new Map(names.map((n) => [u.personId(n), n]));
  return result.rows.map(([id]) => byId.get(String(id)) ?? String(id)).sort();
}

test('actors who reached a step (1-based), the merged person included once', async () => {
  assert.deepEqual(await actors(f3(), { funnelStep: 1 }), ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hank', 'ivy', 'kate']);
  assert.deepEqual(await actors(f3(), { funnelStep: 3 }), ['alice', 'carol', 'erin', 'frank', 'gina', 'hank', 'kate']);
});

test('actors who dropped off before a step (-n)', async () => {
  assert.deepEqual(await actors(f3(), { funnelStep: -2 }), ['bob', 'dave']);
  assert.deepEqual(await actors(f3(), { funnelStep: -3 }), ['ivy']);
});

test('actors of one breakdown value, and of Other', async () => {
  const byBrowser = (limit: number) => f3({ breakdownFilter: { breakdown: '$browser', breakdown_limit: limit } });
  assert.deepEqual(await actors(byBrowser(25), { funnelStep: 1, funnelStepBreakdown: 'Firefox' }), ['bob', 'frank', 'ivy']);
  assert.deepEqual(await actors(byBrowser(25), { funnelStep: 2, funnelStepBreakdown: ['Firefox'] }), ['frank', 'ivy']);
  // Limit 1 keeps Chrome; Other is Firefox and Safari.
  assert.deepEqual(await actors(byBrowser(1), { funnelStep: 1, funnelStepBreakdown: BREAKDOWN_OTHER }), ['bob', 'dave', 'frank', 'hank', 'ivy']);
  assert.deepEqual(await actors(byBrowser(1), { funnelStep: 3, funnelStepBreakdown: [BREAKDOWN_OTHER] }), ['frank', 'hank']);
});

test('excluded persons are behind no step', async () => {
  const query = f3({}, { exclusions: [{ kind: 'EventsNode', event: 'cancelled', funnelFromStep: 0, funnelToStep: 1 }] });
  assert.ok(!(await actors(query, { funnelStep: 1 })).includes('gina'));
});

test('funnel trends actors: converted or dropped off among those entering in a period', async () => {
  const trends = f3({}, { funnelVizType: 'trends' });
  assert.deepEqual(await actors(trends, { funnelTrendsEntrancePeriodStart: '2024-05-04', funnelTrendsDropOff: false }), ['alice']);
  assert.deepEqual(await actors(trends, { funnelTrendsEntrancePeriodStart: '2024-05-04 00:00:00', funnelTrendsDropOff: true }), ['bob']);
  assert.deepEqual(await actors(trends, { funnelTrendsEntrancePeriodStart: '2024-05-10' }), []);
});

test('groups are actors of a group funnel: the group key', async () => {
  assert.deepEqual(await actors(f3({ aggregation_group_type_index: 0 }), { funnelStep: 3 }), ['org-acme', 'org-globex']);
});

test('points that do not exist are refused', async () => {
  await assert.rejects(funnelsActors(f3(), { funnelStep: 0 }, ctx), /funnelStep must be 1 to 3/);
  await assert.rejects(funnelsActors(f3(), { funnelStep: -1 }, ctx), /funnelStep/);
  await assert.rejects(funnelsActors(f3(), { funnelStep: 4 }, ctx), /funnelStep/);
  await assert.rejects(funnelsActors(f3({}, { funnelVizType: 'trends' }), {}, ctx), /funnelTrendsEntrancePeriodStart/);
});
