import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** An auto-increment integer key in both dialects (SQLite: AUTOINCREMENT; PostgreSQL: identity). */
export const serialKey = (db: Kysely<any>) => (c: ColumnDefinitionBuilder) =>
  db.getExecutor().adapter instanceof PostgresAdapter ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
