import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Universe } from '../../test-support/insight-universe.js';
import type { FunnelStepResult } from './funnel-shape.js';
import { f3, funnelsContext, openFunnelsUniverse } from './funnels-fixture.js';
import { planFunnels } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * Who is counted (persons, groups, HogQL values) and Warren's extensions — optional steps and held properties — on
 * the universe of funnels-fixture.ts.
 */

let u: Universe;
const ctx = funnelsContext();

before(async () => {
  u = await openFunnelsUniverse();
});

async function steps(query: FunnelsQuery): Promise<FunnelStepResult[]> {
  return (await u.runPlan(await planFunnels(query, ctx))) as FunnelStepResult[];
}

const counts = (result: FunnelStepResult[]) => result.map((s) => s.count);

function withPricing(optional: boolean, order: 'ordered' | 'strict' = 'ordered'): FunnelsQuery {
  const query = f3({}, { funnelOrderType: order });
  query.series = [
    { kind: 'EventsNode', event: '$pageview' },
    { kind: 'EventsNode', event: 'viewed_pricing', ...(optional ? { optionalInFunnel: true } : {}) },
    { kind: 'EventsNode', event: 'signed_up' },
  ];
  return query;
}

test('an optional step may be skipped: later steps count without it, it counts those who took it', async () => {
  // Only ivy viewed pricing (between her pageview and signup); 8 signed up after a pageview.
  assert.deepEqual(counts(await steps(withPricing(false))), [10, 1, 1]);
  const result = await steps(withPricing(true));
  assert.deepEqual(counts(result), [10, 1, 8]);
  // ivy's signup is timed from her pricing view (12:05 → 12:20), the others' from their pageview:
  // carol 120, alice 300, gina 300, frank 600, kate 600, ivy 900, hank 1800, erin 7200.
  assert.equal(result[1].average_conversion_time, 300);
  assert.equal(result[2].average_conversion_time, 11_820 / 8);
  assert.equal(result[2].median_conversion_time, 600);
});

test('strict funnels let the optional step sit between its neighbours', async () => {
  // ivy: pageview, viewed_pricing, signed_up back to back. Who else signed up right after a pageview: alice, erin,
  // frank, hank, kate (carol clicked, gina cancelled in between).
  assert.deepEqual(counts(await steps(withPricing(true, 'strict'))), [10, 1, 6]);
});

test('holding an event property constant: every step must carry the value of step 0', async () => {
  // hank's pageview has plan=free, his signup and purchase plan=pro; nobody else has a plan (all missing: equal).
  assert.deepEqual(counts(await steps(f3({}, { holdConstant: [{ type: 'event', key: 'plan' }] }))), [10, 7, 6]);
  // A person property is the same on every event of a person: nothing changes.
  assert.deepEqual(counts(await steps(f3({}, { holdConstant: [{ type: 'person', key: 'segment' }] }))), [10, 8, 7]);
});

test('aggregation_group_type_index counts groups: events without a group of that type count for nobody', async () => {
  // org-acme: bob's pageview 09:00, alice's signup 10:05 and purchase 11:05; org-globex: carol's steps.
  // Project 2's alice (org-acme too) stays out.
  assert.deepEqual(counts(await steps(f3({ aggregation_group_type_index: 0 }))), [2, 2, 2]);
});

test('funnelAggregateByHogQL counts the values of an expression: per distinct id, frank is two', async () => {
  // anon-frank: pageview and signup; frank: only the purchase, so not counted.
  assert.deepEqual(counts(await steps(f3({}, { funnelAggregateByHogQL: 'distinct_id' }))), [10, 8, 6]);
});

test('top-level property filters and test accounts narrow the events', async () => {
  // Only Chrome events: alice and kate keep all steps; carol, erin, gina keep only their pageview.
  const query = f3({ properties: [{ key: '$browser', value: 'Chrome', operator: 'exact', type: 'event' }] });
  assert.deepEqual(counts(await steps(query)), [5, 2, 2]);
  const testAccounts = funnelsContext({ testAccountFilters: [{ type: 'person', key: 'segment', operator: 'is_not', value: 'early' }] });
  const filtered = (await u.runPlan(await planFunnels(f3({ filterTestAccounts: true }), testAccounts))) as FunnelStepResult[];
  // Without alice, bob, carol, dave, erin.
  assert.deepEqual(counts(filtered), [5, 5, 4]);
});
