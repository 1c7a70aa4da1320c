import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { annotationWriteFrom } from './annotation-input.js';
import { AnnotationRepository } from './annotation-repository.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-annotations-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

const project1 = { teamId: 1, organizationId: 'org-a' };
const project2 = { teamId: 2, organizationId: 'org-a' };
const otherOrg = { teamId: 3, organizationId: 'org-b' };

for (const [name, open] of dialects) {
  test(`${name}: annotations list newest marker first, search content literally, and soft-delete`, async () => {
    const db = await open();
    opened.push(db);
    const repo = new AnnotationRepository(db);
    const launch = await repo.create(project1, annotationWriteFrom({ content: 'Launched v2 (100% rollout)', date_marker: '2024-05-01T00:00:00Z' }, null), 7);
    const older = await repo.create(project1, annotationWriteFrom({ content: 'Pricing page', date_marker: '2024-04-01' }, null), null);
    await repo.create(project2, annotationWriteFrom({ content: 'Other project' }, null), null);
    assert.deepEqual([launch.scope, launch.creationType, launch.dateMarker, launch.createdBy], ['project', 'USR', '2024-05-01T00:00:00.000Z', 7]);

    const all = await repo.list(project1, { limit: 10, offset: 0 });
    assert.deepEqual(all.annotations.map((a) => a.id), [launch.id, older.id]);
    assert.equal(all.count, 2);
    assert.deepEqual((await repo.list(project1, { search: 'V2', limit: 10, offset: 0 })).annotations.map((a) => a.id), [launch.id]);
    assert.deepEqual((await repo.list(project1, { search: '100%', limit: 10, offset: 0 })).annotations.map((a) => a.id), [launch.id]);
    assert.equal((await repo.list(project1, { search: '_', limit: 10, offset: 0 })).count, 0, 'LIKE wildcards are literal');
    assert.deepEqual((await repo.list(project1, { limit: 1, offset: 1 })).annotations.map((a) => a.id), [older.id]);
    assert.equal(await repo.get(project2, launch.id), null, 'another project does not see it');

    await repo.update(launch.id, annotationWriteFrom({ deleted: true }, launch));
    assert.equal(await repo.get(project1, launch.id), null);
    assert.deepEqual((await repo.list(project1, { limit: 10, offset: 0 })).annotations.map((a) => a.id), [older.id]);
  });

  test(`${name}: an organization-scoped annotation shows in every project of its organization only`, async () => {
    const db = opened[opened.length - 1];
    const repo = new AnnotationRepository(db);
    const org = await repo.create(project1, annotationWriteFrom({ content: 'Company offsite', scope: 'organization', date_marker: '2030-01-01' }, null), null);
    const insight = await repo.create(project1, annotationWriteFrom({ content: 'On one insight', scope: 'dashboard_item', dashboard_item: 12 }, null), null);
    assert.equal((await repo.get(project2, org.id))?.content, 'Company offsite');
    assert.equal(await repo.get(otherOrg, org.id), null);
    assert.ok((await repo.list(project2, { limit: 10, offset: 0 })).annotations.some((a) => a.id === org.id));
    assert.deepEqual((await repo.list(project1, { scope: 'dashboard_item', limit: 10, offset: 0 })).annotations.map((a) => a.id), [insight.id]);
    assert.deepEqual((await repo.list(project1, { dashboardItem: 12, limit: 10, offset: 0 })).annotations.map((a) => a.id), [insight.id]);
  });
}
