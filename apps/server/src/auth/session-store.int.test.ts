import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { hashSessionToken, SESSION_IDLE_MS, SessionStore } from './session-store.js';

// The machine's PostgreSQL (CI starts it), one schema per run, dropped afterwards; and a fresh SQLite file.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-sessions-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

async function addUser(db: MetaDb, email: string): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ uuid: randomUUID(), distinct_id: randomUUID(), email, first_name: '', password_hash: null, current_project_id: null, created_at: new Date().toISOString(), last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

for (const [name, open] of dialects) {
  test(`${name}: a session is found by its token only, slides its expiry with use, and ends alone, all at once or all but one`, async () => {
    const db = await open();
    opened.push(db);
    const clock = { now: Date.parse('2025-01-01T00:00:00Z') };
    const store = new SessionStore(db, () => clock.now);
    const ana = await addUser(db, 'ana@example.com');
    const bob = await addUser(db, 'bob@example.com');

    const first = await store.create(ana);
    assert.ok(first.token.length >= 43, '256 random bits, base64url');
    const stored = await db.selectFrom('user_sessions').selectAll().where('id', '=', first.session.id).executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, hashSessionToken(first.token));
    assert.ok(!JSON.stringify(stored).includes(first.token), 'the token itself is not stored');
    assert.equal((await store.resolve(first.token))?.userId, ana);
    assert.equal(await store.resolve(first.token + 'x'), null);

    clock.now += 13 * DAY;
    const touched = await store.resolve(first.token);
    assert.equal(touched?.expiresAt, new Date(clock.now + SESSION_IDLE_MS).toISOString(), 'use pushes the expiry forward');
    clock.now += 13 * DAY;
    assert.ok(await store.resolve(first.token), '26 days old but used 13 days ago');

    const second = await store.create(ana);
    const third = await store.create(ana);
    const bobs = await store.create(bob);
    assert.equal((await store.listOfUser(ana)).length, 3);
    await store.end(second.token);
    assert.equal(await store.resolve(second.token), null);
    assert.equal(await store.endAllOfUser(ana, third.session.id), 1, 'all but the one kept');
    assert.equal(await store.resolve(first.token), null);
    assert.ok(await store.resolve(third.token));
    assert.equal(await store.endAllOfUser(ana), 1);
    assert.equal(await store.resolve(third.token), null);
    assert.ok(await store.resolve(bobs.token), "another user's session is untouched");
  });

  test(`${name}: a session unused for the idle time is expired, deleted on sight and purged with the others`, async () => {
    const db = opened.at(-1)!;
    const clock = { now: Date.parse('2025-03-01T00:00:00Z') };
    const store = new SessionStore(db, () => clock.now, 14 * DAY);
    const carl = await addUser(db, `carl-${name}@example.com`);
    const idle = await store.create(carl);
    const other = await store.create(carl);
    clock.now += 14 * DAY;
    assert.equal(await store.resolve(idle.token), null, 'expired exactly at the idle time');
    assert.equal(await db.selectFrom('user_sessions').select('id').where('id', '=', idle.session.id).executeTakeFirst(), undefined);
    assert.equal(await store.purgeExpired(), 1, 'the other expired session goes too');
    assert.equal(await store.resolve(other.token), null);
  });
}
