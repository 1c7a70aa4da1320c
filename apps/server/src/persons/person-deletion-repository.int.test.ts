import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { PersonDeletionRepository } from './person-deletion-repository.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-deletions-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

for (const [name, open] of dialects) {
  test(`${name}: person deletions queue in order, record failures, and are listed per project by status`, async () => {
    const db = await open();
    opened.push(db);
    const repo = new PersonDeletionRepository(db);
    const at = '2024-06-01T12:00:00.000Z';
    await repo.enqueue([
      { teamId: 1, personUuid: uuid(1), distinctIds: ['a', 'anon-a'], deleteEvents: true, deleteRecordings: true, createdAt: at },
      { teamId: 1, personUuid: uuid(2), distinctIds: ['b'], deleteEvents: true, deleteRecordings: false, createdAt: at },
      { teamId: 2, personUuid: uuid(3), distinctIds: ['c'], deleteEvents: false, deleteRecordings: true, createdAt: at },
    ]);
    const pending = await repo.pending(10);
    assert.deepEqual(pending.map((d) => [d.teamId, d.personUuid, d.distinctIds, d.deleteEvents, d.deleteRecordings, d.attempts]), [
      [1, uuid(1), ['a', 'anon-a'], true, true, 0],
      [1, uuid(2), ['b'], true, false, 0],
      [2, uuid(3), ['c'], false, true, 0],
    ]);
    assert.equal((await repo.pending(1)).length, 1);

    await repo.markFailed([pending[1].id], 'store unavailable');
    await repo.markFailed([pending[1].id], 'store unavailable again');
    await repo.markVerified([pending[0].id], '2024-06-01T12:00:05.000Z');
    const left = await repo.pending(10);
    assert.deepEqual(left.map((d) => [d.personUuid, d.attempts, d.lastError]), [[uuid(2), 2, 'store unavailable again'], [uuid(3), 0, null]]);

    const completed = await repo.list(1, { status: 'completed', limit: 10, offset: 0 });
    assert.deepEqual([completed.count, completed.deletions[0].deleteVerifiedAt], [1, '2024-06-01T12:00:05.000Z']);
    assert.deepEqual((await repo.list(1, { status: 'pending', limit: 10, offset: 0 })).deletions.map((d) => d.personUuid), [uuid(2)]);
    assert.deepEqual((await repo.list(1, { status: 'all', limit: 10, offset: 0 })).deletions.map((d) => d.personUuid), [uuid(2), uuid(1)], 'newest first');
    assert.equal((await repo.list(1, { status: 'all', personUuid: uuid(3), limit: 10, offset: 0 })).count, 0, 'another project');
  });
}
