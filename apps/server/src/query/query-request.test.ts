import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../platform/app-error.js';
import { executionModeOf } from './execution-mode.js';
import { applyFiltersOverride } from './filters-override.js';
import { parseQueryRequest } from './query-request.js';

const isParseError = (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'parse_error';

test('refresh values map to execution modes as on PostHog /query/; force_cache and absent mean blocking', () => {
  assert.equal(executionModeOf(undefined, undefined), 'blocking');
  assert.equal(executionModeOf(false, undefined), 'blocking');
  assert.equal(executionModeOf('force_cache', undefined), 'blocking');
  assert.equal(executionModeOf(true, undefined), 'force_blocking');
  for (const mode of ['blocking', 'force_blocking', 'async', 'async_except_on_cache_miss', 'lazy_async', 'force_async']) {
    assert.equal(executionModeOf(mode, undefined), mode);
  }
  assert.equal(executionModeOf(undefined, true), 'async', 'the deprecated async flag');
  assert.throws(() => executionModeOf('sometimes', undefined), isParseError);
  assert.throws(() => executionModeOf(1, undefined), isParseError);
});

test('wrapper nodes are unwrapped to the query that runs, but an ActorsQuery keeps its source', () => {
  const trends = { kind: 'TrendsQuery', series: [] };
  assert.deepEqual(parseQueryRequest({ query: { kind: 'InsightVizNode', source: trends } }).node, trends);
  const hogql = { kind: 'HogQLQuery', query: 'select 1' };
  assert.deepEqual(parseQueryRequest({ query: { kind: 'DataTableNode', source: { kind: 'DataVisualizationNode', source: hogql } } }).node, hogql);
  const actors = { kind: 'ActorsQuery', source: { kind: 'InsightActorsQuery', source: trends } };
  assert.deepEqual(parseQueryRequest({ query: { kind: 'DataTableNode', source: actors } }).node, actors);
  assert.throws(() => parseQueryRequest({ query: { kind: 'DataTableNode' } }), isParseError);
  assert.throws(() => parseQueryRequest({}), isParseError);
  assert.throws(() => parseQueryRequest(null), isParseError);
});

test('the client query id is the async id; without one a fresh id is made', () => {
  assert.equal(parseQueryRequest({ query: { kind: 'HogQLQuery' }, client_query_id: 'abc-1' }).queryId, 'abc-1');
  const a = parseQueryRequest({ query: { kind: 'HogQLQuery' } }).queryId;
  const b = parseQueryRequest({ query: { kind: 'HogQLQuery' } }).queryId;
  assert.notEqual(a, b);
  assert.throws(() => parseQueryRequest({ query: { kind: 'HogQLQuery' }, client_query_id: 5 }), isParseError);
  assert.throws(() => parseQueryRequest({ query: { kind: 'HogQLQuery' }, client_query_id: 'x'.repeat(201) }), isParseError);
});

test('filters_override: a date replaces the whole range, properties are AND-ed, the breakdown replaces the query one', () => {
  const trends = {
    kind: 'TrendsQuery',
    dateRange: { date_from: '-7d', date_to: '-1d' },
    properties: [{ key: 'a', value: 1 }],
    breakdownFilter: { breakdown: '$browser' },
  };
  const merged = applyFiltersOverride(trends, { date_from: '-30d', properties: [{ key: 'b', value: 2 }], breakdown_filter: { breakdown: '$os' } });
  assert.deepEqual(merged.dateRange, { date_from: '-30d', date_to: null, explicitDate: false });
  assert.deepEqual(merged.properties, [{ key: 'a', value: 1 }, { key: 'b', value: 2 }]);
  assert.deepEqual(merged.breakdownFilter, { breakdown: '$os' });
  assert.deepEqual(trends.dateRange, { date_from: '-7d', date_to: '-1d' }, 'the input is not changed');

  const grouped = applyFiltersOverride({ kind: 'FunnelsQuery', properties: { type: 'OR', values: [{ key: 'a' }] } }, { properties: [{ key: 'b' }] });
  assert.deepEqual(grouped.properties, { type: 'AND', values: [{ type: 'OR', values: [{ key: 'a' }] }, { type: 'AND', values: [{ key: 'b' }] }] });

  const onlyProps = applyFiltersOverride({ kind: 'LifecycleQuery', dateRange: { date_from: '-7d' } }, { properties: [] });
  assert.deepEqual(onlyProps.dateRange, { date_from: '-7d' }, 'an override without a date keeps the range');
});

test('filters_override reaches the insight inside an actors query, and EventsQuery after/before', () => {
  const actors = applyFiltersOverride({ kind: 'ActorsQuery', source: { kind: 'InsightActorsQuery', source: { kind: 'TrendsQuery' } } }, { date_from: '-1d' });
  const inner = (actors.source as { source: { dateRange: unknown } }).source;
  assert.deepEqual(inner.dateRange, { date_from: '-1d', date_to: null, explicitDate: false });
  const events = applyFiltersOverride({ kind: 'EventsQuery', select: ['*'], after: '-24h' }, { date_to: '2024-05-01' });
  assert.deepEqual([events.after, events.before], ['-24h', '2024-05-01']);
  assert.throws(() => applyFiltersOverride({ kind: 'TrendsQuery' }, 'yesterday'), isParseError);
  assert.throws(() => applyFiltersOverride({ kind: 'TrendsQuery' }, { properties: 'x' }), isParseError);
});
