import { test } from 'node:test';
import assert from 'node:assert/strict';
import LZString from 'lz-string';
import { decompressLz64Capped } from './lz64.js';

/** Deterministic pseudo-random text mixing ASCII, Latin-1, BMP and astral characters. */
function sampleText(seed: number, length: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const pools = ['{"event":"e","properties":{"a":1}}', 'abcabcabc', 'éüß', '中文字符', '😀🎉', '\u0000\u0001'];
  let out = '';
  while (out.length < length) {
    const pool = pools[next() % pools.length];
    out += pool.slice(0, 1 + (next() % pool.length));
  }
  return out;
}

test('decompresses exactly what the lz-string package compresses', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const text = sampleText(seed, seed * 37);
    const compressed = LZString.compressToBase64(text);
    const result = decompressLz64Capped(compressed, 1_000_000);
    assert.deepEqual(result, { ok: true, value: text }, `seed ${seed}`);
    assert.equal(LZString.decompressFromBase64(compressed), text);
  }
});

test('agrees with the package on the empty string and on JSON payloads', () => {
  const json = JSON.stringify({ api_key: 'phc', batch: Array.from({ length: 50 }, (_, i) => ({ event: `e${i}`, properties: { i } })) });
  assert.deepEqual(decompressLz64Capped(LZString.compressToBase64(json), 10_000_000), { ok: true, value: json });
  assert.deepEqual(decompressLz64Capped(LZString.compressToBase64(''), 10), { ok: true, value: '' });
});

test('stops once the output passes the cap, even for input that expands quadratically', () => {
  const compressed = LZString.compressToBase64('a'.repeat(5_000_000));
  const started = performance.now();
  assert.deepEqual(decompressLz64Capped(compressed, 1000), { ok: false, reason: 'too_large' });
  assert.ok(performance.now() - started < 200);
  assert.equal(decompressLz64Capped(compressed, 5_000_000).ok, true);
  assert.deepEqual(decompressLz64Capped(compressed, 4_999_999), { ok: false, reason: 'too_large' });
});

test('empty, truncated and corrupt input is invalid, never an exception', () => {
  assert.deepEqual(decompressLz64Capped('', 100), { ok: false, reason: 'invalid' });
  const compressed = LZString.compressToBase64('{"event":"a longer payload to truncate"}');
  assert.equal(decompressLz64Capped(compressed.slice(0, compressed.length / 2), 1000).ok, false);
  for (const garbage of ['////', 'zzzzzzzz', '!!!!', '\u4e2d\u6587']) {
    const result = decompressLz64Capped(garbage, 1000);
    assert.ok(result.ok === false || typeof result.value === 'string');
  }
});
