import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8, replaceLoneSurrogateEscapes, stripBom } from './json-text.js';

test('a lone high surrogate escape at the end of a string becomes \\ufffd', () => {
  assert.equal(replaceLoneSurrogateEscapes('["\\ud800"]'), '["\\ufffd"]');
  assert.equal(replaceLoneSurrogateEscapes('["\\uD83D\\u0041"]'), '["\\ufffd\\u0041"]');
});

test('two high surrogates in a row: the first is lone, the second pairs with the low one after it', () => {
  assert.equal(replaceLoneSurrogateEscapes('"\\ud800\\ud83d\\ude00"'), '"\\ufffd\\ud83d\\ude00"');
});

test('lone low surrogate escapes become \\ufffd; valid pairs in either case are kept', () => {
  assert.equal(replaceLoneSurrogateEscapes('"\\udfff|\\uD83D\\uDE00"'), '"\\ufffd|\\uD83D\\uDE00"');
});

test('an escaped backslash followed by u-d800 text is not an escape and stays', () => {
  assert.equal(replaceLoneSurrogateEscapes('"\\\\ud800"'), '"\\\\ud800"');
  assert.equal(replaceLoneSurrogateEscapes('"\\\\\\ud800"'), '"\\\\\\ufffd"');
});

test('text without surrogate escapes is returned as the same string', () => {
  const text = '{"a":"\\u001f\\u008b plain"}';
  assert.equal(replaceLoneSurrogateEscapes(text), text);
});

test('decodeUtf8 strips a BOM and refuses invalid bytes', () => {
  assert.deepEqual(decodeUtf8(Buffer.from('\ufeff{}')), { ok: true, value: '{}' });
  assert.equal(decodeUtf8(Buffer.from([0xc3])).ok, false);
  assert.equal(stripBom('\ufeff[]'), '[]');
  assert.equal(stripBom('[]'), '[]');
});
