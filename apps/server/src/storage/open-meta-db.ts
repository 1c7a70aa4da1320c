import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { metaMigrations } from './meta-migrations.js';
import type { MetaDb, MetaSchema } from './meta-schema.js';

/** Opens the embedded SQLite meta store under `<dataDir>/meta.sqlite` and applies pending migrations. */
export async function openSqliteMetaDb(dataDir: string): Promise<MetaDb> {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(path.join(dataDir, 'meta.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<MetaSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateMetaDb(db);
  return db;
}

/** Applies every pending migration; throws with the failing migration's error. */
export async function migrateMetaDb(db: MetaDb): Promise<void> {
  const migrator = new Migrator({ db, provider: metaMigrations });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`meta store migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
