import assert from 'node:assert/strict';
import { test } from 'node:test';
import { version, validate } from 'uuid';
import { mintEventUuid } from './event-uuid.js';

test('minted event uuids are valid v7 uuids carrying the current time, all different across pool refills', () => {
  const before = Date.now();
  const minted = Array.from({ length: 5_000 }, () => mintEventUuid());
  const after = Date.now();
  assert.equal(new Set(minted).size, minted.length);
  for (const uuid of [minted[0], minted[1_023], minted[1_024], minted[4_999]]) {
    assert.ok(validate(uuid), uuid);
    assert.equal(version(uuid), 7);
    const ms = parseInt(uuid.replace(/-/g, '').slice(0, 12), 16);
    assert.ok(ms >= before && ms <= after, `${uuid} carries ${ms}`);
  }
});
