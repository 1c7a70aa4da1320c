import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightTitle, oldestRefresh, tileInsightQuery } from './tile-content';

test('a tile draws the insight query inside its InsightVizNode, and nothing for queries without an insight view', () => {
  const trends = { kind: 'TrendsQuery', series: [] };
  assert.deepEqual(tileInsightQuery({ query: { kind: 'InsightVizNode', source: trends } }), trends);
  assert.deepEqual(tileInsightQuery({ query: trends }), trends);
  assert.equal(tileInsightQuery({ query: { kind: 'DataVisualizationNode', source: { kind: 'HogQLQuery', query: 'select 1' } } }), null);
  assert.equal(tileInsightQuery({ query: { kind: 'InsightVizNode' } }), null);
  assert.equal(tileInsightQuery({ query: null }), null);
});

test('titles fall back to the derived name, and the oldest refresh time is the dashboard freshness', () => {
  assert.equal(insightTitle({ name: '  ', derived_name: 'Pageview count' }), 'Pageview count');
  assert.equal(insightTitle({ name: null, derived_name: null }), 'Untitled insight');
  assert.equal(oldestRefresh(['2024-05-02T00:00:00Z', null, 'bad', '2024-05-01T00:00:00Z']), '2024-05-01T00:00:00Z');
  assert.equal(oldestRefresh([undefined]), null);
});
