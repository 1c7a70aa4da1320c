import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A project's web analytics page can be shared as a public read-only link. Its sharing configuration is a row of
 * `sharing_configurations` like a dashboard's, marked `web_analytics = 1` instead of naming a dashboard or insight;
 * one per project.
 */
export const webSharing: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('sharing_configurations')
      .addColumn('web_analytics', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('sharing_web_analytics')
      .on('sharing_configurations')
      .columns(['team_id'])
      .unique()
      .where(sql.ref('web_analytics'), '=', 1)
      .execute();
  },
};
