import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canStartPlayback, inTimeOrder, recordedWindows } from './rrweb-events';

test('time order is stable for equal times, so a Meta stays before its full snapshot', () => {
  const meta = { type: 4, timestamp: 5 };
  const full = { type: 2, timestamp: 5 };
  const early = { type: 3, timestamp: 1 };
  assert.deepEqual(inTimeOrder([meta, full, early]), [early, meta, full]);
});

test('playback waits for two events and a full snapshot', () => {
  assert.equal(canStartPlayback([{ type: 4, timestamp: 1 }]), false);
  assert.equal(canStartPlayback([{ type: 4, timestamp: 1 }, { type: 3, timestamp: 2 }]), false);
  assert.equal(canStartPlayback([{ type: 4, timestamp: 1 }, { type: 2, timestamp: 2 }]), true);
});

test('windows are listed in order of appearance, the first with a full snapshot leading', () => {
  const at = (windowId: string, type: number, timestamp: number) => ({ windowId, event: { type, timestamp } });
  assert.deepEqual(recordedWindows([[at('b', 4, 1), at('a', 4, 2)], [at('a', 2, 3), at('c', 3, 4), at('b', 2, 5)]]), ['a', 'b', 'c']);
  assert.deepEqual(recordedWindows([[at('b', 3, 1), at('a', 3, 2)]]), ['b', 'a']);
  assert.deepEqual(recordedWindows([]), []);
});
