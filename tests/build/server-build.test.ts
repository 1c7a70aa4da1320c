/**
 * What `npm start` runs is apps/server/dist (scripts/build-server.mjs). Every spawned-server test runs main.mjs; this
 * file checks the other output, the capture worker the pool loads from next to main.mjs (a worker that failed to load
 * would leave the pool decoding on the main thread without a word in any other test) and the write-ahead log's writer.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MessageChannel, Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { DecodeAnswer } from '../../apps/server/src/ingest/capture-worker-pool.js';
import { ingestHeader } from '../../apps/server/src/ingest/ingest-record.js';
import { DEFAULT_INGEST_LIMITS } from '../../apps/server/src/ingest/limits.js';
import { rowCount, rowText } from '../../apps/server/src/ingest/row-block.js';
import { ensureServerBuilt, SERVER_DIST_DIR, SERVER_ENTRY, SERVER_NODE_OPTIONS, serverBuildIsStale } from '../../scripts/build-server.mjs';

test('the build is current and has the server and the capture worker side by side', async () => {
  await ensureServerBuilt();
  assert.equal(serverBuildIsStale(), false);
  assert.ok(fs.existsSync(SERVER_ENTRY));
  // capture-worker-pool.ts loads `./capture-worker-entry.mjs` next to itself: next to main.mjs once bundled.
  assert.ok(fs.existsSync(path.join(SERVER_DIST_DIR, 'capture-worker-entry.mjs')));
  // So is write-ahead-log.ts's writer thread, `./wal-writer-entry.mjs`.
  assert.ok(fs.existsSync(path.join(SERVER_DIST_DIR, 'wal-writer-entry.mjs')));
});

test('the built write-ahead log writer writes what it is sent to the segment it names, and says so', { timeout: 30_000 }, async () => {
  await ensureServerBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-writer-build-'));
  const { port1, port2 } = new MessageChannel();
  const written = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(path.join(SERVER_DIST_DIR, 'wal-writer-entry.mjs'), { workerData: { dir, durable: true, segment: 4, port: port2, written }, transferList: [port2] });
  try {
    const heard: unknown[] = [];
    const done = new Promise<void>((resolve) => port1.on('message', (m: { type: string }) => (heard.push(m), m.type !== 'ready' && resolve())));
    port1.postMessage({ type: 'write', seq: 0, segment: 4, bytes: Buffer.from('{"n":0,"h":{}}\n') });
    await done;
    assert.deepEqual(heard, [{ type: 'ready' }, { type: 'written', seq: 0 }]);
    assert.equal(written[0], 0, 'the last write on disk, for the main thread to read between messages');
    assert.equal(fs.readFileSync(path.join(dir, '000000000004.wal'), 'utf8'), '{"n":0,"h":{}}\n');
  } finally {
    port1.close();
    await worker.terminate();
  }
});

test("the built capture worker decodes a gzip batch as the pool's protocol asks", async () => {
  await ensureServerBuilt();
  const worker = new Worker(path.join(SERVER_DIST_DIR, 'capture-worker-entry.mjs'), { workerData: { limits: DEFAULT_INGEST_LIMITS } });
  try {
    worker.postMessage({ type: 'projects', projects: [['phc_build_test', { id: 7, anonymizeIps: false }]] });
    const batch = { api_key: 'phc_build_test', batch: [1, 2, 3].map((i) => ({ event: 'built', distinct_id: `d${i}`, properties: { i } })) };
    const body = new Uint8Array(gzipSync(JSON.stringify(batch))).buffer;
    const data = { raw: { body: null, contentType: 'application/json', contentEncoding: 'gzip', query: {} }, ip: '127.0.0.1', userAgent: undefined, bearerToken: null, nowMs: Date.now() };
    const reply = new Promise<DecodeAnswer[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    // The requests of one turn of the main thread's event loop travel in one message, and their answers in one.
    const notJson = new Uint8Array(Buffer.from('{not json')).buffer;
    const jobs = [
      { id: 1, data, body },
      { id: 2, data: { ...data, raw: { ...data.raw, contentEncoding: undefined } }, body: notJson },
    ];
    worker.postMessage({ type: 'decode', jobs }, [body, notJson]);
    const answers = await reply;
    assert.deepEqual(answers.map((a) => a.id), [1, 2]);
    const second = answers[1];
    assert.ok('result' in second && second.result.kind === 'refused', 'a body that is not JSON is refused on its own');
    const first = answers[0];
    assert.ok('result' in first, 'error' in first ? first.error : '');
    const result = first.result;
    assert.ok(result.kind === 'events');
    assert.equal(result.teamId, 7);
    assert.equal(result.uuids.length, 3);
    assert.equal(result.events, 3);
    // The record arrives as the write-ahead log will hold it: a head line and one row per event.
    const record = result.record;
    assert.deepEqual(ingestHeader(record).events.map((e) => e.d), ['d1', 'd2', 'd3']);
    assert.equal(rowCount(record.rows), 3);
    assert.match(rowText(record.rows, 2), /"event":"built","distinct_id":"d3"/);
  } finally {
    await worker.terminate();
  }
});

test("npm start runs the build with the same Node options as the tests' servers", () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).scripts;
  assert.equal(scripts.start, ['node', ...SERVER_NODE_OPTIONS, path.relative(path.join(import.meta.dirname, '..', '..'), SERVER_ENTRY)].join(' '));
  assert.equal(scripts.prestart, 'node scripts/build-server.mjs');
});
