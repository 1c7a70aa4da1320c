import { sql, type Kysely, type Migration } from 'kysely';
import { serialKey } from './column-helpers.js';

/**
 * Saved insights, dashboards with their tiles and text cards, and the secret links that share a dashboard or an
 * insight read-only. Results are not stored here: they live in the query cache, keyed by the query.
 */
export const insightsDashboards: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('insights')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('short_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('derived_name', 'text')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('query', 'text')
      // The kind of the query that runs (inside its wrapper nodes), so lists can filter by insight type in SQL.
      .addColumn('query_kind', 'text')
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('favorited', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('saved', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('last_modified_at', 'text', (c) => c.notNull())
      .addColumn('last_modified_by', 'integer')
      .execute();
    await db.schema.createIndex('insights_short_id').on('insights').columns(['team_id', 'short_id']).unique().execute();

    await db.schema
      .createTable('dashboards')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('filters', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('creation_mode', 'text', (c) => c.notNull().defaultTo('default'))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('last_accessed_at', 'text')
      .addColumn('last_refresh', 'text')
      .execute();
    await db.schema.createIndex('dashboards_team').on('dashboards').columns(['team_id']).execute();

    await db.schema
      .createTable('dashboard_texts')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('body', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('last_modified_by', 'integer')
      .addColumn('last_modified_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dashboard_tiles')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('dashboard_id', 'integer', (c) => c.notNull())
      .addColumn('insight_id', 'integer')
      .addColumn('text_id', 'integer')
      .addColumn('layouts', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('color', 'text')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dashboard_tiles_dashboard').on('dashboard_tiles').columns(['dashboard_id']).execute();
    await db.schema.createIndex('dashboard_tiles_insight').on('dashboard_tiles').columns(['insight_id']).execute();

    await db.schema
      .createTable('sharing_configurations')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('dashboard_id', 'integer')
      .addColumn('insight_id', 'integer')
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
      // The owner sees the link again (PostHog shows it in the sharing panel); public requests find it by its hash.
      .addColumn('access_token', 'text', (c) => c.notNull())
      .addColumn('access_token_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sharing_token').on('sharing_configurations').columns(['access_token_hash']).unique().execute();
    // One configuration per shared dashboard and per shared insight.
    await db.schema
      .createIndex('sharing_dashboard')
      .on('sharing_configurations')
      .columns(['dashboard_id'])
      .unique()
      .where(sql.ref('dashboard_id'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('sharing_insight')
      .on('sharing_configurations')
      .columns(['insight_id'])
      .unique()
      .where(sql.ref('insight_id'), 'is not', null)
      .execute();
  },
};
