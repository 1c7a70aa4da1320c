import assert from 'node:assert/strict';
import { test } from 'node:test';
import { creatorName, insightDisplayName, insightKindLabel, insightSource, wrapQuery } from './insight-record';

const trends = { kind: 'TrendsQuery' as const, series: [] };

test('the builder edits the insight query inside an InsightVizNode, or a bare one, and nothing else', () => {
  assert.equal(insightSource(wrapQuery(trends)), trends);
  assert.equal(insightSource(trends), trends);
  assert.equal(insightSource({ kind: 'DataTableNode', source: { kind: 'HogQLQuery', query: 'select 1' } }), null);
  assert.equal(insightSource({ kind: 'InsightVizNode', source: { kind: 'NopeQuery' } }), null);
  assert.equal(insightSource(null), null);
});

test('the list names each kind, SQL insights included', () => {
  assert.equal(insightKindLabel(wrapQuery({ kind: 'LifecycleQuery' })), 'Lifecycle');
  assert.equal(insightKindLabel({ kind: 'DataVisualizationNode', source: { kind: 'HogQLQuery', query: 'select 1' } }), 'SQL');
  assert.equal(insightKindLabel(null), 'Empty');
});

test('names fall back to the derived name, then a placeholder; creators to their email', () => {
  assert.equal(insightDisplayName({ name: ' ', derived_name: 'Pageview count' }), 'Pageview count');
  assert.equal(insightDisplayName({ name: null, derived_name: null }), 'Untitled insight');
  const user = { id: 1, uuid: 'u', distinct_id: 'd', first_name: '', last_name: '', email: 'a@b.c', is_email_verified: null, hedgehog_config: null, role_at_organization: null };
  assert.equal(creatorName({ created_by: user }), 'a@b.c');
  assert.equal(creatorName({ created_by: { ...user, first_name: 'Ada', last_name: 'L' } }), 'Ada L');
  assert.equal(creatorName({ created_by: null }), '—');
});
