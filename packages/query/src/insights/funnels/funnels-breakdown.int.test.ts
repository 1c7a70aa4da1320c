import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Universe } from '../../test-support/insight-universe.js';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import type { FunnelStepResult } from './funnel-shape.js';
import { f3, funnelsContext, openFunnelsUniverse } from './funnels-fixture.js';
import { planFunnels } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * Breakdowns of F3 by $browser on the universe of funnels-fixture.ts. The browsers on the funnel's events:
 *   alice Chrome ×3 · bob Firefox · carol Chrome, -, - · dave Safari (signup), Safari (pageview), - · erin Chrome, -, -
 *   frank Firefox, -, - · gina Chrome, -, - · hank Safari, Chrome, Chrome · ivy Firefox, - · kate Chrome ×3
 * and how far each got in F3: alice, carol, erin, frank, gina, hank, kate 3 · ivy 2 · bob, dave 1.
 */

let u: Universe;
const ctx = funnelsContext();

before(async () => {
  u = await openFunnelsUniverse();
});

async function byBrowser(filter: Record<string, unknown>, breakdown: Record<string, unknown> = {}): Promise<[string[], number[]][]> {
  const query: FunnelsQuery = f3({ breakdownFilter: { breakdown: '$browser', breakdown_type: 'event', ...breakdown } }, filter);
  const result = (await u.runPlan(await planFunnels(query, ctx))) as FunnelStepResult[][];
  for (const steps of result) assert.ok(steps.every((s) => JSON.stringify(s.breakdown) === JSON.stringify(steps[0].breakdown_value)));
  return result.map((steps) => [steps[0].breakdown_value as string[], steps.map((s) => s.count)]);
}

test('first touch (the default): each person under the first browser their funnel events carry', async () => {
  // Chrome: alice, carol, erin, gina, kate; Firefox: bob, frank, ivy; Safari: dave (signup first), hank (pageview).
  // Ranked by the last step, then the step before: Firefox [3, 2, 1] before Safari [2, 1, 1].
  assert.deepEqual(await byBrowser({}), [
    [['Chrome'], [5, 5, 5]],
    [['Firefox'], [3, 2, 1]],
    [['Safari'], [2, 1, 1]],
  ]);
});

test('last touch: the last browser a person carries; hank moves to Chrome', async () => {
  assert.deepEqual(await byBrowser({ breakdownAttributionType: 'last_touch' }), [
    [['Chrome'], [6, 6, 6]],
    [['Firefox'], [3, 2, 1]],
    [['Safari'], [1, 0, 0]],
  ]);
});

test('all events: the funnel runs once per browser, over the events carrying it', async () => {
  // Only alice and kate carry Chrome on every step; carol, erin, gina get no further than their Chrome pageview, and
  // their later steps (no browser) have no pageview of their own. hank's Safari pageview is not followed by Safari steps.
  assert.deepEqual(await byBrowser({ breakdownAttributionType: 'all_events' }), [
    [['Chrome'], [5, 2, 2]],
    [['Firefox'], [3, 0, 0]],
    [['Safari'], [2, 0, 0]],
  ]);
});

test('step attribution: the browser of the signup, a person per signup browser; without a signup, nowhere', async () => {
  // Chrome signups: alice, hank, kate; Safari: dave (whose signup came before his pageview); none: carol, erin, frank,
  // gina, ivy. bob never signed up. Values holding the null placeholder rank after the others.
  assert.deepEqual(await byBrowser({ breakdownAttributionType: 'step', breakdownAttributionValue: 1 }), [
    [['Chrome'], [3, 3, 3]],
    [['Safari'], [1, 0, 0]],
    [[BREAKDOWN_NULL], [5, 5, 4]],
  ]);
});

test('the breakdown limit merges the rest into Other, which can be hidden', async () => {
  assert.deepEqual(await byBrowser({}, { breakdown_limit: 1 }), [
    [['Chrome'], [5, 5, 5]],
    [[BREAKDOWN_OTHER], [5, 3, 2]],
  ]);
  assert.deepEqual(await byBrowser({}, { breakdown_limit: 1, breakdown_hide_other_aggregation: true }), [[['Chrome'], [5, 5, 5]]]);
});

test('Other carries exact times merged from its values', async () => {
  const query = f3({ breakdownFilter: { breakdown: '$browser', breakdown_limit: 1 } });
  const [, other] = (await u.runPlan(await planFunnels(query, ctx))) as FunnelStepResult[][];
  // Firefox and Safari: to signup frank 600, ivy 1200, hank 1800; to purchase frank 3000, hank 1800.
  assert.deepEqual(other.map((s) => [s.average_conversion_time, s.median_conversion_time]), [[null, null], [1200, 1200], [2400, 2400]]);
});

test('a person property and a multi-property breakdown', async () => {
  // segment: alice … erin early, frank … kate late (persons' properties).
  const person = await u.runPlan(await planFunnels(f3({ breakdownFilter: { breakdown: 'segment', breakdown_type: 'person' } }), ctx));
  assert.deepEqual((person as FunnelStepResult[][]).map((steps) => [steps[0].breakdown_value, steps.map((s) => s.count)]), [
    [['late'], [5, 5, 4]],
    [['early'], [5, 3, 3]],
  ]);
  const both = f3({ breakdownFilter: { breakdowns: [{ type: 'person', property: 'segment' }, { type: 'event', property: '$browser' }] } });
  const result = (await u.runPlan(await planFunnels(both, ctx))) as FunnelStepResult[][];
  assert.deepEqual(result[0][0].breakdown_value, ['early', 'Chrome']);
  assert.deepEqual(result[0].map((s) => s.count), [3, 3, 3]);
});

test('a group property breakdown: the name of the event\'s organisation', async () => {
  const query = f3({ breakdownFilter: { breakdown: 'name', breakdown_type: 'group', breakdown_group_type_index: 0 } });
  const result = (await u.runPlan(await planFunnels(query, ctx))) as FunnelStepResult[][];
  // Acme: alice (3 steps), bob (1); Globex: carol (3); no organisation: dave, erin, frank, gina, hank, ivy, kate.
  assert.deepEqual(result.map((steps) => [steps[0].breakdown_value, steps.map((s) => s.count)]), [
    [['Acme'], [2, 1, 1]],
    [['Globex'], [1, 1, 1]],
    [[BREAKDOWN_NULL], [7, 6, 5]],
  ]);
});
