import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rowCount, rowText, toRowBlock, type RowBlock } from './row-block.js';
import { walHead, walHeader, WriteAheadLog } from './write-ahead-log.js';

const texts = (rows: RowBlock) => Array.from({ length: rowCount(rows) }, (_, i) => rowText(rows, i));
const rec = (header: { n: number }, rows: string[]) => ({ head: walHead(header, rows.length), rows: toRowBlock(rows) });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wal-test-'));

test('records appended and not checkpointed are handed back on reopen, in order', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: true });
  await Promise.all([1, 2, 3].map((n) => wal.append(rec({ n }, [`{"row":${n}}`]))));
  await wal.close();
  const { wal: again, recovered } = await WriteAheadLog.open(dir, { fsync: true });
  assert.deepEqual(recovered.map((r) => walHeader<{ n: number }>(r.record.head).n), [1, 2, 3]);
  assert.deepEqual(recovered.map((r) => texts(r.record.rows)), [['{"row":1}'], ['{"row":2}'], ['{"row":3}']]);
  await again.close();
});

test('a checkpoint hides the records before it and removes older segments', async () => {
  const dir = tmp();
  const first = await WriteAheadLog.open(dir, { fsync: false });
  const end1 = await first.wal.append(rec({ n: 1 }, []));
  await first.wal.append(rec({ n: 2 }, ['{"a":1}', '{"b":2}']));
  await first.wal.checkpoint(end1);
  await first.wal.close();
  const second = await WriteAheadLog.open(dir, { fsync: false });
  assert.deepEqual(second.recovered.map((r) => walHeader<{ n: number }>(r.record.head).n), [2]);
  await second.wal.checkpoint(second.recovered[0].end);
  await second.wal.append(rec({ n: 3 }, []));
  const lastEnd = await second.wal.append(rec({ n: 4 }, []));
  await second.wal.checkpoint(lastEnd);
  await second.wal.close();
  const third = await WriteAheadLog.open(dir, { fsync: false });
  assert.deepEqual(third.recovered, []);
  await third.wal.close();
  const segments = fs.readdirSync(dir).filter((n) => n.endsWith('.wal'));
  assert.ok(segments.length <= 2, `old segments removed, left: ${segments.join(',')}`);
});

test('a torn last record (fewer rows than its header promises) from a crash mid-write is ignored', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: true });
  await wal.append(rec({ n: 1 }, ['{"x":1}']));
  await wal.close();
  const segment = fs.readdirSync(dir).find((n) => n.endsWith('.wal'))!;
  fs.appendFileSync(path.join(dir, segment), '{"n":2,"h":{"n":2}}\n{"x":2}\n');
  const { wal: again, recovered } = await WriteAheadLog.open(dir, { fsync: true });
  assert.deepEqual(recovered.map((r) => walHeader<{ n: number }>(r.record.head).n), [1]);
  await again.close();
});

test('concurrent appends are group-committed and each resolves with its own end position', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: true });
  const ends = await Promise.all(Array.from({ length: 50 }, (_, n) => wal.append(rec({ n }, [`{"row":${n}}`]))));
  for (let i = 1; i < ends.length; i++) assert.ok(ends[i].offset > ends[i - 1].offset);
  await wal.close();
  const { wal: again, recovered } = await WriteAheadLog.open(dir, { fsync: true });
  assert.equal(recovered.length, 50);
  await again.close();
});

test('appends not yet written when close is called are written before it returns', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: true });
  const appends = [1, 2, 3].map((n) => wal.append(rec({ n }, [`{"row":${n}}`])));
  await wal.close();
  assert.equal((await Promise.all(appends)).length, 3);
  await assert.rejects(wal.append(rec({ n: 4 }, [])), /closed/);
  const { wal: again, recovered } = await WriteAheadLog.open(dir, { fsync: true });
  assert.deepEqual(recovered.map((r) => walHeader<{ n: number }>(r.record.head).n), [1, 2, 3]);
  await again.close();
});

