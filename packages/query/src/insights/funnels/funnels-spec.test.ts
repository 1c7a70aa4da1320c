import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { insightContext } from '../insight-context.js';
import { chartSpec, funnelLayout } from './funnel-layout.js';
import { funnelSpec } from './funnels-spec.js';
import { matchingGroups } from './funnel-unordered.js';

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-10T12:00:00Z'), actions: new Map([[3, { id: 3, name: 'Signed up', steps: [{ event: 'signed_up' }] }]]) });
const a = { kind: 'EventsNode', event: 'a' } as const;
const b = { kind: 'EventsNode', event: 'b' } as const;
const c = { kind: 'EventsNode', event: 'c' } as const;
const spec = (query: Record<string, unknown>) => funnelSpec({ kind: 'FunnelsQuery', series: [a, b, c], ...query }, ctx);
const rejects = (query: Record<string, unknown>, message: RegExp) =>
  assert.throws(() => spec(query), (error: unknown) => error instanceof HogQLError && error.code === 'unsupported' && message.test(error.detail));

test('PostHog defaults: ordered steps, a 14-day window, first touch, 25 breakdown values, first to last step', () => {
  const s = spec({});
  assert.equal(s.order, 'ordered');
  assert.equal(s.viz, 'steps');
  assert.equal(s.windowSeconds, 14 * 86_400);
  assert.equal(s.attribution, 'first_touch');
  assert.equal(s.breakdownLimit, 25);
  assert.deepEqual([s.fromStep, s.toStep], [0, 2]);
  assert.deepEqual(s.target, { kind: 'person' });
  assert.equal(s.interval, 'day');
});

test('window units: seconds to months of 31 days', () => {
  const seconds = (interval: number, unit: string) => spec({ funnelsFilter: { funnelWindowInterval: interval, funnelWindowIntervalUnit: unit } }).windowSeconds;
  assert.equal(seconds(90, 'second'), 90);
  assert.equal(seconds(30, 'minute'), 1800);
  assert.equal(seconds(2, 'hour'), 7200);
  assert.equal(seconds(1, 'week'), 604_800);
  assert.equal(seconds(1, 'month'), 31 * 86_400);
});

test('who is counted: groups win over a HogQL expression, person_id means persons', () => {
  assert.deepEqual(spec({ aggregation_group_type_index: 2, funnelsFilter: { funnelAggregateByHogQL: 'properties.$session_id' } }).target, { kind: 'group', index: 2 });
  assert.deepEqual(spec({ funnelsFilter: { funnelAggregateByHogQL: 'properties.$session_id' } }).target, { kind: 'hogql', expr: 'properties.$session_id' });
  assert.deepEqual(spec({ funnelsFilter: { funnelAggregateByHogQL: 'person_id' } }).target, { kind: 'person' });
});

test('the query and its fields are checked, with clear messages', () => {
  assert.throws(() => funnelSpec({ kind: 'TrendsQuery', series: [a, b] }, ctx), /Expected kind FunnelsQuery/);
  rejects({ series: [a] }, /at least two steps/);
  rejects({ series: Array.from({ length: 21 }, () => a) }, /at most 20 steps/);
  rejects({ series: [a, { kind: 'DataWarehouseNode' }] }, /unsupported node kind/);
  rejects({ funnelsFilter: { funnelOrderType: 'sideways' } }, /funnelOrderType must be one of ordered, strict, unordered/);
  rejects({ funnelsFilter: { funnelVizType: 'pie' } }, /funnelVizType/);
  rejects({ funnelsFilter: { funnelWindowInterval: 0 } }, /funnelWindowInterval must be an integer from 1/);
  rejects({ funnelsFilter: { funnelWindowInterval: '14' } }, /funnelWindowInterval/);
  rejects({ funnelsFilter: { funnelWindowIntervalUnit: 'year' } }, /funnelWindowIntervalUnit/);
  rejects({ funnelsFilter: { funnelFromStep: 2 } }, /funnelFromStep must be an integer from 0 to 1/);
  rejects({ funnelsFilter: { funnelFromStep: 1, funnelToStep: 1 } }, /funnelToStep must be after funnelFromStep/);
  rejects({ funnelsFilter: { binCount: 'many' } }, /binCount must be a number/);
  rejects({ funnelsFilter: { breakdownAttributionType: 'middle_touch' } }, /breakdownAttributionType/);
  rejects({ funnelsFilter: { breakdownAttributionValue: 3 } }, /breakdownAttributionValue must be an integer from 0 to 2/);
  rejects({ funnelsFilter: { funnelAggregateByHogQL: 5 } }, /funnelAggregateByHogQL must be a string/);
  rejects({ funnelsFilter: [] }, /funnelsFilter must be an object/);
  rejects({ aggregation_group_type_index: 5 }, /aggregation_group_type_index/);
  rejects({ interval: 'fortnight' }, /interval/);
  rejects({ compareFilter: { compare: true } }, /previous period is not supported/);
  assert.equal(spec({ compareFilter: { compare: false } }).order, 'ordered');
  rejects({ dateRange: { date_from: 7 } }, /dateRange.date_from must be a string/);
  rejects({ breakdownFilter: { breakdown: [1, 2], breakdown_type: 'cohort' } }, /Cohort breakdowns/);
  rejects({ breakdownFilter: { breakdown: 'price', breakdown_histogram_bin_count: 5 } }, /histogram/);
  rejects({ breakdownFilter: { breakdown: '$browser', breakdown_limit: 0 } }, /breakdown_limit/);
  assert.throws(() => spec({ series: [a, { kind: 'ActionsNode', id: 404 }] }), /Action 404 does not exist/);
});

