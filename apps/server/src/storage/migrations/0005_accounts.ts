import type { Kysely, Migration } from 'kysely';

/**
 * Accounts: browser sessions (only a hash of each cookie's token is kept), invitations to an organization (only a
 * hash of each link's token), when a user last logged in, and when a membership's level last changed.
 */
export const accounts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('user_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('user_sessions_user').on('user_sessions').columns(['user_id']).execute();
    await db.schema.createIndex('user_sessions_expiry').on('user_sessions').columns(['expires_at']).execute();
    await db.schema
      .createTable('organization_invites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('target_email', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('organization_invites_org').on('organization_invites').columns(['organization_id']).execute();
    await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute();
    await db.schema.alterTable('organization_memberships').addColumn('updated_at', 'text').execute();
  },
};
