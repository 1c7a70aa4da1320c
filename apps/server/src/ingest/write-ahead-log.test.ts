import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rowCount, rowText, toRowBlock, type RowBlock } from './row-block.js';
import { WriteAheadLog } from './write-ahead-log.js';

const texts = (rows: RowBlock) => Array.from({ length: rowCount(rows) }, (_, i) => rowText(rows, i));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wal-test-'));

test('records appended and not checkpointed are handed back on reopen, in order', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: true });
  await Promise.all([1, 2, 3].map((n) => wal.append({ header: { n }, rows: toRowBlock([`{"row":${n}}`]) })));
  await wal.close();
  const { wal: again, recovered } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: true });
  assert.deepEqual(recovered.map((r) => r.record.header.n), [1, 2, 3]);
  assert.deepEqual(recovered.map((r) => texts(r.record.rows)), [['{"row":1}'], ['{"row":2}'], ['{"row":3}']]);
  await again.close();
});

test('a checkpoint hides the records before it and removes older segments', async () => {
  const dir = tmp();
  const first = await WriteAheadLog.open<{ n: number }>(dir, { fsync: false });
  const end1 = await first.wal.append({ header: { n: 1 }, rows: toRowBlock([]) });
  await first.wal.append({ header: { n: 2 }, rows: toRowBlock(['{"a":1}', '{"b":2}']) });
  await first.wal.checkpoint(end1);
  await first.wal.close();
  const second = await WriteAheadLog.open<{ n: number }>(dir, { fsync: false });
  assert.deepEqual(second.recovered.map((r) => r.record.header.n), [2]);
  await second.wal.checkpoint(second.recovered[0].end);
  await second.wal.append({ header: { n: 3 }, rows: toRowBlock([]) });
  const lastEnd = await second.wal.append({ header: { n: 4 }, rows: toRowBlock([]) });
  await second.wal.checkpoint(lastEnd);
  await second.wal.close();
  const third = await WriteAheadLog.open<{ n: number }>(dir, { fsync: false });
  assert.deepEqual(third.recovered, []);
  await third.wal.close();
  const segments = fs.readdirSync(dir).filter((n) => n.endsWith('.wal'));
  assert.ok(segments.length <= 2, `old segments removed, left: ${segments.join(',')}`);
});

test('a torn last record (fewer rows than its header promises) from a crash mid-write is ignored', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: true });
  await wal.append({ header: { n: 1 }, rows: toRowBlock(['{"x":1}']) });
  await wal.close();
  const segment = fs.readdirSync(dir).find((n) => n.endsWith('.wal'))!;
  fs.appendFileSync(path.join(dir, segment), '{"n":2,"h":{"n":2}}\n{"x":2}\n');
  const { wal: again, recovered } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: true });
  assert.deepEqual(recovered.map((r) => r.record.header.n), [1]);
  await again.close();
});

test('concurrent appends are group-committed and each resolves with its own end position', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: true });
  const ends = await Promise.all(Array.from({ length: 50 }, (_, n) => wal.append({ header: { n }, rows: toRowBlock([`{"row":${n}}`]) })));
  for (let i = 1; i < ends.length; i++) assert.ok(ends[i].offset > ends[i - 1].offset);
  await wal.close();
  const { wal: again, recovered } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: true });
  assert.equal(recovered.length, 50);
  await again.close();
});

test('rows with multi-byte text come back as they went in, and a record with none stays empty', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: false });
  await wal.append({ header: { n: 1 }, rows: toRowBlock(['{"name":"Zoë 🐻"}', '{"emoji":"\\u2603 ☃"}']) });
  await wal.append({ header: { n: 2 }, rows: toRowBlock([]) });
  await wal.close();
  const { wal: again, recovered } = await WriteAheadLog.open<{ n: number }>(dir, { fsync: false });
  assert.deepEqual(recovered.map((r) => texts(r.record.rows)), [['{"name":"Zoë 🐻"}', '{"emoji":"\\u2603 ☃"}'], []]);
  await again.close();
});
