import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeFilters, sameFilters } from './draft-filters';

test('filter rows without a property name stay out of the query', () => {
  const named = { key: '$browser', type: 'event' as const, operator: 'exact' as const, value: 'Chrome' };
  assert.deepEqual(completeFilters([{ key: ' ', type: 'event' }, named]), [named]);
});

test('no filters and an empty list say the same', () => {
  assert.equal(sameFilters(undefined, []), true);
  assert.equal(sameFilters([{ key: 'a', type: 'event' }], []), false);
});
