import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';
import { SharingRepository } from './sharing-repository.js';

const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `warren_test_${randomBytes(6).toString('hex')}`;
const dialects: [string, () => Promise<MetaDb>][] = [
  ['SQLite', () => openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-sharing-')))],
  ['PostgreSQL', () => openPostgresMetaDb(url, { schema, poolSize: 2 })],
];
const opened: MetaDb[] = [];

after(async () => {
  if (opened[1]) await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(opened[1]);
  for (const db of opened) await db.destroy();
});

for (const [name, open] of dialects) {
  test(`${name}: a sharing link is found by its token only while enabled, and rotating retires the old token`, async () => {
    const db = await open();
    opened.push(db);
    const sharing = new SharingRepository(db);
    assert.equal(await sharing.get(1, { kind: 'dashboard', id: 1 }), null);
    const on = await sharing.setEnabled(1, { kind: 'dashboard', id: 1 }, true);
    assert.match(on.accessToken, /^[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(on.target, { kind: 'dashboard', id: 1 });
    assert.equal((await sharing.findEnabled(on.accessToken))?.id, on.id);
    assert.equal(await sharing.findEnabled(on.accessToken.slice(0, -1) + (on.accessToken.endsWith('A') ? 'B' : 'A')), null);
    assert.deepEqual([...(await sharing.sharedDashboards(1, [1, 2]))], [1]);

    await sharing.setEnabled(1, { kind: 'dashboard', id: 1 }, false);
    assert.equal(await sharing.findEnabled(on.accessToken), null, 'disabled');
    const again = await sharing.setEnabled(1, { kind: 'dashboard', id: 1 }, true);
    assert.equal(again.accessToken, on.accessToken, 'turning sharing back on keeps the link, as in PostHog');
    const rotated = await sharing.rotate(1, { kind: 'dashboard', id: 1 });
    assert.notEqual(rotated.accessToken, on.accessToken);
    assert.equal(await sharing.findEnabled(on.accessToken), null, 'the old token is gone');
    assert.equal((await sharing.findEnabled(rotated.accessToken))?.id, on.id);

    const insightLink = await sharing.setEnabled(1, { kind: 'insight', id: 1 }, true);
    assert.notEqual(insightLink.id, on.id, 'dashboard 1 and insight 1 are different things');
    assert.deepEqual((await sharing.findEnabled(insightLink.accessToken))?.target, { kind: 'insight', id: 1 });
  });

  test(`${name}: a project's web analytics link is one per project, apart from its dashboards' and insights'`, async () => {
    const db = opened.at(-1)!;
    const sharing = new SharingRepository(db);
    assert.equal(await sharing.get(7, { kind: 'web' }), null);
    const dashboard = await sharing.setEnabled(7, { kind: 'dashboard', id: 3 }, true);
    const web = await sharing.setEnabled(7, { kind: 'web' }, true);
    assert.notEqual(web.id, dashboard.id);
    assert.deepEqual((await sharing.findEnabled(web.accessToken))?.target, { kind: 'web' });
    assert.deepEqual((await sharing.findEnabled(dashboard.accessToken))?.target, { kind: 'dashboard', id: 3 }, 'a dashboard link stays a dashboard link');
    assert.equal((await sharing.setEnabled(7, { kind: 'web' }, true)).id, web.id, 'one web link per project');
    const other = await sharing.setEnabled(8, { kind: 'web' }, true);
    assert.notEqual(other.id, web.id, 'each project has its own');
    assert.equal((await sharing.findEnabled(other.accessToken))?.teamId, 8);

    await sharing.setEnabled(7, { kind: 'web' }, false);
    assert.equal(await sharing.findEnabled(web.accessToken), null, 'revoked');
    const rotated = await sharing.rotate(7, { kind: 'web' });
    await sharing.setEnabled(7, { kind: 'web' }, true);
    assert.equal(await sharing.findEnabled(web.accessToken), null, 'the old token stays dead');
    assert.deepEqual((await sharing.findEnabled(rotated.accessToken))?.target, { kind: 'web' });
    // The storage itself refuses a second web link for a project.
    await assert.rejects(
      db.insertInto('sharing_configurations').values({ team_id: 7, dashboard_id: null, insight_id: null, web_analytics: 1, enabled: 1, access_token: 'x', access_token_hash: 'x', created_at: '' }).execute(),
    );
  });
}
