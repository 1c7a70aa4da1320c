import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Project settings the management API edits (test-account filters, update times), organization update times, and
 * the personal API key fields PostHog shows (organization limits, last roll).
 */
export const projectsSettings: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('projects').addColumn('test_account_filters', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    await db.schema.alterTable('projects').addColumn('updated_at', 'text').execute();
    await db.schema.alterTable('organizations').addColumn('updated_at', 'text').execute();
    await db.schema.alterTable('personal_api_keys').addColumn('scoped_organizations', 'text').execute();
    await db.schema.alterTable('personal_api_keys').addColumn('last_rolled_at', 'text').execute();
    await db.schema.createIndex('organization_memberships_user').on('organization_memberships').columns(['user_id']).execute();
    await db.schema.createIndex('personal_api_keys_user').on('personal_api_keys').columns(['user_id']).execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      // Project 1 used to be inserted with an explicit id, which a PostgreSQL identity does not count: move the
      // sequence past the existing ids so projects created through the API get fresh ones.
      await sql`SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM projects), false)`.execute(db);
    }
  },
};
