import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'node:querystring';
import { singleQueryValues } from './single-query-values.js';

test('a repeated name keeps its last value; other names keep theirs', () => {
  assert.deepEqual({ ...singleQueryValues(parse('compression=gzip-js&compression=base64&v=2')) }, { compression: 'base64', v: '2' });
  assert.deepEqual({ ...singleQueryValues(parse('token=a&token=&x')) }, { token: '', x: '' });
});

test('values that are no text are left out; a __proto__ name is a name', () => {
  assert.deepEqual({ ...singleQueryValues({ a: 5, b: { c: 1 }, d: ['x', 7] }) }, {});
  assert.equal(singleQueryValues(parse('__proto__=x')).__proto__, 'x');
  assert.deepEqual({ ...singleQueryValues(null) }, {});
});
