import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { insightContext } from '../insight-context.js';
import { trendsSpec } from './trends-spec.js';

const ctx = insightContext({ teamId: 1, actions: new Map([[7, { id: 7, name: 'Signed up', steps: [{ event: 'signup' }] }]]) });
const pageviews = { kind: 'EventsNode', event: '$pageview' };
const query = (extra: Record<string, unknown> = {}) => ({ kind: 'TrendsQuery', series: [pageviews], ...extra });

function rejects(raw: unknown, message: RegExp) {
  assert.throws(() => trendsSpec(raw, ctx), (e: unknown) => e instanceof HogQLError && message.test(e.detail), JSON.stringify(raw));
}

test('defaults: day interval, line graph, 25 breakdown values, no comparison, no formulas', () => {
  const spec = trendsSpec(query(), ctx);
  assert.equal(spec.interval, 'day');
  assert.equal(spec.display, 'ActionsLineGraph');
  assert.equal(spec.totalValue, false);
  assert.equal(spec.breakdownLimit, 25);
  assert.equal(spec.compare, null);
  assert.deepEqual(spec.formulas, []);
  assert.equal(spec.smoothing, 1);
  assert.equal(spec.series[0].math, 'total');
});

test('weekly_active becomes dau on week and month intervals, monthly_active only on month', () => {
  const math = (m: string, interval: string) => trendsSpec(query({ interval, series: [{ ...pageviews, math: m }] }), ctx).series[0].math;
  assert.equal(math('weekly_active', 'day'), 'weekly_active');
  assert.equal(math('weekly_active', 'hour'), 'weekly_active');
  assert.equal(math('weekly_active', 'week'), 'dau');
  assert.equal(math('weekly_active', 'month'), 'dau');
  assert.equal(math('monthly_active', 'week'), 'monthly_active');
  assert.equal(math('monthly_active', 'month'), 'dau');
});

test('total-value displays resolve by day; WorldMap keeps 250 breakdown values by default', () => {
  const spec = trendsSpec(query({ interval: 'hour', trendsFilter: { display: 'WorldMap' }, breakdownFilter: { breakdown: '$geoip_country_code' } }), ctx);
  assert.equal(spec.interval, 'day');
  assert.equal(spec.totalValue, true);
  assert.equal(spec.breakdownLimit, 250);
});

test('formulaNodes win over formulas, which win over the single formula', () => {
  const two = { series: [pageviews, pageviews] };
  assert.deepEqual(
    trendsSpec(query({ ...two, trendsFilter: { formula: 'A', formulas: ['B'], formulaNodes: [{ formula: 'A+B', custom_name: 'Sum' }] } }), ctx).formulas.map((f) => [f.formula, f.customName]),
    [['A+B', 'Sum']],
  );
  assert.deepEqual(trendsSpec(query({ ...two, trendsFilter: { formula: 'A', formulas: ['B', 'A*2'] } }), ctx).formulas.map((f) => f.formula), ['B', 'A*2']);
  assert.deepEqual(trendsSpec(query({ ...two, trendsFilter: { formula: 'A/B' } }), ctx).formulas.map((f) => f.formula), ['A/B']);
});

test('comparison is off for all-time ranges, as in PostHog', () => {
  assert.deepEqual(trendsSpec(query({ compareFilter: { compare: true, compare_to: '-1w' } }), ctx).compare, { compareTo: '-1w' });
  assert.equal(trendsSpec(query({ dateRange: { date_from: 'all' }, compareFilter: { compare: true } }), ctx).compare, null);
});

test('malformed queries are refused with a message naming the field', () => {
  rejects(null, /must be an object/);
  rejects({ kind: 'FunnelsQuery', series: [] }, /Expected kind TrendsQuery/);
  rejects(query({ series: 'x' }), /series must be a list/);
  rejects(query({ series: [{ kind: 'PersonsNode' }] }), /unsupported node kind/);
  rejects(query({ series: [{ kind: 'ActionsNode', id: 99 }] }), /Action 99 does not exist/);
  rejects(query({ series: [{ ...pageviews, math: 'sum' }] }), /math sum needs math_property/);
  rejects(query({ series: [{ ...pageviews, math: 'p42' }] }), /unsupported math "p42"/);
  rejects(query({ series: [{ ...pageviews, math: 'hogql' }] }), /needs math_hogql/);
  rejects(query({ series: [{ ...pageviews, math: 'unique_group', math_group_type_index: 5 }] }), /math_group_type_index 0–4/);
  rejects(query({ series: [{ ...pageviews, math: 'sum', math_property: 'x', math_property_type: 'warehouse' }] }), /math_property_type/);
  rejects(query({ series: [{ ...pageviews, math_multiplier: 'x' }] }), /math_multiplier must be a number/);
  rejects(query({ interval: 'fortnight' }), /interval must be one of minute, hour, day, week, month/);
  rejects(query({ dateRange: { date_from: 7 } }), /dateRange.date_from must be a string/);
  rejects(query({ properties: 'x' }), /properties must be a list/);
  rejects(query({ filterTestAccounts: 'yes' }), /filterTestAccounts must be true or false/);
  rejects(query({ trendsFilter: { display: 'Hologram' } }), /trendsFilter.display must be one of/);
  rejects(query({ trendsFilter: { smoothingIntervals: 0 } }), /smoothingIntervals must be an integer from 1/);
  rejects(query({ trendsFilter: { formula: 'A+B' } }), /references series B/);
  rejects(query({ trendsFilter: { formulas: [3] } }), /Formula 1 must be a string/);
  rejects(query({ breakdownFilter: { breakdown: '$browser', breakdown_limit: -1 } }), /breakdown_limit must be an integer/);
  rejects(query({ breakdownFilter: { breakdown: '$browser', breakdown_type: 'planet' } }), /Unsupported breakdown type/);
  rejects(query({ breakdownFilter: { breakdown: [1], breakdown_type: 'cohort' } }), /Cohort breakdowns/);
  rejects(query({ breakdownFilter: { breakdown: 'price', breakdown_histogram_bin_count: 5 } }), /Histogram breakdowns/);
  rejects(query({ compareFilter: { compare: 'yes' } }), /compareFilter.compare must be true or false/);
  rejects(query({ aggregation_group_type_index: 9 }), /aggregation_group_type_index must be an integer from 0 to 4/);
  rejects(query({ series: Array.from({ length: 51 }, () => pageviews) }), /At most 50 series/);
});

test('error messages never echo more than a short piece of a hostile value', () => {
  const long = 'x'.repeat(10_000);
  try {
    trendsSpec(query({ interval: long }), ctx);
    assert.fail('expected a refusal');
  } catch (e) {
    assert.ok(e instanceof HogQLError && e.detail.length < 200);
  }
});
