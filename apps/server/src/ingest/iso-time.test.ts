import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoTime } from './iso-time.js';

test('isoTime writes what Date#toISOString writes, across leap years, month ends and the fast range edges', () => {
  const edges = [0, 1, 951_782_400_000, 951_868_799_999, 1_709_164_800_000, 4_107_542_399_999, 253_402_300_799_999, 253_402_300_800_000, -1, -62_198_755_200_000, 1.5];
  for (const ms of edges) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
  let seed = 7;
  for (let i = 0; i < 200_000; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const ms = Math.floor((seed / 2 ** 31) * 253_402_300_800_000);
    assert.equal(isoTime(ms), new Date(ms).toISOString());
  }
});
