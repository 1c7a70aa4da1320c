import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { ChdbEventStore } from '../storage/chdb-event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { ExportRepository } from './export-repository.js';
import { ExportRunner, RESTART_MESSAGE } from './export-runner.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-exports-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];
let store: ChdbEventStore;
const context = { after: '2024-05-01T00:00:00.000Z', before: '2024-05-02T00:00:00.000Z' };
const job = (format: 'text/csv' | 'application/json' = 'application/json') => ({ format, context, filename: 'events.jsonl', expiresAfter: '2999-01-01T00:00:00.000Z' });

before(async () => {
  store = new ChdbEventStore(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-exports-chdb-')));
  await store.migrate();
  await store.command(`INSERT INTO events (team_id, uuid, event, distinct_id, person_id, timestamp, created_at, properties, elements_chain)
    SELECT 1, generateUUIDv4(), 'e', 'u', generateUUIDv4(), toDateTime64('2024-05-01 10:00:00', 6, 'UTC') + toIntervalSecond(number), now64(6), '{}', ''
    FROM numbers(30)`);
});
after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
  await store?.close();
});

async function waitFor<T>(check: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

for (const [name, open] of dialects) {
  test(`${name}: export records belong to their project, keep big counts, and list newest first`, async () => {
    const db = await open();
    opened.push(db);
    const repo = new ExportRepository(db);
    const a = await repo.create(1, job(), 7);
    const b = await repo.create(1, job('text/csv'), null);
    assert.deepEqual([a.status, a.rowsExported, a.contentLocation, a.createdBy, a.context], ['queued', 0, null, 7, context]);
    assert.equal(await repo.get(2, a.id), null, 'another project does not see it');
    await repo.markRunning(a.id, 'export-1.jsonl');
    await repo.progress(a.id, 3_000_000_000, 5_000_000_000);
    assert.deepEqual([(await repo.get(1, a.id))!.rowsExported, (await repo.get(1, a.id))!.contentSize], [3_000_000_000, 5_000_000_000]);
    const { count, exports } = await repo.list(1, { limit: 10, offset: 0 });
    assert.deepEqual([count, exports.map((e) => e.id)], [2, [b.id, a.id]]);
    assert.equal((await repo.list(2, { limit: 10, offset: 0 })).count, 0);
    await repo.delete(a.id);
    await repo.delete(b.id);
  });

  test(`${name}: on start, an export cut off by a stop is failed and its file removed, stale spools go, queued ones run; expired ones are swept`, async () => {
    const db = opened.at(-1)!;
    const repo = new ExportRepository(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-export-files-'));
    const interrupted = await repo.create(1, job(), null);
    await repo.markRunning(interrupted.id, `export-${interrupted.id}.jsonl`);
    fs.writeFileSync(path.join(dir, `export-${interrupted.id}.jsonl`), 'half a file');
    const queued = await repo.create(1, job(), null);
    const expired = await repo.create(1, { ...job(), expiresAfter: '2000-01-01T00:00:00.000Z' }, null);

    fs.mkdirSync(path.join(dir, 'spool'));
    fs.writeFileSync(path.join(dir, 'spool', 'left-by-a-crash.jsonl'), '{}');
    const runner = new ExportRunner(repo, store, pino({ level: 'silent' }), { dir, concurrency: 1, sweepEveryMs: 60_000 });
    await runner.start();
    try {
      assert.equal(fs.existsSync(path.join(dir, 'spool')), false, 'CSV spools of cut-off requests are removed');
      const failed = (await repo.get(1, interrupted.id))!;
      assert.deepEqual([failed.status, failed.exception], ['failed', RESTART_MESSAGE]);
      assert.equal(fs.existsSync(path.join(dir, `export-${interrupted.id}.jsonl`)), false);
      assert.equal(await repo.get(1, expired.id), null, 'expired export swept');
      const done = await waitFor(async () => {
        const j = await repo.get(1, queued.id);
        return j?.status === 'complete' ? j : null;
      });
      assert.equal(done.rowsExported, 30);
      const lines = fs.readFileSync(path.join(dir, done.contentLocation!), 'utf8').trimEnd().split('\n');
      assert.equal(lines.length, 30);
      assert.equal(done.contentSize, fs.statSync(path.join(dir, done.contentLocation!)).size);

      await db.updateTable('exported_assets').set({ expires_after: '2000-01-01T00:00:00.000Z' }).where('id', '=', done.id).execute();
      assert.equal(await runner.sweep(), 1);
      assert.equal(fs.existsSync(path.join(dir, done.contentLocation!)), false);
    } finally {
      await runner.stop();
    }
  });
}
