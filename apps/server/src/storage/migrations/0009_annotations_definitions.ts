import { sql, type Kysely, type Migration } from 'kysely';
import { serialKey } from './column-helpers.js';

/**
 * Annotations; event and property definitions that ingestion fills in (with per-day event counts for the 30-day
 * volume and the event -> property pairs behind `event_names` filters); and the queue of person deletions whose
 * events and recordings are still to be removed from the event store.
 */
export const annotationsDefinitions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('annotations')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      // Organization-scoped annotations show in every project of the organization.
      .addColumn('organization_id', 'text', (c) => c.notNull())
      .addColumn('content', 'text')
      .addColumn('date_marker', 'text')
      .addColumn('creation_type', 'text', (c) => c.notNull().defaultTo('USR'))
      .addColumn('scope', 'text', (c) => c.notNull().defaultTo('project'))
      .addColumn('dashboard_item', 'integer')
      .addColumn('dashboard_id', 'integer')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('annotations_team').on('annotations').columns(['team_id', 'deleted']).execute();
    await db.schema.createIndex('annotations_organization').on('annotations').columns(['organization_id', 'scope']).execute();

    await db.schema
      .createTable('event_definitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('owner', 'integer')
      .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('verified_at', 'text')
      .addColumn('verified_by', 'integer')
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'integer')
      .addUniqueConstraint('event_definitions_team_name', ['team_id', 'name'])
      .execute();

    await db.schema
      .createTable('event_definition_volumes')
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // UTC day of the events' timestamps, `YYYY-MM-DD`.
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_definition_volumes_pk', ['team_id', 'name', 'day'])
      .execute();

    await db.schema
      .createTable('property_definitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // PostHog's parent types: 1 event, 2 person, 3 group, 4 session.
      .addColumn('type', 'integer', (c) => c.notNull())
      // -1 when not a group property (a plain column keeps the unique key simple in both dialects).
      .addColumn('group_type_index', 'integer', (c) => c.notNull().defaultTo(-1))
      .addColumn('property_type', 'text')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('verified_at', 'text')
      .addColumn('verified_by', 'integer')
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'integer')
      .addUniqueConstraint('property_definitions_key', ['team_id', 'type', 'group_type_index', 'name'])
      .execute();

    await db.schema
      .createTable('event_properties')
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('property', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('event_properties_pk', ['team_id', 'event', 'property'])
      .execute();

    await db.schema
      .createTable('person_deletions')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('person_uuid', 'text', (c) => c.notNull())
      // JSON array: the person's distinct ids when the deletion was asked for.
      .addColumn('distinct_ids', 'text', (c) => c.notNull())
      .addColumn('delete_events', 'integer', (c) => c.notNull())
      .addColumn('delete_recordings', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delete_verified_at', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('person_deletions_pending')
      .on('person_deletions')
      .columns(['id'])
      .where(sql.ref('delete_verified_at'), 'is', null)
      .execute();
    await db.schema.createIndex('person_deletions_team').on('person_deletions').columns(['team_id', 'person_uuid']).execute();
  },
};
