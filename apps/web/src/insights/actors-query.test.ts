import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorName, actorsQuery } from './actors-query';

test('trends points ask for event counts; other kinds only for the persons', () => {
  const trends = { kind: 'InsightActorsQuery' as const, source: { kind: 'TrendsQuery' as const, series: [] }, day: '2024-05-01', series: 0 };
  assert.deepEqual(actorsQuery(trends, '', 0), { kind: 'ActorsQuery', source: trends, select: ['actor', 'event_count'], limit: 50, offset: 0 });
  const lifecycle = { kind: 'InsightActorsQuery' as const, source: { kind: 'LifecycleQuery' as const }, status: 'new' };
  const q = actorsQuery(lifecycle, '  ann ', 50);
  assert.deepEqual(q.select, ['actor']);
  assert.equal(q.search, 'ann');
  assert.equal(q.offset, 50);
});

test('a person is named by email, name, distinct id, then UUID', () => {
  assert.equal(actorName({ properties: { email: 'a@b.c', name: 'Ann' }, distinct_ids: ['x'], uuid: 'u' }), 'a@b.c');
  assert.equal(actorName({ properties: { name: 'Ann' }, distinct_ids: ['x'], uuid: 'u' }), 'Ann');
  assert.equal(actorName({ properties: {}, distinct_ids: ['x'], uuid: 'u' }), 'x');
  assert.equal(actorName({ properties: {}, distinct_ids: [], uuid: 'u' }), 'u');
});
