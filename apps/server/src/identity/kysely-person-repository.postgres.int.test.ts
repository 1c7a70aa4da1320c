import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { sql } from 'kysely';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb } from '../storage/open-meta-db.js';
import { KyselyPersonRepository } from './kysely-person-repository.js';
import { personRepositoryConformance } from './person-repository.conformance.js';

// The machine's PostgreSQL (CI starts it): each repository gets a schema of its own, dropped afterwards.
const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const opened: { db: MetaDb; schema: string }[] = [];

personRepositoryConformance('PostgreSQL', async () => {
  const schema = `warren_test_${randomBytes(6).toString('hex')}`;
  const db = await openPostgresMetaDb(url, { schema, poolSize: 2 });
  opened.push({ db, schema });
  return new KyselyPersonRepository(db);
});

after(async () => {
  for (const { db, schema } of opened) {
    await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(db);
    await db.destroy();
  }
});