test('exclusions: a step range inside the funnel, not a step of it; unordered funnels exclude over all steps', () => {
  const exclusion = (extra: Record<string, unknown>) => ({ funnelsFilter: { exclusions: [{ kind: 'EventsNode', event: 'x', ...extra }] } });
  assert.deepEqual(spec(exclusion({ funnelFromStep: 0, funnelToStep: 1 })).exclusions.map((e) => [e.from, e.to]), [[0, 1]]);
  assert.deepEqual(spec(exclusion({})).exclusions.map((e) => [e.from, e.to]), [[0, 2]]);
  rejects(exclusion({ funnelFromStep: 1, funnelToStep: 1 }), /funnelToStep must be after funnelFromStep/);
  rejects(exclusion({ funnelFromStep: 0, funnelToStep: 3 }), /funnelToStep must be an integer from 1 to 2/);
  rejects({ funnelsFilter: { exclusions: [{ ...b, funnelFromStep: 0, funnelToStep: 2 }] } }, /cannot contain an event that's part of funnel steps/);
  rejects({ funnelsFilter: { funnelOrderType: 'unordered', exclusions: [{ kind: 'EventsNode', event: 'x', funnelFromStep: 0, funnelToStep: 1 }] } }, /Partial exclusions/);
  rejects({ funnelsFilter: { exclusions: 'x' } }, /exclusions must be a list/);
});

test('optional steps: not first, only ordered or strict step charts', () => {
  assert.deepEqual(spec({ series: [a, { ...b, optionalInFunnel: true }, c] }).optional, [false, true, false]);
  rejects({ series: [{ ...a, optionalInFunnel: true }, b] }, /first step of a funnel cannot be optional/);
  rejects({ series: [a, { ...b, optionalInFunnel: true }], funnelsFilter: { funnelOrderType: 'unordered' } }, /Optional funnel steps/);
  rejects({ series: [a, { ...b, optionalInFunnel: true }], funnelsFilter: { funnelVizType: 'trends' } }, /Optional funnel steps/);
  rejects({ series: [a, { ...b, optionalInFunnel: 'yes' }] }, /optionalInFunnel must be true or false/);
});

test('holdConstant: a short list of event or person properties', () => {
  assert.deepEqual(spec({ funnelsFilter: { holdConstant: [{ key: 'plan' }, { type: 'person', key: 'org' }] } }).hold, [{ type: 'event', key: 'plan' }, { type: 'person', key: 'org' }]);
  rejects({ funnelsFilter: { holdConstant: { key: 'plan' } } }, /holdConstant must be a list/);
  rejects({ funnelsFilter: { holdConstant: [{ type: 'group', key: 'x' }] } }, /holdConstant\[0\].type/);
  rejects({ funnelsFilter: { holdConstant: [{ key: '' }] } }, /key must be a non-empty string/);
  rejects({ funnelsFilter: { holdConstant: [{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd' }] } }, /at most 3/);
});

test('unordered step attribution only on the first step; bin counts clamp to 1–90', () => {
  rejects({ funnelsFilter: { funnelOrderType: 'unordered', breakdownAttributionType: 'step', breakdownAttributionValue: 1 } }, /Only the first step/);
  assert.equal(spec({ funnelsFilter: { binCount: 500 } }).binCount, 90);
  assert.equal(spec({ funnelsFilter: { binCount: 0 } }).binCount, 1);
});

test('charts: trends cut the funnel after funnelToStep and their exclusions with it; time to convert drops breakdowns', () => {
  const trends = chartSpec(spec({ funnelsFilter: { funnelVizType: 'trends', funnelToStep: 1, exclusions: [{ kind: 'EventsNode', event: 'x', funnelFromStep: 0, funnelToStep: 2 }, { kind: 'EventsNode', event: 'y', funnelFromStep: 1, funnelToStep: 2 }] } }));
  assert.equal(trends.steps.length, 2);
  assert.deepEqual(trends.exclusions.map((e) => [e.from, e.to]), [[0, 1]]);
  assert.deepEqual(chartSpec(spec({ breakdownFilter: { breakdown: '$browser' }, funnelsFilter: { funnelVizType: 'time_to_convert' } })).breakdowns, []);
});

test('layout: mandatory steps, the gap each optional step sits in, the levels each exclusion taints', () => {
  const layout = funnelLayout(spec({ series: [a, { ...b, optionalInFunnel: true }, c, { ...a, optionalInFunnel: true }], funnelsFilter: { exclusions: [{ kind: 'EventsNode', event: 'x', funnelFromStep: 0, funnelToStep: 1 }, { kind: 'EventsNode', event: 'y', funnelFromStep: 2, funnelToStep: 3 }] } }));
  assert.deepEqual(layout.mandatory, [0, 2]);
  assert.deepEqual(layout.gap, [0, 1, 1, 2]);
  // x (0 → 1): after step 0, before step 2 (the next mandatory step): level 1. y (2 → 3): after step 2, to the end: level 2.
  assert.deepEqual(layout.exclusionLevels, [[1], [2]]);
});

test('unordered matching groups: steps of different events never share an event', () => {
  assert.deepEqual(matchingGroups([a, b, c]), [[[0]], [[1]], [[2]]]);
  assert.deepEqual(matchingGroups([a, b, a]), [[[0], [2], [0, 2]], [[1]]]);
  assert.deepEqual(matchingGroups([a, { kind: 'ActionsNode', id: 3 }]), [[[0], [1], [0, 1]]]);
});
