import type { Kysely, Migration } from 'kysely';

/**
 * What users do to recordings (the recordings themselves live in the event store): who has viewed which, and which
 * were deleted. A deletion is kept (not the recording): snapshots of a deleted session that still arrive stay hidden.
 */
export const sessionRecordings: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('session_recording_views')
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('viewed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_recording_views_pk', ['team_id', 'session_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('session_recording_deletions')
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('deleted_by', 'integer')
      .addColumn('deleted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('session_recording_deletions_pk', ['team_id', 'session_id'])
      .execute();
  },
};
