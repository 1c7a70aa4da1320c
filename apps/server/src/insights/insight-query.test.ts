import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Project } from '../projects/project-repository.js';
import { QueryExecutor } from '../query/query-executor.js';
import { filtersOverrideOf, insightQueryKind, insightRefreshOf, insightResult, queryWithFilters } from './insight-query.js';

const project = { id: 1, timezone: 'Europe/Berlin', weekStartDay: 0 } as Project;
const trends = { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }], dateRange: { date_from: '-7d' } };
const viz = { kind: 'InsightVizNode', source: trends, showHeader: true };

test("?refresh= follows PostHog: absent or unknown never computes, 'true' always does, named modes pass through", () => {
  assert.equal(insightRefreshOf(undefined), 'force_cache');
  assert.equal(insightRefreshOf('sometimes'), 'force_cache');
  assert.equal(insightRefreshOf('false'), 'force_cache');
  assert.equal(insightRefreshOf('true'), 'force_blocking');
  assert.equal(insightRefreshOf('blocking'), 'blocking');
  assert.equal(insightRefreshOf('lazy_async'), 'lazy_async');
});

test('dashboard filters land inside the wrapper, replacing the date range and adding properties', () => {
  const filtered = queryWithFilters(viz, { date_from: '-30d', properties: [{ key: '$browser', value: 'Chrome', type: 'event' }] });
  assert.equal(filtered.kind, 'InsightVizNode');
  assert.equal(filtered.showHeader, true);
  const source = filtered.source as Record<string, unknown>;
  assert.deepEqual(source.dateRange, { date_from: '-30d', date_to: null, explicitDate: false });
  assert.deepEqual(source.properties, [{ key: '$browser', value: 'Chrome', type: 'event' }]);
  assert.equal(queryWithFilters(viz, {}), viz, 'no filters, same query');
  assert.deepEqual(viz.source.dateRange, { date_from: '-7d' }, 'the stored query is not changed');
});

test('filters_override must be a JSON object', () => {
  assert.deepEqual(filtersOverrideOf('{"date_from":"-7d"}'), { date_from: '-7d' });
  assert.equal(filtersOverrideOf(undefined), undefined);
  assert.throws(() => filtersOverrideOf('[1]'), (e: { status?: number }) => e.status === 400);
  assert.throws(() => filtersOverrideOf('{nope'), (e: { status?: number }) => e.status === 400);
});

test("a saved query's kind is checked by the query planner; a kind it cannot run is the query API's 400", () => {
  const deps = { executor: new QueryExecutor(), jobs: { store: { query: async () => ({ rows: [], columns: [], elapsedMs: 0 }) }, db: {} as never, actions: { forProject: async () => new Map() } } };
  assert.equal(insightQueryKind(viz, project, deps), 'TrendsQuery');
  assert.equal(insightQueryKind({ kind: 'DataVisualizationNode', source: { kind: 'HogQLQuery', query: 'select 1' } }, project, deps), 'HogQLQuery');
  assert.throws(() => insightQueryKind({ kind: 'InsightVizNode', source: { kind: 'NopeQuery' } }, project, deps), (e: { code?: string }) => e.code === 'parse_error');
  assert.throws(() => insightQueryKind({ kind: 'DataTableNode', source: { kind: 'HogQLQuery' } }, project, deps), (e: { code?: string }) => e.code === 'parse_error');
});

test('force_cache never computes: no result until the executor has cached one', async () => {
  let runs = 0;
  const store = { query: async () => (runs++, { rows: [[1]], columns: [{ name: 'x', type: 'UInt8' }], elapsedMs: 1 }) };
  const deps = { executor: new QueryExecutor(), jobs: { store: store as never, db: {} as never, actions: { forProject: async () => new Map() } } };
  const sql = { kind: 'DataTableNode', source: { kind: 'HogQLQuery', query: 'select 1 as x' } };
  const cold = await insightResult(sql, project, { filters: undefined, refresh: 'force_cache' }, deps);
  assert.deepEqual([cold.result, cold.is_cached, cold.timezone, runs], [null, false, 'Europe/Berlin', 0]);
  assert.match(cold.filters_hash ?? '', /^cache_/);
  const computed = await insightResult(sql, project, { filters: undefined, refresh: 'blocking' }, deps);
  assert.deepEqual([computed.result, computed.columns, computed.is_cached, runs], [[[1]], ['x'], false, 1]);
  const before = runs;
  const warm = await insightResult(sql, project, { filters: undefined, refresh: 'force_cache' }, deps);
  assert.deepEqual([warm.result, warm.is_cached, warm.last_refresh, runs], [computed.result, true, computed.last_refresh, before]);
  assert.equal((await insightResult(null, project, { filters: undefined, refresh: 'blocking' }, deps)).result, null, 'no query, no result');
});
