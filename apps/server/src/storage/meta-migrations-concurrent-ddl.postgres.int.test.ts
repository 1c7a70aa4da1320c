import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import type { MetaDb } from './meta-schema.js';
import { openPostgresMetaDb } from './open-meta-db.js';

// Migrating a schema of PostgreSQL while other schemas of the same database come and go (other apps, other test
// files cleaning up after themselves): the migrator's look at the catalog must not fail the start.

const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = () => `warren_test_${randomBytes(6).toString('hex')}`;
const opened: MetaDb[] = [];
const mine: string[] = [];

after(async () => {
  for (const db of opened) await db.destroy();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const schema of mine) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

test('meta migrations succeed while other schemas with tables are created and dropped alongside', async () => {
  const churn = new pg.Client({ connectionString: url });
  await churn.connect();
  const churnFree = new pg.Client({ connectionString: url });
  await churnFree.connect();
  let stop = false;
  let churned = 0;
  const churning = (async () => {
    while (!stop) {
      const other = name();
      await churn.query(`CREATE SCHEMA ${other}`);
      for (let t = 0; t < 20; t++) await churn.query(`CREATE TABLE ${other}.t${t} (id serial primary key, a text, b int)`);
      await churn.query(`DROP SCHEMA ${other} CASCADE`);
      churned++;
    }
  })();
  try {
    for (let i = 0; i < 8; i++) {
      const schema = name();
      mine.push(schema);
      const db = await openPostgresMetaDb(url, { schema, poolSize: 2 });
      opened.push(db);
      // Asked of this schema alone: Kysely's introspection would read the churning ones too.
      const { rows } = await churnFree.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, 'projects']);
      assert.equal(rows[0].n, 1, `schema ${i} is migrated`);
    }
  } finally {
    stop = true;
    await churning;
    await churn.end();
    await churnFree.end();
  }
  assert.ok(churned > 0, 'other schemas came and went during the migrations');
});
