import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryCache, type CacheEntry } from './query-cache.js';

const entry = (bytes: number): CacheEntry => ({ json: 'x'.repeat(bytes), bytes, freshness: 'day', lastRefresh: new Date(0), dateTo: null });

test('the least recently used entry goes first when the entry bound is reached; a read counts as a use', () => {
  const cache = new QueryCache({ maxEntries: 2, maxBytes: 1_000, maxEntryBytes: 1_000 });
  cache.set('a', entry(1));
  cache.set('b', entry(1));
  assert.ok(cache.get('a'));
  cache.set('c', entry(1));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a'));
  assert.ok(cache.get('c'));
  assert.equal(cache.size, 2);
});

test('entries are evicted oldest first until the byte bound holds again', () => {
  const cache = new QueryCache({ maxEntries: 100, maxBytes: 100, maxEntryBytes: 100 });
  cache.set('a', entry(40));
  cache.set('b', entry(40));
  cache.set('c', entry(40));
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.bytes, 80);
  cache.set('d', entry(100));
  assert.equal(cache.size, 1);
  assert.equal(cache.bytes, 100);
});

test('a response larger than the per-entry bound is not cached and evicts nothing', () => {
  const cache = new QueryCache({ maxEntries: 100, maxBytes: 1_000, maxEntryBytes: 50 });
  cache.set('a', entry(10));
  cache.set('huge', entry(51));
  assert.equal(cache.get('huge'), undefined);
  assert.ok(cache.get('a'));
  assert.equal(cache.bytes, 10);
});

test('replacing a key keeps the byte count exact', () => {
  const cache = new QueryCache({ maxEntries: 10, maxBytes: 1_000, maxEntryBytes: 1_000 });
  cache.set('a', entry(30));
  cache.set('a', entry(20));
  assert.equal(cache.bytes, 20);
  assert.equal(cache.size, 1);
});
