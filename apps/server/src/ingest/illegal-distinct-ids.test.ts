import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIllegalDistinctId } from './illegal-distinct-ids.js';

test('the case-insensitive placeholders are illegal in any case, bare or in double quotes', () => {
  for (const id of ['anonymous', 'guest', 'distinct_id', 'distinctid', 'id', 'not_authenticated', 'email', 'undefined', 'true', 'false', 'null']) {
    for (const variant of [id, id.toUpperCase(), id[0].toUpperCase() + id.slice(1), `"${id}"`, `"${id.toUpperCase()}"`]) {
      assert.equal(isIllegalDistinctId(variant), true, variant);
    }
  }
});

test('[object Object], NaN, None, none and 0 are illegal exactly as written', () => {
  for (const id of ['[object Object]', 'NaN', 'None', 'none', '0', '"NaN"', '"0"']) assert.equal(isIllegalDistinctId(id), true, id);
  for (const id of ['nan', 'NAN', '[OBJECT OBJECT]', 'NONE', '00']) assert.equal(isIllegalDistinctId(id), false, id);
});

test('blank ids are illegal', () => {
  assert.equal(isIllegalDistinctId(''), true);
  assert.equal(isIllegalDistinctId('   '), true);
});

test('real ids are legal, including ones that contain a placeholder', () => {
  for (const id of ['user-42', 'anonymous-123', 'guest_user', '42', '01a20af5-5efa-72b2-8776-b99d3780f0e0', 'x'.repeat(200)]) {
    assert.equal(isIllegalDistinctId(id), false, id);
  }
});
