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
  const db = new Kysely<MetaSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrateMetaDb(db);
  return db;
}

/**
 * Kysely prepares every query anew; preparing is most of the cost of a point query in SQLite. Queries of the same
 * shape compile to the same SQL text, so their prepared statements are kept (bounded) and reused.
 */
function withStatementCache(sqlite: Database.Database, capacity = 500) {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
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
