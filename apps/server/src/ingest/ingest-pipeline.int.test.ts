import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { IdentityProcessor } from '../identity/identity-processor.js';
import { KyselyIdentityStores } from '../identity/identity-stores.js';
import { ingestEntry } from '../identity/test-support/identity-events.js';
import { Metrics } from '../platform/metrics.js';
import { ChdbEventStore } from '../storage/chdb-event-store.js';
import { openSqliteMetaDb } from '../storage/open-meta-db.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { ingestRecord, type IngestHeader, type IngestRecord } from './ingest-record.js';
import { WriteAheadLog } from './write-ahead-log.js';

/** `count` pageviews of project 1 as one acknowledged request's record. */
function record(count: number): IngestRecord {
  const out: IngestHeader = { events: [], warnings: [] };
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = ingestEntry('$pageview', `user-${i % 500}`, { $current_url: `https://example.com/${i}` });
    out.events.push(entry.identity);
    rows.push(entry.row);
  }
  return ingestRecord(out, rows);
}

/** A pipeline over a fresh data dir (chDB, SQLite, the log), flushed only when asked. */
async function openPipeline() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-pipeline-'));
  const store = new ChdbEventStore(dir);
  await store.migrate();
  const metaDb = await openSqliteMetaDb(dir);
  const { wal } = await WriteAheadLog.open(path.join(dir, 'wal'), { fsync: false });
  const metrics = new Metrics();
  const pipeline = new IngestPipeline(wal, store, new IdentityProcessor(new KyselyIdentityStores(metaDb)), metrics, pino({ level: 'silent' }), {
    flushIntervalMs: 60_000,
    flushMaxEvents: 100_000,
    quarantineDir: path.join(dir, 'quarantine'),
  });
  const close = async () => {
    await metaDb.destroy();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { store, pipeline, metrics, close };
}

test('stop waits for a flush already under way: what it took from the buffer is in the store when stop resolves', async () => {
  const { store, pipeline, close } = await openPipeline();
  try {
    await pipeline.start([]);
    await pipeline.accept(record(5_000));
    // A flush begins (as the interval timer starts one) and takes the whole buffer; SIGTERM's stop comes meanwhile.
    void pipeline.flush();
    await pipeline.stop();
    const stored = await store.query('SELECT count() FROM events WHERE team_id = 1');
    assert.equal(Number(stored.rows[0][0]), 5_000);
  } finally {
    await close();
  }
});

test('a flush stores what was buffered when it was asked for; records acknowledged meanwhile wait for the next one, and stop stores them all', async () => {
  const { store, pipeline, metrics, close } = await openPipeline();
  const count = async () => Number((await store.query('SELECT count() FROM events WHERE team_id = 1')).rows[0][0]);
  try {
    await pipeline.start([]);
    await pipeline.accept(record(1_000));
    const first = pipeline.flush();
    // Acknowledged while the first flush runs (as requests keep arriving under load).
    for (let i = 0; i < 5; i++) await pipeline.accept(record(100));
    await first;
    assert.equal(await count(), 1_000, 'the flush did not chase the records that arrived after it began');
    assert.equal((await metrics.bufferSize.get()).values[0].value, 500);
    await pipeline.stop();
    assert.equal(await count(), 1_500);
  } finally {
    await close();
  }
});
