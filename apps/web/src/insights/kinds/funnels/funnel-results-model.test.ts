import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FunnelStepApi } from '@warren/shared/funnels-api';
import { defaultFunnelsQuery } from './funnel-query-model';
import {
  BREAKDOWN_NULL, BREAKDOWN_OTHER, breakdownGroups, breakdownLabel, isBreakdownSteps, stepActors, stepRows, timeToConvertBars, totalConversion,
  trendActors, trendLines,
} from './funnel-results-model';

function step(order: number, name: string, count: number, extra: Partial<FunnelStepApi> = {}): FunnelStepApi {
  return {
    action_id: name, name, custom_name: null, order, type: 'events', count, people: [],
    average_conversion_time: order === 0 ? null : 60 * order, median_conversion_time: order === 0 ? null : 30 * order, ...extra,
  };
}

test('each step shows conversion from the first step, from the previous step, and who dropped off', () => {
  const rows = stepRows([step(0, 'signup', 4), step(1, 'activate', 3), step(2, 'purchase', 1)]);
  assert.deepEqual(
    rows.map((r) => [r.name, r.count, r.fromFirst, r.fromPrevious, r.droppedOff]),
    [
      ['signup', 4, 1, null, 0],
      ['activate', 3, 0.75, 0.75, 1],
      ['purchase', 1, 0.25, 1 / 3, 2],
    ],
  );
  assert.equal(rows[2]!.medianSeconds, 60);
  assert.equal(totalConversion(rows), 0.25);
});

test('a funnel no one entered has no conversion rather than NaN', () => {
  const rows = stepRows([step(0, 'a', 0), step(1, 'b', 0)]);
  assert.equal(rows[1]!.fromFirst, null);
  assert.equal(rows[1]!.fromPrevious, null);
  assert.equal(totalConversion(rows), null);
  assert.equal(totalConversion([]), null);
});

test('breakdown results become one labelled group per value, placeholders in words', () => {
  const results = [
    [step(0, 'a', 3, { breakdown_value: ['Chrome'] }), step(1, 'b', 2, { breakdown_value: ['Chrome'] })],
    [step(0, 'a', 1, { breakdown_value: [BREAKDOWN_NULL] }), step(1, 'b', 0, { breakdown_value: [BREAKDOWN_NULL] })],
    [step(0, 'a', 1, { breakdown_value: [BREAKDOWN_OTHER] }), step(1, 'b', 1, { breakdown_value: [BREAKDOWN_OTHER] })],
  ];
  assert.equal(isBreakdownSteps(results), true);
  assert.equal(isBreakdownSteps([step(0, 'a', 1)]), false);
  assert.equal(isBreakdownSteps([]), false);
  const groups = breakdownGroups(results);
  assert.deepEqual(groups.map((g) => g.label), ['Chrome', '(none)', 'Other']);
  assert.deepEqual(groups[0]!.value, ['Chrome']);
  assert.equal(groups[0]!.rows[1]!.fromFirst, 2 / 3);
  assert.equal(breakdownLabel(['a', 'b']), 'a, b');
  assert.equal(breakdownLabel(5), '5');
});

test('clicking converted asks for those who reached the step, dropped off for those who stopped before it', () => {
  const q = defaultFunnelsQuery();
  assert.deepEqual(stepActors(q, 0, false), { kind: 'InsightActorsQuery', source: q, funnelStep: 1 });
  assert.deepEqual(stepActors(q, 2, true), { kind: 'InsightActorsQuery', source: q, funnelStep: -3 });
  assert.deepEqual(stepActors(q, 1, false, ['Chrome']).funnelStepBreakdown, ['Chrome']);
});

test('a trends point asks for those who entered in that period', () => {
  const q = defaultFunnelsQuery();
  assert.deepEqual(trendActors(q, '2024-05-01', false), {
    kind: 'InsightActorsQuery', source: q, funnelTrendsEntrancePeriodStart: '2024-05-01', funnelTrendsDropOff: false,
  });
});

test('time-to-convert bins are labelled by their start as a duration', () => {
  assert.deepEqual(timeToConvertBars({ average_conversion_time: 100, median_conversion_time: 90, bins: [[0, 2], [300, 1], [3600, 0]] }), {
    labels: ['0s', '5m', '1h'],
    counts: [2, 1, 0],
  });
});

test('funnel trends become one line, or one per breakdown value', () => {
  const one = trendLines([{ count: 2, data: [50, 100], days: ['2024-05-01', '2024-05-02'], labels: ['1-May-2024', '2-May-2024'] }]);
  assert.deepEqual(one.series, [{ label: 'Conversion rate (%)', data: [50, 100] }]);
  assert.deepEqual(one.days, ['2024-05-01', '2024-05-02']);
  const two = trendLines([
    { count: 1, data: [10], days: ['d'], labels: ['l'], breakdown_value: ['a'] },
    { count: 1, data: [20], days: ['d'], labels: ['l'], breakdown_value: [BREAKDOWN_OTHER] },
  ]);
  assert.deepEqual(two.series.map((s) => s.label), ['a', 'Other']);
});