test("appends past a segment's size go to the next one, and a failed write fails its segment, not the log", async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: false, segmentMaxBytes: 40 });
  // A directory where segment 2 will be: opening it fails, as a full or broken disk would fail a write.
  fs.mkdirSync(path.join(dir, '000000000002.wal'));
  const first = await wal.append(rec({ n: 1 }, ['{"padding":"to go past forty bytes"}']));
  assert.equal(first.segment, 1);
  await assert.rejects(wal.append(rec({ n: 2 }, ['{"x":2}'])), /write-ahead log write failed/);
  const third = await wal.append(rec({ n: 3 }, ['{"x":3}']));
  assert.equal(third.segment, 3);
  await wal.close();
  fs.rmdirSync(path.join(dir, '000000000002.wal'));
  const { wal: again, recovered } = await WriteAheadLog.open(dir, { fsync: false });
  assert.deepEqual(recovered.map((r) => [walHeader<{ n: number }>(r.record.head).n, r.end.segment]), [[1, 1], [3, 3]]);
  await again.close();
});

test('a failed write is never acknowledged, even when a later write in the next segment is on disk before it is heard of', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: false, segmentMaxBytes: 20 });
  await wal.append(rec({ n: 1 }, ['{"fills":"segment one"}']));
  fs.mkdirSync(path.join(dir, '000000000002.wal'));
  // One turn: `a` goes to segment 2 (which cannot be opened), `b` past it to segment 3.
  const a = wal.append(rec({ n: 2 }, ['{"fills":"segment two"}']));
  const b = wal.append(rec({ n: 3 }, ['{"x":3}']));
  const outcomes = Promise.allSettled([a, b]);
  // The next turn: the writer fails `a` and writes `b` while this thread is busy and hears of neither; an append
  // then reads what the writer published.
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      const until = Date.now() + 500;
      while (Date.now() < until);
      void wal.append(rec({ n: 4 }, []));
      resolve();
    }),
  );
  const [first, second] = await outcomes;
  assert.equal(first.status, 'rejected');
  assert.equal(second.status, 'fulfilled');
  await wal.close();
});

test('when the writer thread is gone the log says so, and appends fail instead of waiting forever', async () => {
  const { wal } = await WriteAheadLog.open(tmp(), { fsync: false });
  assert.equal(wal.healthy, true);
  await wal.append(rec({ n: 1 }, []));
  // As if the thread had crashed: nothing in the log's own code stops it.
  await (wal as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(wal.healthy, false);
  await assert.rejects(wal.append(rec({ n: 2 }, [])), /writer stopped/);
  await wal.close();
});

test('rows with multi-byte text come back as they went in, and a record with none stays empty', async () => {
  const dir = tmp();
  const { wal } = await WriteAheadLog.open(dir, { fsync: false });
  await wal.append(rec({ n: 1 }, ['{"name":"Zoë 🐻"}', '{"emoji":"\\u2603 ☃"}']));
  await wal.append(rec({ n: 2 }, []));
  await wal.close();
  const { wal: again, recovered } = await WriteAheadLog.open(dir, { fsync: false });
  assert.deepEqual(recovered.map((r) => texts(r.record.rows)), [['{"name":"Zoë 🐻"}', '{"emoji":"\\u2603 ☃"}'], []]);
  await again.close();
});

test('with fsync on, the open segment writes through to disk (O_DSYNC); with it off, it does not', async (t) => {
  if (process.platform !== 'linux') return t.skip('reads the open flags from /proc');
  const openFlags = (): number[] =>
    fs
      .readdirSync('/proc/self/fd')
      .filter((fd) => /\.wal$/.test(safeReadlink(`/proc/self/fd/${fd}`)))
      .map((fd) => parseInt(/^flags:\s*(\d+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1], 8));
  for (const fsync of [true, false]) {
    const { wal } = await WriteAheadLog.open(fs.mkdtempSync(path.join(os.tmpdir(), 'wal-dsync-')), { fsync });
    const flags = openFlags();
    await wal.close();
    assert.equal(flags.length, 1);
    assert.equal((flags[0] & fs.constants.O_DSYNC) !== 0, fsync, `fsync ${fsync}: flags ${flags[0].toString(8)}`);
    assert.ok(flags[0] & fs.constants.O_APPEND);
  }
});

function safeReadlink(file: string): string {
  try {
    return fs.readlinkSync(file);
  } catch {
    return '';
  }
}
