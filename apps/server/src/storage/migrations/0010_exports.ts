import type { Kysely, Migration } from 'kysely';
import { serialKey } from './column-helpers.js';

/**
 * Export jobs (PostHog's exported assets): what to export and in which format, how far the job got, and where its
 * file lies under `<dataDir>/exports/`. The file itself is never stored here.
 */
export const exportsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('exported_assets')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('export_format', 'text', (c) => c.notNull())
      .addColumn('export_context', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_location', 'text')
      // Past 2^31 rows or bytes an export is large but possible: bigint in both dialects.
      .addColumn('rows_exported', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('content_size', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('exception', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('expires_after', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('exported_assets_team').on('exported_assets').columns(['team_id', 'id']).execute();
  },
};
