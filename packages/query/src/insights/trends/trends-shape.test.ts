import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import { insightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { trendsPeriods } from './trends-period.js';
import { shapeTrends } from './trends-shape.js';
import { trendsSpec } from './trends-spec.js';

// Now is Wednesday 2024-05-08 15:00 UTC; `-3d` by day gives the buckets May 5, 6, 7, 8.
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T15:00:00Z') });
const pageviews = { kind: 'EventsNode', event: '$pageview' };
const signups = { kind: 'EventsNode', event: 'signup', custom_name: 'Sign-ups' };
const day = (d: number) => `2024-05-0${d} 00:00:00`;

function shape(query: Record<string, unknown>, rows: unknown[][][]) {
  const spec = trendsSpec({ kind: 'TrendsQuery', dateRange: { date_from: '-3d' }, ...query }, ctx);
  const results: StatementResult[] = rows.map((r) => ({ columns: [], rows: r }));
  return shapeTrends(spec, trendsPeriods(spec, ctx), results, ctx);
}

test('empty buckets are 0 and numbers arriving as strings are numbers; days, labels and action follow the range', () => {
  const { results, hasMore } = shape({ series: [pageviews] }, [[['3', day(6)], [1, day(8)]]]);
  assert.equal(results.length, 1);
  const [r] = results;
  assert.deepEqual(r.data, [0, 3, 0, 1]);
  assert.equal(r.count, 4);
  assert.deepEqual(r.days, ['2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08']);
  assert.deepEqual(r.labels, ['5-May-2024', '6-May-2024', '7-May-2024', '8-May-2024']);
  assert.equal(r.label, '$pageview');
  assert.deepEqual(r.filter, {});
  assert.equal(r.action?.id, '$pageview');
  assert.equal(r.action?.type, 'events');
  assert.equal(r.action?.order, 0);
  assert.deepEqual(r.action?.days, ['2024-05-05T00:00:00+00:00', '2024-05-06T00:00:00+00:00', '2024-05-07T00:00:00+00:00', '2024-05-08T00:00:00+00:00']);
  assert.equal('breakdown_value' in r, false);
  assert.equal('compare' in r, false);
  assert.equal(hasMore, false);
});

test('a series without any rows still reports zeros', () => {
  assert.deepEqual(shape({ series: [pageviews] }, [[]]).results[0].data, [0, 0, 0, 0]);
});

test('breakdown results: real values by total descending then by value, then null, then Other; Other means hasMore', () => {
  const rows = [
    [5, day(5), BREAKDOWN_OTHER],
    [9, day(5), BREAKDOWN_NULL],
    [2, day(6), 'Safari'],
    [1, day(7), 'Safari'],
    [3, day(8), 'Chrome'],
    [1, day(8), 'Brave'],
  ];
  const { results, hasMore } = shape({ series: [pageviews], breakdownFilter: { breakdown: '$browser' } }, [rows]);
  assert.deepEqual(results.map((r) => [r.breakdown_value, r.label, r.count]), [
    ['Chrome', 'Chrome', 3],
    ['Safari', 'Safari', 3],
    ['Brave', 'Brave', 1],
    [BREAKDOWN_NULL, BREAKDOWN_NULL, 9],
    [BREAKDOWN_OTHER, BREAKDOWN_OTHER, 5],
  ]);
  assert.deepEqual(results[1].data, [0, 2, 1, 0]);
  assert.equal(hasMore, true);
  const hidden = shape({ series: [pageviews], breakdownFilter: { breakdown: '$browser', breakdown_hide_other_aggregation: true } }, [rows]);
  assert.equal(hidden.results.length, 4);
  assert.equal(hidden.hasMore, true);
});

test('with several series, breakdown labels are prefixed by the series; several breakdowns join with ::', () => {
  const filter = { breakdowns: [{ property: '$browser' }, { property: 'plan', type: 'person' }] };
  const { results } = shape({ series: [pageviews, signups], breakdownFilter: filter }, [[[1, day(5), ['Chrome', 'pro']]], [[2, day(6), ['Firefox', BREAKDOWN_NULL]]]]);
  assert.deepEqual(results.map((r) => [r.label, r.breakdown_value]), [
    ['$pageview - Chrome::pro', ['Chrome', 'pro']],
    [`Sign-ups - Firefox::${BREAKDOWN_NULL}`, ['Firefox', BREAKDOWN_NULL]],
  ]);
});

test('cumulative displays report running totals and count the last one', () => {
  const { results } = shape({ series: [pageviews], trendsFilter: { display: 'ActionsLineGraphCumulative' } }, [[[2, day(5)], [3, day(7)]]]);
  assert.deepEqual(results[0].data, [2, 2, 5, 5]);
  assert.equal(results[0].count, 5);
});

test('smoothing replaces each value with the floored mean of itself and the previous N-1 values', () => {
  const { results } = shape({ series: [pageviews], trendsFilter: { smoothingIntervals: 2 } }, [[[3, day(5)], [4, day(6)], [1, day(8)]]]);
  assert.deepEqual(results[0].data, [3, 3, 2, 0]);
  assert.equal(results[0].count, 8);
});

test('total-value displays carry aggregated_value with empty data and count 0', () => {
  const { results } = shape({ series: [pageviews], trendsFilter: { display: 'BoldNumber' } }, [[['7']]]);
  assert.equal(results[0].aggregated_value, 7);
  assert.deepEqual(results[0].data, []);
  assert.equal(results[0].count, 0);
  assert.equal(results[0].days.length, 4);
});

test('comparison: current results of every series, then previous ones with their own days', () => {
  const { results } = shape({ series: [pageviews, signups], compareFilter: { compare: true } }, [
    [[1, day(8)]],
    [[2, day(8)]],
    [[3, '2024-05-01 00:00:00']],
    [],
  ]);
  assert.deepEqual(results.map((r) => [r.label, r.compare, r.compare_label, r.count]), [
    ['$pageview', true, 'current', 1],
    ['Sign-ups', true, 'current', 2],
    ['$pageview', true, 'previous', 3],
    ['Sign-ups', true, 'previous', 0],
  ]);
  assert.deepEqual(results[2].days, ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04']);
});

test('formulas replace the series; each yields one result per period, labelled and with action null', () => {
  const { results } = shape({ series: [pageviews, signups], trendsFilter: { formulaNodes: [{ formula: 'A / B' }, { formula: 'A + B', custom_name: 'Both' }] }, compareFilter: { compare: true } }, [
    [[4, day(5)], [6, day(6)]],
    [[2, day(5)]],
    [[1, '2024-05-02 00:00:00']],
    [[2, '2024-05-02 00:00:00']],
  ]);
  assert.deepEqual(results.map((r) => [r.label, r.compare_label, r.data, r.action]), [
    ['Formula (A / B)', 'current', [2, 0, 0, 0], null],
    ['Formula (A / B)', 'previous', [0, 0.5, 0, 0], null],
    ['Both', 'current', [6, 6, 0, 0], null],
    ['Both', 'previous', [0, 3, 0, 0], null],
  ]);
});

test('formulas over breakdowns pair results by value, fill a missing series with zeros, and keep Other last', () => {
  const { results, hasMore } = shape({ series: [pageviews, signups], breakdownFilter: { breakdown: '$browser' }, trendsFilter: { formula: 'A - B' } }, [
    [[5, day(5), 'Chrome'], [1, day(5), 'Safari'], [9, day(5), BREAKDOWN_OTHER]],
    [[1, day(5), 'Chrome'], [4, day(6), 'Edge']],
  ]);
  assert.deepEqual(results.map((r) => [r.breakdown_value, r.data]), [
    ['Chrome', [4, 0, 0, 0]],
    ['Safari', [1, 0, 0, 0]],
    ['Edge', [0, -4, 0, 0]],
    [BREAKDOWN_OTHER, [9, 0, 0, 0]],
  ]);
  assert.equal(results[2].label, 'Formula (A - B)');
  assert.equal(hasMore, true);
});

test('formulas on total-value displays combine the aggregated values', () => {
  const { results } = shape({ series: [pageviews, signups], trendsFilter: { display: 'BoldNumber', formula: 'B / A * 100' } }, [[[8]], [[2]]]);
  assert.equal(results[0].aggregated_value, 25);
  assert.equal(results[0].count, 0);
});
