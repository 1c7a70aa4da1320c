import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupCache } from './group-cache.js';
import { UNKNOWN_GROUP_VERSION } from './group-repository.js';

test('an entry is replaced by the same or a newer version, never by an older one', () => {
  const cache = new GroupCache();
  cache.offer(1, 0, 'acme', { properties: null, version: UNKNOWN_GROUP_VERSION });
  cache.offer(1, 0, 'acme', { properties: { plan: 'free' }, version: 0 });
  assert.deepEqual(cache.get(1, 0, 'acme'), { properties: { plan: 'free' }, version: 0 });
  cache.offer(1, 0, 'acme', { properties: { plan: 'pro' }, version: 2 });
  // A read that began before version 2 was committed arrives late: it must not bring version 1 back.
  cache.offer(1, 0, 'acme', { properties: { plan: 'team' }, version: 1 });
  cache.offer(1, 0, 'acme', { properties: null, version: UNKNOWN_GROUP_VERSION });
  assert.deepEqual(cache.get(1, 0, 'acme'), { properties: { plan: 'pro' }, version: 2 });
});

test('groups are told apart by project, group type and key', () => {
  const cache = new GroupCache();
  cache.offer(1, 0, 'acme', { properties: { n: 1 }, version: 0 });
  cache.offer(1, 1, 'acme', { properties: { n: 2 }, version: 0 });
  cache.offer(2, 0, 'acme', { properties: { n: 3 }, version: 0 });
  assert.deepEqual([cache.get(1, 0, 'acme'), cache.get(1, 1, 'acme'), cache.get(2, 0, 'acme')].map((g) => g?.properties), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  assert.equal(cache.get(1, 0, 'other'), undefined);
  assert.equal(cache.get(3, 0, 'acme'), undefined);
});

test('past its capacity the least recently offered entry goes, in the growing scope first', () => {
  const cache = new GroupCache(3);
  cache.offer(1, 0, 'a', { properties: {}, version: 0 });
  cache.offer(1, 0, 'b', { properties: {}, version: 0 });
  cache.offer(1, 0, 'a', { properties: { again: true }, version: 1 });
  cache.offer(1, 0, 'c', { properties: {}, version: 0 });
  cache.offer(1, 0, 'd', { properties: {}, version: 0 });
  assert.deepEqual(['a', 'b', 'c', 'd'].map((k) => cache.get(1, 0, k) !== undefined), [true, false, true, true]);
  // A new scope's first entry takes its room from the largest scope.
  cache.offer(2, 0, 'x', { properties: {}, version: 0 });
  assert.deepEqual(['a', 'c', 'd'].map((k) => cache.get(1, 0, k) !== undefined), [false, true, true]);
  assert.notEqual(cache.get(2, 0, 'x'), undefined);
});
