import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotLineApi, SnapshotSourceApi } from '@warren/shared/replay-api';
import { loadSnapshotBlocks, type LoadedBlock } from './snapshot-loader';

const source = (key: number): SnapshotSourceApi => ({ source: 'blob_v2', blob_key: String(key), start_timestamp: '', end_timestamp: '' });
const line = (t: number): SnapshotLineApi => ['w1', { type: 3, timestamp: t, data: {} }];

/** Blocks whose fetches finish when the test says, recording the order they were asked for. */
function controlledBlocks(count: number) {
  const asked: string[] = [];
  const finish = new Map<string, () => void>();
  return {
    asked,
    finish: (key: string) => finish.get(key)!(),
    fetchers: {
      sources: async () => ({ sources: Array.from({ length: count }, (_, i) => source(i)) }),
      block: (key: string) => {
        asked.push(key);
        return new Promise<SnapshotLineApi[]>((resolve) => finish.set(key, () => resolve([line(Number(key) * 10 + 2), line(Number(key) * 10 + 1)])));
      },
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

test('the first block is fetched alone, then the rest a few at a time, handed over in order whatever order they arrive', async () => {
  const blocks = controlledBlocks(5);
  const got: LoadedBlock[] = [];
  const done = loadSnapshotBlocks(blocks.fetchers, (b) => got.push(b), new AbortController().signal, 2);
  await tick();
  assert.deepEqual(blocks.asked, ['0']);
  blocks.finish('0');
  await tick();
  assert.deepEqual(got.map((b) => [b.loaded, b.total]), [[1, 5]]);
  assert.deepEqual(got[0]!.events.map((e) => [e.windowId, e.event.timestamp]), [['w1', 1], ['w1', 2]], 'events of a block come in time order, with their window');
  assert.deepEqual(blocks.asked, ['0', '1', '2']);
  blocks.finish('2');
  await tick();
  assert.equal(got.length, 1, 'block 2 waits for block 1');
  blocks.finish('1');
  await tick();
  await tick();
  assert.deepEqual(got.map((b) => b.loaded), [1, 2, 3]);
  assert.deepEqual(blocks.asked, ['0', '1', '2', '3', '4']);
  blocks.finish('3');
  blocks.finish('4');
  await done;
  assert.deepEqual(got.map((b) => b.events[0]!.event.timestamp), [1, 11, 21, 31, 41]);
});

test('a recording without blocks hands nothing over; an abort stops the handing over', async () => {
  const got: LoadedBlock[] = [];
  await loadSnapshotBlocks({ sources: async () => ({ sources: [] }), block: async () => [] }, (b) => got.push(b), new AbortController().signal);
  assert.equal(got.length, 0);

  const controller = new AbortController();
  const blocks = controlledBlocks(3);
  const done = loadSnapshotBlocks(blocks.fetchers, (b) => {
    got.push(b);
    controller.abort();
  }, controller.signal);
  await tick();
  blocks.finish('0');
  await tick();
  blocks.finish('1');
  blocks.finish('2');
  await done;
  assert.equal(got.length, 1);
});
