import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { serialKey } from './migrations/column-helpers.js';
import { cohorts } from './migrations/0007_cohorts.js';
import { insightsDashboards } from './migrations/0008_insights_dashboards.js';
import { projectsSettings } from './migrations/0006_projects_settings.js';
import { annotationsDefinitions } from './migrations/0009_annotations_definitions.js';
import { accounts } from './migrations/0005_accounts.js';
import { exportsMigration } from './migrations/0010_exports.js';
import { sessionRecordings } from './migrations/0011_session_recordings.js';
import { experiments } from './migrations/0013_experiments.js';
import { webSharing } from './migrations/0014_web_sharing.js';
import { replaySettings } from './migrations/0012_replay_settings.js';

/**
 * Migrations in code, applied in name order on start. Written with Kysely's builder so SQLite and PostgreSQL share them.
 * From 0005 on, each migration lives in its own file under `migrations/` and is listed at the end of this record.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('projects')
        .addColumn('id', 'integer', serialKey(db))
        .addColumn('uuid', 'text', (c) => c.notNull().unique())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('api_token', 'text', (c) => c.notNull().unique())
        .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
        .addColumn('week_start_day', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('anonymize_ips', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('autocapture_opt_out', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('session_recording_opt_in', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', serialKey(db))
        .addColumn('uuid', 'text', (c) => c.notNull().unique())
        .addColumn('distinct_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('password_hash', 'text')
        .addColumn('current_project_id', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('organization_memberships')
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('organization_memberships_pk', ['organization_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('personal_api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('secure_value', 'text', (c) => c.notNull().unique())
        .addColumn('mask_value', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('scoped_teams', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema
        .createTable('persons')
        .addColumn('id', 'integer', serialKey(db))
        .addColumn('uuid', 'text', (c) => c.notNull())
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('properties', 'text', (c) => c.notNull())
        .addColumn('properties_last_updated_at', 'text', (c) => c.notNull())
        .addColumn('is_identified', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('persons_team_uuid', ['team_id', 'uuid'])
        .execute();
      await db.schema
        .createTable('person_distinct_ids')
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('distinct_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'integer', (c) => c.notNull())
        // Microseconds since the epoch (see nextVersion): beyond 32 bits.
        .addColumn('version', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('person_distinct_ids_pk', ['team_id', 'distinct_id'])
        .execute();
      await db.schema.createIndex('person_distinct_ids_person').on('person_distinct_ids').columns(['person_id']).execute();
      await db.schema
        .createTable('group_type_mappings')
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('group_type', 'text', (c) => c.notNull())
        .addColumn('group_type_index', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_type_mappings_pk', ['team_id', 'group_type'])
        .execute();
      await db.schema
        .createTable('groups')
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('group_type_index', 'integer', (c) => c.notNull())
        .addColumn('group_key', 'text', (c) => c.notNull())
        .addColumn('properties', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_pk', ['team_id', 'group_type_index', 'group_key'])
        .execute();
    },
  },
  '0002_feature_flags': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('feature_flags')
        .addColumn('id', 'integer', serialKey(db))
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('filters', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ensure_experience_continuity', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('evaluation_runtime', 'text', (c) => c.notNull().defaultTo('all'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('last_modified_by', 'integer')
        .execute();
      // A key is unique among the project's live flags; deleting a flag frees its key.
      await db.schema
        .createIndex('feature_flags_live_key')
        .on('feature_flags')
        .columns(['team_id', 'key'])
        .unique()
        .where(sql.ref('deleted'), '=', 0)
        .execute();
      await db.schema
        .createTable('feature_flag_hash_key_overrides')
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('person_uuid', 'text', (c) => c.notNull())
        .addColumn('feature_flag_key', 'text', (c) => c.notNull())
        .addColumn('hash_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feature_flag_hash_key_overrides_pk', ['team_id', 'person_uuid', 'feature_flag_key'])
        .execute();
      await db.schema
        .createTable('activity_log')
        .addColumn('id', 'integer', serialKey(db))
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('activity', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('activity_log_item').on('activity_log').columns(['team_id', 'scope', 'item_id']).execute();
    },
  },
  '0003_project_secret_keys': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('projects').addColumn('secret_api_token_hash', 'text').execute();
    },
  },
  '0004_actions': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('actions')
        .addColumn('id', 'integer', serialKey(db))
        .addColumn('team_id', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('steps', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // A name is unique among the project's live actions; deleting an action frees its name.
      await db.schema
        .createIndex('actions_live_name')
        .on('actions')
        .columns(['team_id', 'name'])
        .unique()
        .where(sql.ref('deleted'), '=', 0)
        .execute();
    },
  },
  '0005_accounts': accounts,
  '0006_projects_settings': projectsSettings,
  '0007_cohorts': cohorts,
  '0009_annotations_definitions': annotationsDefinitions,
  '0010_exports': exportsMigration,
  '0011_session_recordings': sessionRecordings,
  '0008_insights_dashboards': insightsDashboards,
  '0012_replay_settings': replaySettings,
  '0013_experiments': experiments,
  '0014_web_sharing': webSharing,
};

export const metaMigrations: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
