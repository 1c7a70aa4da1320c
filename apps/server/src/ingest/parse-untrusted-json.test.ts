import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hardenParsedJson, nestsDeeperThan, parseUntrustedJson, TOO_DEEP } from './parse-untrusted-json.js';

test('the top level counts as depth 1', () => {
  assert.notEqual(hardenParsedJson({ a: { b: 1 } }, 2), TOO_DEEP);
  assert.equal(hardenParsedJson({ a: { b: {} } }, 2), TOO_DEEP);
  assert.equal(hardenParsedJson([[[]]], 2), TOO_DEEP);
  assert.equal(hardenParsedJson('scalar', 0), 'scalar');
});

test('hardening rebuilds objects with a null prototype, fixes arrays in place and nulls non-finite numbers', () => {
  const parsed = JSON.parse('{"a":[{"b":1e400},2,[3,{"c":-1e400}]],"__proto__":{"x":1}}');
  const hardened = hardenParsedJson(parsed, 64) as Record<string, any>;
  assert.equal(Object.getPrototypeOf(hardened), null);
  assert.equal(Object.getPrototypeOf(hardened.a[0]), null);
  assert.equal(Object.getPrototypeOf(hardened.a[2][1]), null);
  assert.ok(Array.isArray(hardened.a));
  assert.equal(JSON.stringify(hardened), '{"a":[{"b":null},2,[3,{"c":null}]],"__proto__":{"x":1}}');
});

test('the pre-scan agrees with the walk and skips string contents, including escaped quotes', () => {
  assert.equal(nestsDeeperThan('[[[]]]', 3), false);
  assert.equal(nestsDeeperThan('[[[[]]]]', 3), true);
  assert.equal(nestsDeeperThan('["[[[[\\"[[[["]', 1), false);
  assert.equal(nestsDeeperThan('["\\\\",[[]]]', 2), true);
  assert.equal(nestsDeeperThan('["unterminated [[[[', 1), false);
});

test('a large, deep payload is refused by the pre-scan before JSON.parse', () => {
  const deep = '{"padding":"' + 'x'.repeat(70_000) + '","a":' + '['.repeat(100) + ']'.repeat(100) + '}';
  const result = parseUntrustedJson(deep, 64);
  assert.equal(result.ok, false);
});

test('a large, shallow payload parses', () => {
  const shallow = JSON.stringify({ batch: Array.from({ length: 2000 }, (_, i) => ({ event: `e${i}`, properties: { '[': '{' } })) });
  assert.ok(shallow.length > 64 * 1024);
  const result = parseUntrustedJson(shallow, 64);
  assert.equal(result.ok, true);
});

test('text that cannot name __proto__ keeps its objects as parsed, with the same number fixes and depth limit', () => {
  const result = parseUntrustedJson('{"a":[{"b":1e400},2,[3,{"c":-1e400}]],"big":123456789012345678901,"toString":1}', 64);
  assert.ok(result.ok);
  const value = result.value as Record<string, any>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal(JSON.stringify(value), '{"a":[{"b":null},2,[3,{"c":null}]],"big":"123456789012345680000","toString":1}');
  assert.equal(parseUntrustedJson('{"a":{"b":{}}}', 2).ok, false);
  assert.equal(parseUntrustedJson('[[[]]]', 2).ok, false);
  assert.equal(parseUntrustedJson('{"a":{"b":1}}', 2).ok, true);
});

test('text that could name __proto__, spelled out or escaped, is rebuilt with null prototypes', () => {
  for (const text of ['{"p":{"__proto__":{"x":1}}}', '{"p":{"\\u005f_proto__":{"x":1}}}', '{"p":{"__pr\\u006fto__":{"x":1}}}']) {
    const result = parseUntrustedJson(text, 64);
    assert.ok(result.ok);
    const p = (result.value as Record<string, any>).p;
    assert.equal(Object.getPrototypeOf(p), null, text);
    assert.ok(Object.hasOwn(p, '__proto__'), text);
    assert.deepEqual({ ...p.__proto__ }, { x: 1 });
  }
});
