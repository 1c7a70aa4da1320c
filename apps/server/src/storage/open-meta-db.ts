import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
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
 * Opens the PostgreSQL meta store (scale mode) at `url` and applies pending migrations; `schema`, when given, is
 * created if needed and used as the search path (tests use one schema each).
 */
export async function openPostgresMetaDb(url: string, options: { schema?: string; poolSize?: number } = {}): Promise<MetaDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  if (options.schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new Error('schema must be a plain lower-case identifier');
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
  }
  const db = new Kysely<MetaSchema>({ dialect: new PostgresDialect({ pool }) });
  await migrateMetaDb(db, options.schema);
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
export async function migrateMetaDb(db: MetaDb, schema?: string): Promise<void> {
  // With a schema of its own, the migration bookkeeping lives there too (Kysely would otherwise find another
  // schema's tables through introspection and never create its own).
  const migrator = new Migrator({ db, provider: metaMigrations, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    const message = (error as Error).message ?? String(error);
    if (attempt < MIGRATION_ATTEMPTS && VANISHED_OBJECT.test(message)) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      continue;
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`meta store migration ${failed} failed: ${message}`);
  }
}

/**
 * Kysely's migrator looks for its own tables by reading every table of every schema in the database (PostgreSQL),
 * naming each as it goes: another schema or table dropped meanwhile by someone else fails that read with "does not
 * exist" before any migration ran (a migration that fails rolls back), so it is tried again, a little later.
 */
const VANISHED_OBJECT = /(schema|relation) "[^"]+" does not exist/;
const MIGRATION_ATTEMPTS = 10;
