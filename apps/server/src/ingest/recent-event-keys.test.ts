import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BatchEventKeys, RecentEventKeys } from './recent-event-keys.js';

test('a key is a duplicate while it is among the last `capacity` added, and forgotten after', () => {
  const keys = new RecentEventKeys(3);
  assert.equal(keys.add(1, 'a', '$pageview'), true);
  assert.equal(keys.add(1, 'a', '$pageview'), false, 'a retry is recognised');
  assert.equal(keys.has(2, 'a', '$pageview'), false, 'another project is another key');
  assert.equal(keys.has(1, 'a', '$pageleave'), false, 'another event is another key');
  keys.add(1, 'b', '$pageview');
  keys.add(1, 'c', '$pageview');
  assert.equal(keys.size, 3);
  keys.add(1, 'd', '$pageview');
  assert.equal(keys.has(1, 'a', '$pageview'), false, 'the oldest is forgotten');
  assert.deepEqual(['b', 'c', 'd'].map((u) => keys.has(1, u, '$pageview')), [true, true, true]);
  assert.equal(keys.size, 3);
});

test('agrees with a plain set and ring over random keys that collide in the table, including re-added forgotten ones', () => {
  // Keys drawn from a small pool, so the same key is added, forgotten and added again, and many keys share a home
  // slot: long probe runs, wrapping round the table, shifted back on removal.
  const tableSlots = (capacity: number) => 2 ** Math.ceil(Math.log2(Math.max(2, capacity * 2)));
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const capacity of [1, 2, 5, 16, 100]) {
    const keys = new RecentEventKeys(capacity);
    const model: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      // The upper bits pick the home slot: a handful of neighbouring homes near the end of the table, so runs overlap
      // and wrap; the lower bits tell keys apart.
      const key = (tableSlots(capacity) - 3 + Math.floor(random() * 6)) * 0x100000 + Math.floor(random() * 3 * capacity);
      const fresh = !model.includes(key);
      assert.equal(keys.hasKey(key), !fresh);
      assert.equal(keys.addKey(key), fresh, `capacity ${capacity}, step ${i}`);
      if (fresh) {
        model.push(key);
        if (model.length > capacity) model.shift();
      }
      assert.equal(keys.size, model.length);
    }
    for (const key of model) assert.equal(keys.hasKey(key), true);
  }
});

test('a batch key set finds repeats within a batch and starts empty after each reset', () => {
  const batch = new BatchEventKeys();
  for (const size of [5, 3_000, 10]) {
    batch.reset(size);
    const keys = Array.from({ length: size }, (_, i) => RecentEventKeys.key(1, `uuid-${i % Math.ceil(size / 2)}`, 'e'));
    const seen = new Set<number>();
    for (const key of keys) assert.equal(batch.add(key), !seen.has(key), `size ${size}`), seen.add(key);
  }
});
