import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotLineApi } from '@warren/shared/replay-api';
import { emptyCursor, fetchNewEvents, takeUnseen } from './snapshot-follow';

const line = (t: number, windowId = 'w1'): SnapshotLineApi => [windowId, { type: 3, timestamp: t, data: { source: 1, t } }];

/** A recording whose blocks the test grows, as the server's minute blocks grow while snapshots arrive. */
function growingRecording() {
  const blocks = new Map<string, SnapshotLineApi[]>();
  const asked: string[] = [];
  return {
    blocks,
    asked,
    fetchers: {
      sources: async () => ({ sources: [...blocks.keys()].map((k) => ({ source: 'blob_v2' as const, blob_key: k, start_timestamp: '', end_timestamp: '' })) }),
      block: async (key: string) => (asked.push(key), [...blocks.get(key)!]),
    },
  };
}

const times = (events: { event: { timestamp: number } }[]) => events.map((e) => e.event.timestamp);

test('following hands over only what is new: the grown last block and the blocks after it, in time order', async () => {
  const rec = growingRecording();
  rec.blocks.set('100', [line(1), line(2)]);
  rec.blocks.set('101', [line(61)]);
  const cursor = emptyCursor();
  const signal = new AbortController().signal;
  assert.deepEqual(times(await fetchNewEvents(rec.fetchers, cursor, signal)), [1, 2, 61], 'from nothing: everything');
  assert.deepEqual(await fetchNewEvents(rec.fetchers, cursor, signal), [], 'nothing recorded since');

  rec.blocks.get('101')!.push(line(62), line(63, 'w2'));
  rec.blocks.set('102', [line(121)]);
  rec.asked.length = 0;
  const fresh = await fetchNewEvents(rec.fetchers, cursor, signal);
  assert.deepEqual(times(fresh), [62, 63, 121]);
  assert.deepEqual(fresh.map((e) => e.windowId), ['w1', 'w2', 'w1'], 'each event keeps its tab');
  assert.deepEqual(rec.asked, ['101', '102'], 'blocks before the newest are not fetched again');
});

test('the initial load fills the cursor block by block, so following starts after it', async () => {
  const rec = growingRecording();
  rec.blocks.set('7', [line(5)]);
  rec.blocks.set('8', [line(65), line(66)]);
  const cursor = emptyCursor();
  const wrap = (lines: SnapshotLineApi[]) => lines.map(([windowId, event]) => ({ windowId, event }));
  assert.equal(takeUnseen(cursor, '7', wrap(rec.blocks.get('7')!)).length, 1);
  assert.equal(takeUnseen(cursor, '8', wrap(rec.blocks.get('8')!)).length, 2);
  assert.deepEqual(takeUnseen(cursor, '7', wrap([line(6)])), [], 'a block older than the newest is done');
  rec.blocks.get('8')!.push(line(67));
  assert.deepEqual(times(await fetchNewEvents(rec.fetchers, cursor, new AbortController().signal)), [67]);
  // Identical events (same tab, time and content) cannot be told apart: handed over once.
  assert.deepEqual(times(takeUnseen(cursor, '9', wrap([line(130), line(130)]))), [130]);
});
