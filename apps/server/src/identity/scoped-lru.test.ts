import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScopedLru } from './scoped-lru.js';

test('a refreshing read keeps an entry from eviction, a plain read does not', () => {
  const lru = new ScopedLru<number>(2);
  lru.set(1, 'a', 1);
  lru.set(1, 'b', 2);
  assert.equal(lru.get(1, 'a', true), 1);
  lru.set(1, 'c', 3);
  assert.deepEqual(['a', 'b', 'c'].map((k) => lru.get(1, k)), [1, undefined, 3]);
  assert.equal(lru.get(1, 'a'), 1);
  lru.set(1, 'd', 4);
  assert.deepEqual(['a', 'c', 'd'].map((k) => lru.get(1, k)), [undefined, 3, 4]);
});

test('setting a key again replaces it without growing; deleted and cleared entries are gone', () => {
  const lru = new ScopedLru<string>(2);
  lru.set(7, 'k', 'old');
  lru.set(7, 'k', 'new');
  lru.set(8, 'k', 'other scope');
  assert.deepEqual([lru.get(7, 'k'), lru.get(8, 'k')], ['new', 'other scope']);
  lru.delete(7, 'k');
  lru.delete(7, 'never there');
  lru.set(9, 'x', 'fits');
  assert.deepEqual([lru.get(7, 'k'), lru.get(8, 'k'), lru.get(9, 'x')], [undefined, 'other scope', 'fits']);
  lru.clear();
  assert.equal(lru.get(8, 'k'), undefined);
});
