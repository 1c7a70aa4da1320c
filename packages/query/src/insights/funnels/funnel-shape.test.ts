import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import { insightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { stepsResults, timeToConvertResults, trendsResults } from './funnel-shape.js';
import { funnelSpec } from './funnels-spec.js';

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-10T12:00:00Z'), actions: new Map([[9, { id: 9, name: 'Signed up', steps: [] }]]) });
const series = [{ kind: 'EventsNode', event: '$pageview', custom_name: 'Visit' }, { kind: 'ActionsNode', id: 9 }];
const spec = (extra: Record<string, unknown> = {}) => funnelSpec({ kind: 'FunnelsQuery', series, dateRange: { date_from: '-2d' }, ...extra }, ctx);

function plainStepsRow(counts: unknown[], averages: unknown[], medians: unknown[]): StatementResult {
  return { columns: ['counts', 'averages', 'medians'].map((name) => ({ name, type: '' })), rows: [[counts, averages, medians]] };
}

function stepsRow(top: unknown[], other: { values: number; counts: unknown[]; avg: unknown[]; median: unknown[] } = { values: 0, counts: [0, 0], avg: [null], median: [null] }): StatementResult {
  return {
    columns: ['top', 'other_values', 'other_counts', 'other_avg', 'other_median'].map((name) => ({ name, type: '' })),
    rows: [[top, String(other.values), other.counts, other.avg, other.median]],
  };
}

test('steps: one list of step objects, counts from 64-bit strings, times from the previous step', () => {
  const result = stepsResults(spec(), ctx, [plainStepsRow(['3', '1'], [42.5], [40])]);
  assert.deepEqual(result, [
    { action_id: '$pageview', name: '$pageview', custom_name: 'Visit', order: 0, type: 'events', count: 3, people: [], average_conversion_time: null, median_conversion_time: null },
    { action_id: 9, name: 'Signed up', custom_name: null, order: 1, type: 'actions', count: 1, people: [], average_conversion_time: 42.5, median_conversion_time: 40 },
  ]);
});

test('steps: nobody at all answers []', () => {
  assert.deepEqual(stepsResults(spec(), ctx, [plainStepsRow([], [], [])]), []);
  assert.deepEqual(stepsResults(spec(), ctx, [plainStepsRow(['0', '0'], [null], [null])]), []);
});

test('unordered steps are named by how many were completed', () => {
  const result = stepsResults(spec({ funnelsFilter: { funnelOrderType: 'unordered' } }), ctx, [plainStepsRow([2, 1], [null], [null])]) as { name: string; action_id: unknown }[];
  assert.deepEqual(result.map((s) => [s.name, s.action_id]), [['Completed 1 step', null], ['Completed 2 steps', null]]);
});

test('breakdowns: a list per value with breakdown and breakdown_value arrays, then Other unless hidden', () => {
  const withBreakdown = spec({ breakdownFilter: { breakdown: '$browser', breakdown_limit: 1 } });
  const rows = [stepsRow([[['Chrome'], [5, 2], [10], [10]]], { values: 2, counts: ['4', '1'], avg: [7], median: [7] })];
  const result = stepsResults(withBreakdown, ctx, rows) as { breakdown: string[]; breakdown_value: string[]; count: number }[][];
  assert.deepEqual(result.map((l) => [l[0].breakdown, l[0].breakdown_value, l.map((s) => s.count)]), [
    [['Chrome'], ['Chrome'], [5, 2]],
    [[BREAKDOWN_OTHER], [BREAKDOWN_OTHER], [4, 1]],
  ]);
  const hidden = spec({ breakdownFilter: { breakdown: '$browser', breakdown_limit: 1, breakdown_hide_other_aggregation: true } });
  assert.equal(stepsResults(hidden, ctx, rows).length, 1);
});

test('time to convert: bins as [start, count] pairs and both averages', () => {
  const result = timeToConvertResults([{
    columns: ['bin_count', 'min_timing', 'max_timing', 'width', 'bin_starts', 'bin_counts', 'average_time', 'median_time'].map((name) => ({ name, type: '' })),
    rows: [['2', 60, 180, '60', ['60', '120', '180'], ['3', '0', '1'], 95.5, 70]],
  }]);
  assert.deepEqual(result, { average_conversion_time: 95.5, median_conversion_time: 70, bins: [[60, 3], [120, 0], [180, 1]] });
});

test('funnel trends: a rate per bucket of the range, 0 without entrants, rounded to 2 decimals', () => {
  const rows: StatementResult = {
    columns: ['bd_value', 'bucket_value', 'entered', 'converted'].map((name) => ({ name, type: '' })),
    rows: [[[], '2024-05-08 00:00:00', '3', '1'], [[], '2024-05-10 00:00:00', 2, 2]],
  };
  assert.deepEqual(trendsResults(spec({ funnelsFilter: { funnelVizType: 'trends' } }), ctx, [rows]), [{
    count: 3, data: [33.33, 0, 100], days: ['2024-05-08', '2024-05-09', '2024-05-10'], labels: ['8-May-2024', '9-May-2024', '10-May-2024'],
  }]);
});

test('funnel trends with a breakdown rank by entrants (null last) and merge the rest into Other', () => {
  const rows: StatementResult = {
    columns: ['bd_value', 'bucket_value', 'entered', 'converted'].map((name) => ({ name, type: '' })),
    rows: [
      [[BREAKDOWN_NULL], '2024-05-08 00:00:00', 9, 0],
      [['Safari'], '2024-05-08 00:00:00', 1, 1],
      [['Chrome'], '2024-05-09 00:00:00', 4, 1],
      [['Firefox'], '2024-05-09 00:00:00', 1, 0],
    ],
  };
  const result = trendsResults(spec({ funnelsFilter: { funnelVizType: 'trends' }, breakdownFilter: { breakdown: '$browser', breakdown_limit: 2 } }), ctx, [rows]);
  assert.deepEqual(result.map((r) => [r.breakdown_value, r.data]), [
    [['Chrome'], [0, 25, 0]],
    // Firefox and Safari tie on entrants; Firefox sorts first by value.
    [['Firefox'], [0, 0, 0]],
    [[BREAKDOWN_OTHER], [10, 0, 0]],
  ]);
});
