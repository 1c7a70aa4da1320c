import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Universe } from '../../test-support/insight-universe.js';
import type { FunnelTrendResult, TimeToConvertResult } from './funnel-shape.js';
import { f3, funnelsContext, openFunnelsUniverse } from './funnels-fixture.js';
import { planFunnels } from './funnels-query.js';
import type { FunnelsQuery } from './funnels-spec.js';

/*
 * Time to convert and funnel trends of F3 on the universe of funnels-fixture.ts.
 * From $pageview to purchased: carol 600, gina 1200, kate 1200, frank 3600, hank 3600, alice 3900, erin 259200 s.
 * From signed_up to purchased: carol 480, kate 600, gina 900, hank 1800, frank 3000, alice 3600, erin 252000 s.
 * Entered F3 by day (UTC): May 3 erin ✓ · May 4 alice ✓, bob · May 5 carol ✓, dave · May 6 frank ✓ · May 7 gina ✓ ·
 * May 8 hank ✓, ivy · May 9 kate ✓ (New York: May 8 evening).
 */

let u: Universe;

before(async () => {
  u = await openFunnelsUniverse();
});

async function run<R>(query: FunnelsQuery, timezone = 'UTC'): Promise<R> {
  return (await u.runPlan(await planFunnels(query, funnelsContext({ timezone })))) as R;
}

test('time to convert: ∛7 → 2 bins from the fastest time, one more bin start for the slowest', async () => {
  const result = await run<TimeToConvertResult>(f3({}, { funnelVizType: 'time_to_convert' }));
  // 7 converters → ceil(∛7) = 2 bins; from floor(600) to ceil(259200): width ceil(258600 / 2) = 129300.
  assert.deepEqual(result.bins, [[600, 6], [129_900, 0], [259_200, 1]]);
  assert.equal(result.average_conversion_time, 273_300 / 7);
  assert.equal(result.median_conversion_time, 3600);
});

test('time to convert between chosen steps with a chosen bin count', async () => {
  const result = await run<TimeToConvertResult>(f3({}, { funnelVizType: 'time_to_convert', funnelFromStep: 1, funnelToStep: 2, binCount: 3 }));
  // From 480 to 252000: width ceil(251520 / 3) = 83840.
  assert.deepEqual(result.bins, [[480, 6], [84_320, 0], [168_160, 0], [252_000, 1]]);
  assert.equal(result.median_conversion_time, 1800);
});

test('time to convert with nobody converting has empty times and the 60 s bin of PostHog', async () => {
  const result = await run<TimeToConvertResult>(f3({ dateRange: { date_from: '2024-01-01', date_to: '2024-01-02' } }, { funnelVizType: 'time_to_convert' }));
  assert.deepEqual(result, { average_conversion_time: null, median_conversion_time: null, bins: [[0, 0], [60, 0]] });
});

test('funnel trends: conversion % of the people entering each day, days and labels of the range', async () => {
  const [series] = await run<FunnelTrendResult[]>(f3({}, { funnelVizType: 'trends' }));
  assert.deepEqual(series.data, [100, 50, 50, 100, 100, 50, 100, 0]);
  assert.equal(series.count, 8);
  assert.deepEqual(series.days, ['2024-05-03', '2024-05-04', '2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08', '2024-05-09', '2024-05-10']);
  assert.equal(series.labels[0], '3-May-2024');
  assert.equal(series.breakdown_value, undefined);
});

test('funnel trends follow the window and the steps asked for', async () => {
  // A 1-day window: erin's purchase is too late.
  const [oneDay] = await run<FunnelTrendResult[]>(f3({}, { funnelVizType: 'trends', funnelWindowInterval: 1 }));
  assert.deepEqual(oneDay.data, [0, 50, 50, 100, 100, 50, 100, 0]);
  // From signup to purchase: of those who signed up (bob, dave never did; ivy did), who bought.
  const [late] = await run<FunnelTrendResult[]>(f3({}, { funnelVizType: 'trends', funnelFromStep: 1, funnelToStep: 2 }));
  assert.deepEqual(late.data, [100, 100, 100, 100, 100, 50, 100, 0]);
  // Up to signup only: the funnel is cut after step 1, so ivy converts on May 8.
  const [early] = await run<FunnelTrendResult[]>(f3({}, { funnelVizType: 'trends', funnelToStep: 1 }));
  assert.deepEqual(early.data, [100, 50, 50, 100, 100, 100, 100, 0]);
});

test('funnel trends bucket by the project day: kate entered on May 8 in New York', async () => {
  const [series] = await run<FunnelTrendResult[]>(f3({}, { funnelVizType: 'trends' }), 'America/New_York');
  assert.deepEqual(series.data, [100, 50, 50, 100, 100, 66.67, 0, 0]);
  assert.equal(series.days[5], '2024-05-08');
});

test('funnel trends by hour show hour days and day labels', async () => {
  const [series] = await run<FunnelTrendResult[]>(f3({ interval: 'hour', dateRange: { date_from: '2024-05-08 09:00', date_to: '2024-05-08 12:59' } }, { funnelVizType: 'trends' }));
  // 10:00 hank ✓; 12:00 ivy (no purchase).
  assert.deepEqual(series.data, [0, 100, 0, 0]);
  assert.deepEqual(series.days, ['2024-05-08 09:00:00', '2024-05-08 10:00:00', '2024-05-08 11:00:00', '2024-05-08 12:00:00']);
  assert.deepEqual(series.labels, ['8-May-2024', '8-May-2024', '8-May-2024', '8-May-2024']);
});

test('funnel trends with a breakdown: one series per browser', async () => {
  const result = await run<FunnelTrendResult[]>(f3({ breakdownFilter: { breakdown: '$browser' } }, { funnelVizType: 'trends' }));
  // First touch: Chrome alice (May 4), carol (5), erin (3), gina (7), kate (9) all convert; Firefox bob (4) ✗,
  // frank (6) ✓, ivy (8) ✗; Safari dave (5) ✗, hank (8) ✓.
  assert.deepEqual(result.map((r) => [r.breakdown_value, r.data]), [
    [['Chrome'], [100, 100, 100, 0, 100, 0, 100, 0]],
    [['Firefox'], [0, 0, 0, 100, 0, 0, 0, 0]],
    [['Safari'], [0, 0, 0, 0, 0, 100, 0, 0]],
  ]);
});
