import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { readActorsKeys } from './paths-actors.js';

test('actors keys come from the point, each falling back to the pathsFilter; empty keys are absent', () => {
  assert.deepEqual(readActorsKeys({ pathStartKey: '1_/a' }, { pathEndKey: '2_/b', pathStartKey: '1_/x' }), { start: '1_/a', end: '2_/b' });
  assert.deepEqual(readActorsKeys({ pathDropoffKey: '' }, { pathDropoffKey: '3_/c' }), { dropoff: '3_/c' });
  assert.deepEqual(readActorsKeys({}, {}), {});
  assert.throws(() => readActorsKeys({ pathEndKey: 5 as never }, {}), HogQLError);
});
