import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Universe } from '../../test-support/insight-universe.js';
import type { FunnelStepResult } from './funnel-shape.js';
import { f3, funnelsContext, openFunnelsUniverse } from './funnels-fixture.js';
import { planFunnels } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * Steps of ordered, strict and unordered funnels on the universe of funnels-fixture.ts, every number worked out by
 * hand there: who took which step, when, and the seconds between.
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

test('test vector 6: A then B converts, A alone does not; strict order with an event in between converts nobody', async () => {
  const query: FunnelsQuery = {
    kind: 'FunnelsQuery',
    series: [{ kind: 'EventsNode', event: 'tv_a' }, { kind: 'EventsNode', event: 'tv_b' }],
    dateRange: { date_from: '-7d' },
  };
  const ordered = await steps(query);
  assert.deepEqual(counts(ordered), [2, 1]);
  assert.deepEqual(ordered.map((s) => s.order), [0, 1]);
  assert.deepEqual(ordered[0], {
    action_id: 'tv_a', name: 'tv_a', custom_name: null, order: 0, type: 'events', count: 2, people: [],
    average_conversion_time: null, median_conversion_time: null,
  });
  // tv1: tv_a 10:00 → tv_b 10:01.
  assert.equal(ordered[1].average_conversion_time, 60);
  assert.equal(ordered[1].median_conversion_time, 60);
  // tv1's tv_noise at 10:00:30 sits between its steps.
  assert.deepEqual(counts(await steps({ ...query, funnelsFilter: { funnelOrderType: 'strict' } })), [2, 0]);
});

test('ordered F3: counts per step after merges, another project and events before the range left out', async () => {
  const result = await steps(f3());
  // $pageview: alice … kate (10; jack's is before the range, project 2's alice is not ours); signed_up after it: all
  // but bob and dave (dave signed up before his pageview); purchased: all those but ivy. frank's anonymous pageview
  // and signup join his purchase, so he converts.
  assert.deepEqual(counts(result), [10, 8, 7]);
  assert.deepEqual(result.map((s) => [s.action_id, s.name, s.type]), [
    ['$pageview', '$pageview', 'events'], ['signed_up', 'signed_up', 'events'], ['purchased', 'purchased', 'events'],
  ]);
});

test('conversion times are seconds from the previous step: average and median (mean of the middle two when even)', async () => {
  const [first, second, third] = await steps(f3());
  assert.equal(first.average_conversion_time, null);
  // To signed_up: carol 120, alice 300, gina 300, frank 600, kate 600, ivy 1200, hank 1800, erin 7200.
  assert.equal(second.average_conversion_time, 12_120 / 8);
  assert.equal(second.median_conversion_time, 600);
  // To purchased: carol 480, kate 600, gina 900, hank 1800, frank 3000, alice 3600, erin 252000 (May 3 12:00 → May 6 10:00).
  assert.equal(third.average_conversion_time, 262_380 / 7);
  assert.equal(third.median_conversion_time, 1800);
});

test('strict F3: any other event of the person between two steps ends the conversion', async () => {
  // carol clicked, gina cancelled, ivy viewed pricing between their steps; dave's purchase follows his pageview.
  assert.deepEqual(counts(await steps(f3({}, { funnelOrderType: 'strict' }))), [10, 5, 5]);
});

test('unordered F3: steps in any order within the window, named by how many were completed', async () => {
  const result = await steps(f3({}, { funnelOrderType: 'unordered' }));
  // dave's signup-pageview-purchase counts in any order; bob did one step, ivy two.
  assert.deepEqual(counts(result), [10, 9, 8]);
  assert.deepEqual(result.map((s) => [s.name, s.action_id]), [['Completed 1 step', null], ['Completed 2 steps', null], ['Completed 3 steps', null]]);
});

test('the conversion window runs from the first step and includes its last second; a window in days expires', async () => {
  // 1 day: erin's purchase comes 3 days after her pageview.
  assert.deepEqual(counts(await steps(f3({}, { funnelWindowInterval: 1, funnelWindowIntervalUnit: 'day' }))), [10, 8, 6]);
  // 10 minutes: signed_up in time for alice (5 min), carol (2), frank (10, exactly the window), gina (5), kate (10);
  // purchased in time only for carol (10 min after her pageview, exactly the window).
  assert.deepEqual(counts(await steps(f3({}, { funnelWindowInterval: 10, funnelWindowIntervalUnit: 'minute' }))), [10, 5, 1]);
  assert.deepEqual(counts(await steps(f3({}, { funnelWindowInterval: 599, funnelWindowIntervalUnit: 'second' }))), [10, 3, 0]);
});

test('exclusions drop a person who did the excluded event between those steps, and only between them', async () => {
  const cancelled = (from: number, to: number) => ({ exclusions: [{ kind: 'EventsNode', event: 'cancelled', funnelFromStep: from, funnelToStep: to }] });
  // gina cancelled between her pageview and her signup: she leaves the funnel altogether.
  assert.deepEqual(counts(await steps(f3({}, cancelled(0, 1)))), [9, 7, 6]);
  assert.deepEqual(counts(await steps(f3({}, cancelled(0, 2)))), [9, 7, 6]);
  // Between signup and purchase she did nothing excluded.
  assert.deepEqual(counts(await steps(f3({}, cancelled(1, 2)))), [10, 8, 7]);
  // Strict: the cancellation right after her pageview excludes her too.
  assert.deepEqual(counts(await steps(f3({}, { funnelOrderType: 'strict', ...cancelled(0, 1) }))), [9, 5, 5]);
  // Unordered: a window holding the exclusion does not count. gina's window from her pageview holds it; the one from
  // her signup (10:05, after the cancellation) still completes two steps.
  assert.deepEqual(counts(await steps(f3({}, { funnelOrderType: 'unordered', ...cancelled(0, 2) }))), [10, 9, 7]);
});

test('an ActionsNode step matches its action; custom names are kept', async () => {
  const query = f3();
  query.series = [{ kind: 'EventsNode', event: '$pageview', custom_name: 'Visit' }, { kind: 'ActionsNode', id: 9 }, { kind: 'EventsNode', event: 'purchased' }];
  const result = await steps(query);
  assert.deepEqual(counts(result), [10, 8, 7]);
  assert.deepEqual(result.map((s) => [s.action_id, s.name, s.custom_name, s.type]), [
    ['$pageview', '$pageview', 'Visit', 'events'], [9, 'Signed up', null, 'actions'], ['purchased', 'purchased', null, 'events'],
  ]);
});

test('a funnel nobody entered answers an empty list, as PostHog', async () => {
  assert.deepEqual(await steps(f3({ dateRange: { date_from: '2024-01-01', date_to: '2024-01-31' } })), []);
});
