import type { Kysely, Migration } from 'kysely';
import { serialKey } from './column-helpers.js';

/**
 * Cohorts: a dynamic definition (`filters`, PostHog's property group; `groups` keeps a legacy body as sent) or a
 * static list. Members live in the event store's `cohort_people`; `version` names the membership version queries
 * read, so a recalculation takes effect when this row changes.
 */
export const cohorts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('cohorts')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('filters', 'text')
      .addColumn('groups', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('is_static', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      // Milliseconds since the epoch of the calculation: beyond 32 bits.
      .addColumn('version', 'bigint')
      .addColumn('count', 'integer')
      .addColumn('is_calculating', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_calculation', 'text')
      .addColumn('errors_calculating', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cohorts_team').on('cohorts').columns(['team_id', 'deleted']).execute();
  },
};
