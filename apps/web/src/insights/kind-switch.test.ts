import assert from 'node:assert/strict';
import { test } from 'node:test';
import { switchKind } from './kind-switch';

const trends = {
  kind: 'TrendsQuery' as const,
  series: [
    { kind: 'EventsNode', event: '$pageview', math: 'dau' },
    { kind: 'EventsNode', event: 'signup' },
  ],
  interval: 'week',
  dateRange: { date_from: '-30d', date_to: null },
  properties: [{ key: '$browser', type: 'event', value: 'Chrome', operator: 'exact' }],
  filterTestAccounts: true,
  compareFilter: { compare: true },
  breakdownFilter: { breakdown: '$browser', breakdown_type: 'event' },
};

test('a fresh lifecycle query takes the first series without its math, the interval and the shared controls', () => {
  const next = switchKind(trends, { kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: null }], interval: 'day' }, true);
  assert.deepEqual(next.series, [{ kind: 'EventsNode', event: '$pageview' }]);
  assert.equal(next.interval, 'week');
  assert.deepEqual(next.dateRange, trends.dateRange);
  assert.deepEqual(next.properties, trends.properties);
  assert.equal(next.filterTestAccounts, true);
  assert.equal(next.compareFilter, undefined, 'lifecycle does not compare');
  assert.equal(next.breakdownFilter, undefined);
});

test('stickiness keeps every series and the comparison', () => {
  const next = switchKind(trends, { kind: 'StickinessQuery', series: [] }, true);
  assert.equal(next.series.length, 2);
  assert.deepEqual(next.compareFilter, { compare: true });
});

test('an earlier draft of the kind keeps its own series but takes the current date range and filters', () => {
  const draft = { kind: 'StickinessQuery' as const, series: [{ kind: 'EventsNode', event: 'login' }], dateRange: { date_from: '-7d' } };
  const next = switchKind(trends, draft, false);
  assert.deepEqual(next.series, draft.series);
  assert.deepEqual(next.dateRange, trends.dateRange);
});

test('kinds without series only take the shared controls, and a control cleared on the current tab is cleared on the next', () => {
  const { properties: _p, ...withoutFilters } = trends;
  const next = switchKind(withoutFilters, { kind: 'FunnelsQuery', series: [], properties: [{ key: 'old', type: 'event' }] }, true);
  assert.deepEqual(next.series, []);
  assert.equal(next.properties, undefined);
  assert.equal(next.compareFilter, undefined);
});
