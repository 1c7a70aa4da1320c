import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runnableQuery } from './runnable-query';

test('filters without a property are left out at the top and on each series; the rest is untouched', () => {
  const query = {
    kind: 'TrendsQuery' as const,
    series: [
      { kind: 'EventsNode', event: 'a', properties: [{ key: '', type: 'event' }] },
      { kind: 'EventsNode', event: 'b', properties: [{ key: 'plan', type: 'person', value: 'pro' }, { key: ' ', type: 'event' }] },
      { kind: 'EventsNode', event: 'c' },
    ],
    properties: [{ key: '', type: 'event' }],
    interval: 'day',
  };
  assert.deepEqual(runnableQuery(query), {
    kind: 'TrendsQuery',
    series: [
      { kind: 'EventsNode', event: 'a' },
      { kind: 'EventsNode', event: 'b', properties: [{ key: 'plan', type: 'person', value: 'pro' }] },
      { kind: 'EventsNode', event: 'c' },
    ],
    interval: 'day',
  });
  const cohort = { kind: 'TrendsQuery' as const, series: [], properties: [{ key: 'id', type: 'cohort', value: 3 }] };
  assert.deepEqual(runnableQuery(cohort), cohort);
});
