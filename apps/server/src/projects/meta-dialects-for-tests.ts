import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import type { MetaDb } from '../storage/meta-schema.js';
import { openPostgresMetaDb, openSqliteMetaDb } from '../storage/open-meta-db.js';

/**
 * For repository tests that run on both meta stores: a fresh SQLite file, or a fresh schema of the machine's
 * PostgreSQL (CI starts it), per call; everything opened is closed and every schema dropped after the file's tests.
 */
export function metaDialectsForTests(): [string, () => Promise<MetaDb>][] {
  const url = process.env.WARREN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schemas: string[] = [];
  const opened: MetaDb[] = [];
  const track = async (db: Promise<MetaDb>) => {
    opened.push(await db);
    return opened[opened.length - 1];
  };
  after(async () => {
    for (const db of opened) await db.destroy();
    if (schemas.length === 0) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await admin.end();
  });
  return [
    ['SQLite', () => track(openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-meta-'))))],
    [
      'PostgreSQL',
      () => {
        schemas.push(`warren_test_${randomBytes(6).toString('hex')}`);
        return track(openPostgresMetaDb(url, { schema: schemas[schemas.length - 1], poolSize: 2 }));
      },
    ],
  ];
}
