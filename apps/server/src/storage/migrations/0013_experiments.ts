import { sql, type Kysely, type Migration } from 'kysely';
import { serialKey } from './column-helpers.js';

/**
 * Experiments on feature flags, the holdouts that keep a share of users out of them, and metrics saved once and
 * used by many experiments (linked primary or secondary). JSON columns hold PostHog's shapes as sent.
 */
export const experiments: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('experiment_holdouts')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      // JSON list `[{properties, rollout_percentage, variant: 'holdout-<id>'}]`; the first entry's rollout is the share held out.
      .addColumn('filters', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('experiment_holdouts_team').on('experiment_holdouts').columns(['team_id']).execute();

    await db.schema
      .createTable('experiments')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('feature_flag_id', 'integer', (c) => c.notNull())
      .addColumn('holdout_id', 'integer')
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('parameters', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('filters', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('metrics', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('metrics_secondary', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('secondary_metrics', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('stats_config', 'text')
      .addColumn('exposure_criteria', 'text')
      .addColumn('primary_metrics_ordered_uuids', 'text')
      .addColumn('secondary_metrics_ordered_uuids', 'text')
      .addColumn('type', 'text', (c) => c.notNull().defaultTo('product'))
      .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('conclusion', 'text')
      .addColumn('conclusion_comment', 'text')
      // The variant the flag was rewritten to serve to everyone, once one was shipped.
      .addColumn('shipped_variant', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('experiments_team').on('experiments').columns(['team_id', 'deleted', 'archived']).execute();
    await db.schema.createIndex('experiments_flag').on('experiments').columns(['team_id', 'feature_flag_id']).execute();
    await db.schema
      .createIndex('experiments_holdout')
      .on('experiments')
      .columns(['team_id', 'holdout_id'])
      .where(sql.ref('holdout_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('experiment_saved_metrics')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      // JSON: an ExperimentMetric, or a legacy ExperimentTrendsQuery / ExperimentFunnelsQuery.
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('experiment_saved_metrics_team').on('experiment_saved_metrics').columns(['team_id']).execute();

    await db.schema
      .createTable('experiment_to_saved_metrics')
      .addColumn('id', 'integer', serialKey(db))
      .addColumn('team_id', 'integer', (c) => c.notNull())
      .addColumn('experiment_id', 'integer', (c) => c.notNull())
      .addColumn('saved_metric_id', 'integer', (c) => c.notNull())
      // JSON `{type: 'primary' | 'secondary'}`.
      .addColumn('metadata', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('experiment_to_saved_metrics_pair', ['experiment_id', 'saved_metric_id'])
      .execute();
    await db.schema.createIndex('experiment_to_saved_metrics_metric').on('experiment_to_saved_metrics').columns(['team_id', 'saved_metric_id']).execute();
  },
};
