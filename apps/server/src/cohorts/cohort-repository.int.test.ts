import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { cohortWriteFrom } from './cohort-input.js';
import { CohortRepository } from './cohort-repository.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-cohorts-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

const pro = { properties: { type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] } };

for (const [name, open] of dialects) {
  test(`${name}: cohorts keep their definition and membership state, list per project, search, soft delete and go stale`, async () => {
    const db = await open();
    opened.push(db);
    const repo = new CohortRepository(db);
    const created = await repo.create(1, cohortWriteFrom({ name: 'Pro users', filters: pro }, null), null);
    assert.deepEqual(created.filters, pro);
    assert.deepEqual([created.version, created.count, created.isCalculating, created.lastCalculation, created.errorsCalculating], [null, null, false, null, 0]);
    const legacy = await repo.create(1, cohortWriteFrom({ name: 'Legacy', groups: [{ event_id: '$pageview', days: 3 }] }, null), null);
    assert.deepEqual(legacy.groups, [{ event_id: '$pageview', days: 3 }]);
    const imported = await repo.create(1, cohortWriteFrom({ name: 'Imported', is_static: 'true' }, null), null);
    assert.deepEqual([imported.isStatic, imported.filters], [true, null]);
    await repo.create(2, cohortWriteFrom({ name: 'Pro users', filters: pro }, null), null);

    assert.deepEqual((await repo.list(1, { limit: 10, offset: 0, search: 'PRO' })).cohorts.map((c) => c.id), [created.id]);
    const page = await repo.list(1, { limit: 2, offset: 0 });
    assert.deepEqual([page.count, page.cohorts.map((c) => c.id)], [3, [imported.id, legacy.id]]);

    // Versions are milliseconds since the epoch: beyond 32 bits, and PostgreSQL hands bigint back as text.
    const version = Date.UTC(2024, 4, 1);
    await repo.markCalculating(1, created.id, true);
    assert.equal((await repo.get(1, created.id))!.isCalculating, true);
    await repo.finishCalculation(1, created.id, { version, count: 42, at: '2024-05-01T00:00:00.000Z' });
    const done = (await repo.get(1, created.id))!;
    assert.deepEqual([done.version, done.count, done.isCalculating, done.lastCalculation], [version, 42, false, '2024-05-01T00:00:00.000Z']);
    await repo.failCalculation(1, legacy.id, 'boom', '2024-05-02T00:00:00.000Z');
    assert.deepEqual([(await repo.get(1, legacy.id))!.errorsCalculating, (await repo.get(1, legacy.id))!.lastError], [1, 'boom']);

    const stale = await repo.stale('2024-05-03T00:00:00.000Z', 10);
    assert.deepEqual(stale.filter((s) => s.teamId === 1).map((s) => s.id), [created.id, legacy.id], 'static cohorts are never stale');
    assert.equal(stale[0].teamId, 2, 'never calculated first');
    assert.deepEqual((await repo.stale('2024-05-01T12:00:00.000Z', 10)).filter((s) => s.teamId === 1).map((s) => s.id), [created.id]);

    await repo.markCalculating(1, legacy.id, true);
    await repo.clearCalculating();
    assert.equal((await repo.get(1, legacy.id))!.isCalculating, false);
    await repo.update(1, created.id, cohortWriteFrom({ deleted: true }, created));
    assert.deepEqual((await repo.live(1)).map((c) => c.id), [legacy.id, imported.id]);
    assert.ok(!(await repo.stale('2030-01-01T00:00:00.000Z', 10)).some((s) => s.id === created.id));
  });
}
