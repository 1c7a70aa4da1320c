import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonLinesWriter, rowBlockAt, rowCount, rowText, toRowBlock, transferable } from './row-block.js';

test('a row block keeps each row, multi-byte text included, and finds them again from bytes alone', () => {
  const rows = ['{"a":1}', '{"b":"é ☃ 🐻"}', '{}'];
  const block = toRowBlock(rows);
  assert.equal(rowCount(block), 3);
  assert.deepEqual([0, 1, 2].map((i) => rowText(block, i)), rows);
  assert.equal(Buffer.from(block.bytes).toString(), rows.join('\n') + '\n');
  const again = rowBlockAt(block.bytes, 0, 3)!;
  assert.deepEqual(Array.from(again.ends), Array.from(block.ends));
  assert.equal(rowBlockAt(block.bytes, 0, 4), null, 'a block claiming more rows than the bytes hold is refused');
  const later = rowBlockAt(Buffer.concat([Buffer.from('head\n'), block.bytes]), 5, 2)!;
  assert.deepEqual([0, 1].map((i) => rowText(later, i)), rows.slice(0, 2));
  assert.equal(later.bytes.byteLength, block.ends[1]);
  assert.equal(rowCount(toRowBlock([])), 0);
});

test('the lines writer joins text and row ranges, growing past its first guess', () => {
  const block = toRowBlock(['{"x":"ünïcode"}', '{"y":2}']);
  const writer = new JsonLinesWriter(1);
  for (let n = 0; n < 200; n++) {
    writer.appendText(`{"n":${n},`);
    writer.appendRow(block, n % 2, 1);
  }
  const lines = writer.bytes().toString('utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, 200);
  assert.equal(lines[0], '{"n":0,"x":"ünïcode"}');
  assert.equal(lines[199], '{"n":199,"y":2}');
});

test('transferable keeps bytes that own their ArrayBuffer and copies pooled ones', () => {
  const pooled = toRowBlock(['{"a":1}']).bytes;
  assert.notEqual(pooled.byteLength, pooled.buffer.byteLength, 'a small block comes from the pool');
  const own = transferable(pooled);
  assert.equal(own.byteLength, own.buffer.byteLength);
  assert.deepEqual(Buffer.from(own), Buffer.from(pooled));
  const whole = new Uint8Array(8);
  assert.equal(transferable(whole), whole);
});
