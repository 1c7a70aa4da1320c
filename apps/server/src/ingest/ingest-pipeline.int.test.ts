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
import { EventStoreError, type EventStore, type EventStoreTable } from '../storage/event-store.js';
import { openSqliteMetaDb } from '../storage/open-meta-db.js';
import { IngestPipeline } from './ingest-pipeline.js';
import { ingestRecord, type IngestHeader, type IngestRecord } from './ingest-record.js';
import { WriteAheadLog } from './write-ahead-log.js';

/** `count` pageviews of project 1 as one acknowledged request's record. */
function record(count: number): IngestRecord {
  return recordOf(pageviews(count));
}

function pageviews(count: number): ReturnType<typeof ingestEntry>[] {
  return Array.from({ length: count }, (_, i) => ingestEntry('$pageview', `user-${i % 500}`, { $current_url: `https://example.com/${i}` }));
}

function recordOf(entries: ReturnType<typeof ingestEntry>[]): IngestRecord {
  const out: IngestHeader = { events: entries.map((e) => e.identity), warnings: [] };
  return ingestRecord(out, entries.map((e) => e.row));
}

/** A pipeline over a fresh data dir (chDB, SQLite, the log), flushed only when asked; `wrap` may inject faults. */
async function openPipeline(wrap: (store: EventStore) => EventStore = (store) => store) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-pipeline-'));
  const store = new ChdbEventStore(dir);
  await store.migrate();
  const metaDb = await openSqliteMetaDb(dir);
  const { wal } = await WriteAheadLog.open(path.join(dir, 'wal'), { fsync: false });
  const metrics = new Metrics();
  const pipeline = new IngestPipeline(wal, wrap(store), new IdentityProcessor(new KyselyIdentityStores(metaDb)), metrics, pino({ level: 'silent' }), {
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

test('a flush that fails part-way through isolating rows (the disk fills) stores nothing twice once it recovers', async () => {
  // The real store, with faults injected into its event inserts: three refused batches (as for a bad row), then one
  // refused whole batch whose first half goes in before the disk "fills", then the disk is back.
  let eventInserts = 0;
  const faulty = (store: EventStore): EventStore =>
    Object.create(store, {
      insertJsonRows: {
        value: async (table: EventStoreTable, rows: readonly string[] | Uint8Array) => {
          if (table === 'events') {
            eventInserts += 1;
            if (eventInserts <= 4) throw new EventStoreError('Cannot parse input', 27, 'query');
            if (eventInserts === 6) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          }
          return store.insertJsonRows(table, rows);
        },
      },
    }) as EventStore;
  const { store, pipeline, metrics, close } = await openPipeline(faulty);
  const count = async () => Number((await store.query('SELECT count() FROM events WHERE team_id = 1')).rows[0][0]);
  try {
    await pipeline.start([]);
    const events = pageviews(10);
    await pipeline.accept(recordOf(events));
    await pipeline.accept(recordOf(events.slice(0, 2)));
    for (let i = 0; i < 4; i++) await pipeline.flush();
    assert.equal(eventInserts, 6, 'three failed flushes, then isolation: the whole batch, its first half, its second half');
    assert.equal(await count(), 5, 'the first half went in before the failure');
    await pipeline.flush();
    assert.equal(await count(), 10, 'the retry stored the other half, and the first half once');
    // The first half is left out of the retry as already stored: counted as flushed, not as the client's duplicates.
    // The two events sent again (a client's retry) are the only duplicates, counted once, not once per attempt.
    assert.equal((await metrics.eventsFlushed.get()).values[0]?.value, 10);
    const dropped = (await metrics.eventsDropped.get()).values.filter((v) => v.labels.reason === 'duplicate_event');
    assert.equal(dropped[0]?.value, 2);
  } finally {
    await pipeline.stop();
    await close();
  }
});
