import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createParamBinder, inferParamType } from './query-params.js';

test('constants are bound with a type inferred from the value', () => {
  assert.equal(inferParamType('x'), 'String');
  assert.equal(inferParamType(42), 'Int64');
  assert.equal(inferParamType(4.2), 'Float64');
  assert.equal(inferParamType(true), 'Bool');
  assert.equal(inferParamType(new Date(0)), "DateTime64(6, 'UTC')");
  assert.equal(inferParamType(2n ** 63n), 'UInt64');
  assert.equal(inferParamType(['a', 'b']), 'Array(String)');
  assert.equal(inferParamType([1, 2]), 'Array(Int64)');
  assert.equal(inferParamType([1, 2.5]), 'Array(Float64)');
  assert.equal(inferParamType([]), 'Array(String)');
});

test('binding returns {name:Type} placeholders and collects the values, sharing names for equal values', () => {
  const binder = createParamBinder();
  assert.equal(binder.bind("it's"), '{p0:String}');
  assert.equal(binder.bind(7), '{p1:Int64}');
  assert.equal(binder.bind("it's"), '{p0:String}');
  assert.equal(binder.bind(7, 'UInt64'), '{p2:UInt64}');
  assert.equal(binder.bind(['a']), '{p3:Array(String)}');
  assert.deepEqual(binder.params, { p0: "it's", p1: 7, p2: 7, p3: ['a'] });
});

test('values are converted to what ClickHouse parses for their type', () => {
  const binder = createParamBinder();
  binder.bind(new Date('2024-05-01T10:00:00.123Z'));
  binder.bind(Number.NaN);
  binder.bind(-Infinity);
  binder.bind(12345678901234567890n);
  assert.deepEqual(Object.values(binder.params), ['2024-05-01 10:00:00.123000', 'nan', '-inf', '12345678901234567890']);
});

test('values that cannot be typed safely are refused', () => {
  const binder = createParamBinder();
  assert.throws(() => binder.bind([1, 'a'] as unknown as string[]));
  assert.throws(() => binder.bind(2n ** 64n));
  assert.throws(() => binder.bind(new Date(Number.NaN)));
  assert.throws(() => binder.bind(1.5, 'Int64'));
  assert.throws(() => binder.bind('x', 'Tuple(a Int64)' as never));
});

test('fixed parameter names cannot collide with generated ones', () => {
  const binder = createParamBinder();
  assert.equal(binder.bindNamed('team_id', 1, 'Int64'), '{team_id:Int64}');
  assert.throws(() => binder.bindNamed('p0', 1, 'Int64'));
  assert.throws(() => binder.bindNamed('x:String} OR {y', 1, 'Int64'));
});
