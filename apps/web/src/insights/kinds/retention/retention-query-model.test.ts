import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRetentionQuery, entityToNode, nodeToEntity, parseIntervals, setRetentionFilter } from './retention-query-model';

test('a new retention insight follows page views week by week for 8 weeks, counting first-timers', () => {
  const f = defaultRetentionQuery().retentionFilter;
  assert.equal(f.period, 'Week');
  assert.equal(f.totalIntervals, 8);
  assert.equal(f.retentionType, 'retention_first_time');
  assert.deepEqual(f.targetEntity, { id: '$pageview', name: '$pageview', type: 'events' });
});

test('entities round-trip through the event picker, and an empty event falls back to page views', () => {
  assert.deepEqual(entityToNode({ id: 'signup', type: 'events' }), { kind: 'EventsNode', event: 'signup' });
  assert.deepEqual(entityToNode({ id: '7', type: 'actions' }), { kind: 'ActionsNode', id: 7 });
  assert.deepEqual(nodeToEntity({ kind: 'ActionsNode', id: 7 }), { id: 7, type: 'actions' });
  assert.deepEqual(nodeToEntity({ kind: 'EventsNode', event: null }), { id: '$pageview', name: '$pageview', type: 'events' });
  const filtered = nodeToEntity({ kind: 'EventsNode', event: 'x', properties: [{ key: 'a', type: 'event', value: '1' }] });
  assert.deepEqual(filtered.properties, [{ key: 'a', type: 'event', value: '1' }]);
});

test('only whole numbers of periods from 1 to 100 are taken', () => {
  assert.equal(parseIntervals('12'), 12);
  assert.equal(parseIntervals('0'), null);
  assert.equal(parseIntervals('1.5'), null);
  assert.equal(parseIntervals(''), null);
  assert.equal(parseIntervals('101'), null);
});

test('setting a retention field keeps the others', () => {
  const q = setRetentionFilter(defaultRetentionQuery(), { period: 'Day' });
  assert.equal(q.retentionFilter.period, 'Day');
  assert.equal(q.retentionFilter.totalIntervals, 8);
});
