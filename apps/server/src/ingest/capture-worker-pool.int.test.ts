import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CaptureWorkerPool } from './capture-worker-pool.js';
import type { CaptureRequestData } from './decode-capture.js';
import { ingestHeader } from './ingest-record.js';
import { DEFAULT_INGEST_LIMITS } from './limits.js';

// The pool's workers are unref'd (the server's HTTP listener keeps the process up): a timer does that here.
const keepAlive = setInterval(() => {}, 1000);
after(() => clearInterval(keepAlive));

const request = (body: Buffer, contentEncoding?: string): CaptureRequestData => ({
  raw: { body, contentType: 'application/json', contentEncoding, query: {} },
  ip: '127.0.0.1',
  userAgent: undefined,
  bearerToken: null,
  nowMs: Date.now(),
});

test('requests handed over in one turn of the event loop each get their own answer, a bad one refused alone', async () => {
  const pool = new CaptureWorkerPool(2, DEFAULT_INGEST_LIMITS);
  try {
    pool.setProjects([['phc_pool_test', { id: 3, anonymizeIps: false }]]);
    const batch = (i: number) => gzipSync(JSON.stringify({ api_key: 'phc_pool_test', batch: [{ event: `e${i}`, distinct_id: `d${i}` }, { event: `e${i}`, distinct_id: `d${i}` }] }));
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => pool.decode(i === 7 ? request(Buffer.from('{not json')) : request(batch(i), 'gzip'))),
    );
    answers.forEach((answer, i) => {
      if (i === 7) return assert.equal(answer.kind, 'refused');
      assert.ok(answer.kind === 'events', `request ${i}: ${answer.kind}`);
      assert.equal(answer.teamId, 3);
      assert.deepEqual(ingestHeader(answer.record).events.map((e) => `${e.e}/${e.d}`), [`e${i}/d${i}`, `e${i}/d${i}`]);
    });
    // And one arriving later, alone, in a turn of its own.
    const later = await pool.decode(request(batch(99), 'gzip'));
    assert.ok(later.kind === 'events' && ingestHeader(later.record).events[0].d === 'd99');
  } finally {
    await pool.close();
  }
});

test('requests of a short turn (handed to one worker together) each get their own answer, a bad one refused alone', async () => {
  const pool = new CaptureWorkerPool(2, DEFAULT_INGEST_LIMITS);
  try {
    pool.setProjects([['phc_pool_test', { id: 3, anonymizeIps: false }]]);
    const body = (i: number) => Buffer.from(JSON.stringify({ api_key: 'phc_pool_test', event: `s${i}`, distinct_id: `d${i}` }));
    const answers = await Promise.all([pool.decode(request(body(0))), pool.decode(request(Buffer.from('[1,'))), pool.decode(request(body(2)))]);
    assert.equal(answers[1].kind, 'refused');
    for (const i of [0, 2]) {
      const answer = answers[i];
      assert.ok(answer.kind === 'events', `request ${i}: ${answer.kind}`);
      assert.deepEqual(ingestHeader(answer.record).events.map((e) => `${e.e}/${e.d}`), [`s${i}/d${i}`]);
    }
  } finally {
    await pool.close();
  }
});

test('a request handed to a pool whose workers have all stopped is refused with an error, not left waiting', async () => {
  const pool = new CaptureWorkerPool(1, DEFAULT_INGEST_LIMITS);
  await pool.close();
  // exit events arrive after terminate resolves
  while (pool.healthy) await new Promise((r) => setTimeout(r, 10));
  await assert.rejects(pool.decode(request(Buffer.from('{}'))), /no capture worker/);
});
