import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { actionWriteFrom } from './action-input.js';
import { ActionRepository } from './action-repository.js';
import { ProjectActions } from './project-actions.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-actions-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

for (const [name, open] of dialects) {
  test(`${name}: actions are stored with their steps, listed per project, soft-deleted, and a deleted name is free again`, async () => {
    const db = await open();
    opened.push(db);
    const repo = new ActionRepository(db);
    const signup = actionWriteFrom({ name: 'Signed up', steps: [{ event: 'signed_up', properties: [{ key: 'plan', value: 'pro' }] }, { url: '/welcome' }], tags: ['growth'] }, null);
    const created = await repo.create(1, signup, null);
    assert.equal(created.name, 'Signed up');
    assert.equal(created.steps[1].url_matching, 'contains', 'PostHog default for URLs');
    assert.deepEqual(created.steps[0].properties, [{ key: 'plan', value: 'pro' }]);
    assert.deepEqual(created.tags, ['growth']);
    await repo.create(2, actionWriteFrom({ name: 'Signed up' }, null), null);
    const other = await repo.create(1, actionWriteFrom({ name: 'Viewed pricing', steps: [{ event: '$pageview' }] }, null), null);

    const page = await repo.list(1, { limit: 1, offset: 0 });
    assert.deepEqual([page.count, page.actions.map((a) => a.id)], [2, [other.id]]);
    const found = await repo.list(1, { limit: 10, offset: 0, search: 'PRICING' });
    assert.deepEqual([found.count, found.actions.map((a) => a.name)], [1, ['Viewed pricing']], 'search is by name, any case');
    assert.equal(await repo.nameTakenBy(1, 'Signed up', null), created.id);
    assert.equal(await repo.nameTakenBy(1, 'Signed up', created.id), null);

    await repo.update(1, created.id, actionWriteFrom({ deleted: true }, created));
    assert.deepEqual((await repo.live(1)).map((a) => a.name), ['Viewed pricing']);
    assert.equal(await repo.nameTakenBy(1, 'Signed up', null), null);
    const again = await repo.create(1, signup, null);
    assert.notEqual(again.id, created.id);
  });
}

test('the query context sees an action at once after a write, and reads the table once per burst', async () => {
  let reads = 0;
  const clock = { now: 0 };
  const live = [{ id: 1, name: 'A', steps: [] }];
  const actions = new ProjectActions({ live: async () => (reads++, live as never) }, () => clock.now);
  assert.equal((await actions.forProject(1)).get(1)?.name, 'A');
  await actions.forProject(1);
  assert.equal(reads, 1);
  live[0] = { id: 1, name: 'B', steps: [] };
  actions.invalidate(1);
  assert.equal((await actions.forProject(1)).get(1)?.name, 'B');
  clock.now = 11_000;
  await actions.forProject(1);
  assert.equal(reads, 3, 'expired after 10 s');
});
