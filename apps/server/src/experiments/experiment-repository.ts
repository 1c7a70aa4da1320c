import { sql, type Selectable } from 'kysely';
import type { ExperimentConclusion, SavedMetricIdApi, StoredExperimentMetric } from '@warren/shared/experiments-api';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { containsPattern } from '../storage/like-pattern.js';

/** The fields of an experiment a create or update writes. */
export interface ExperimentFields {
  name: string;
  description: string | null;
  holdoutId: number | null;
  startDate: string | null;
  endDate: string | null;
  parameters: Record<string, unknown>;
  filters: Record<string, unknown>;
  metrics: StoredExperimentMetric[];
  metricsSecondary: StoredExperimentMetric[];
  secondaryMetrics: unknown[];
  statsConfig: Record<string, unknown> | null;
  exposureCriteria: Record<string, unknown> | null;
  primaryMetricsOrderedUuids: string[] | null;
  secondaryMetricsOrderedUuids: string[] | null;
  type: 'product' | 'web';
  archived: boolean;
  deleted: boolean;
  conclusion: ExperimentConclusion | null;
  conclusionComment: string | null;
  shippedVariant: string | null;
}

export interface ExperimentRecord extends ExperimentFields {
  id: number;
  teamId: number;
  featureFlagId: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SavedMetricLink {
  id: number;
  experimentId: number;
  savedMetricId: number;
  metadata: { type: 'primary' | 'secondary'; [key: string]: unknown };
  createdAt: string;
}

export interface ExperimentListFilter {
  status?: 'draft' | 'running' | 'complete';
  archived: boolean;
  search?: string;
  createdById?: number;
  /** An allowlisted column and direction. */
  order: { column: 'created_at' | 'updated_at' | 'name' | 'start_date' | 'end_date'; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

type Row = Selectable<MetaSchema['experiments']>;

/** A project's experiments and the saved metrics they link; soft-deleted ones are kept but never listed or read. */
export class ExperimentRepository {
  constructor(private readonly db: MetaDb) {}

  async list(teamId: number, filter: ExperimentListFilter): Promise<{ count: number; experiments: ExperimentRecord[] }> {
    let query = this.db.selectFrom('experiments').where('team_id', '=', teamId).where('deleted', '=', 0).where('archived', '=', filter.archived ? 1 : 0);
    if (filter.status === 'draft') query = query.where('start_date', 'is', null);
    if (filter.status === 'running') query = query.where('start_date', 'is not', null).where('end_date', 'is', null);
    if (filter.status === 'complete') query = query.where('end_date', 'is not', null);
    if (filter.createdById !== undefined) query = query.where('created_by', '=', filter.createdById);
    if (filter.search) {
      // icontains on the name: LIKE wildcards in the search are plain characters.
      const pattern = containsPattern(filter.search.toLowerCase());
      query = query.where((eb) => eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`));
    }
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy(filter.order.column, filter.order.direction)
      .orderBy('id', filter.order.direction)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { count: Number(count.n), experiments: rows.map(toRecord) };
  }

  /** The live (not soft-deleted) experiment, or null. */
  async get(teamId: number, id: number): Promise<ExperimentRecord | null> {
    const row = await this.db.selectFrom('experiments').selectAll().where('team_id', '=', teamId).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /**
   * The live experiments of each flag, ids ascending: PostHog's `experiment_set` on the flag API.
   * Example: (await repo.idsByFlag(1, [42])).get(42) // [5]
   */
  async idsByFlag(teamId: number, flagIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (flagIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('experiments')
      .select(['id', 'feature_flag_id'])
      .where('team_id', '=', teamId)
      .where('feature_flag_id', 'in', flagIds)
      .where('deleted', '=', 0)
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.feature_flag_id, [...(out.get(r.feature_flag_id) ?? []), r.id]);
    return out;
  }

  /** Live experiments using a holdout: their flags follow the holdout's share. */
  async usingHoldout(teamId: number, holdoutId: number): Promise<ExperimentRecord[]> {
    const rows = await this.db.selectFrom('experiments').selectAll().where('team_id', '=', teamId).where('holdout_id', '=', holdoutId).where('deleted', '=', 0).orderBy('id').execute();
    return rows.map(toRecord);
  }

  async create(teamId: number, featureFlagId: number, fields: ExperimentFields, userId: number | null): Promise<ExperimentRecord> {
    const now = new Date().toISOString();
    const inserted = await this.db
      .insertInto('experiments')
      .values({ team_id: teamId, feature_flag_id: featureFlagId, ...toColumns(fields), created_by: userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, inserted.id))!;
  }

  async update(teamId: number, id: number, fields: ExperimentFields): Promise<void> {
    await this.db.updateTable('experiments').set({ ...toColumns(fields), updated_at: new Date().toISOString() }).where('team_id', '=', teamId).where('id', '=', id).execute();
  }

  /** Clears a holdout from every experiment using it (the holdout is being deleted). */
  async dropHoldout(teamId: number, holdoutId: number): Promise<void> {
    await this.db.updateTable('experiments').set({ holdout_id: null }).where('team_id', '=', teamId).where('holdout_id', '=', holdoutId).execute();
  }

  async savedMetricLinks(teamId: number, experimentIds: number[]): Promise<SavedMetricLink[]> {
    if (experimentIds.length === 0) return [];
    const rows = await this.db.selectFrom('experiment_to_saved_metrics').selectAll().where('team_id', '=', teamId).where('experiment_id', 'in', experimentIds).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, experimentId: r.experiment_id, savedMetricId: r.saved_metric_id, metadata: JSON.parse(r.metadata), createdAt: r.created_at }));
  }

  /** Makes the experiment's links exactly `links`: kept ones keep their id, changed metadata is updated. */
  async replaceSavedMetricLinks(teamId: number, experimentId: number, links: SavedMetricIdApi[]): Promise<void> {
    const existing = new Map((await this.savedMetricLinks(teamId, [experimentId])).map((l) => [l.savedMetricId, l]));
    const wanted = new Set(links.map((l) => l.id));
    const gone = [...existing.keys()].filter((id) => !wanted.has(id));
    if (gone.length > 0) {
      await this.db.deleteFrom('experiment_to_saved_metrics').where('team_id', '=', teamId).where('experiment_id', '=', experimentId).where('saved_metric_id', 'in', gone).execute();
    }
    for (const link of links) {
      const metadata = JSON.stringify(link.metadata ?? { type: 'primary' });
      const current = existing.get(link.id);
      if (!current) {
        await this.db
          .insertInto('experiment_to_saved_metrics')
          .values({ team_id: teamId, experiment_id: experimentId, saved_metric_id: link.id, metadata, created_at: new Date().toISOString() })
          .execute();
      } else if (JSON.stringify(current.metadata) !== metadata) {
        await this.db.updateTable('experiment_to_saved_metrics').set({ metadata }).where('id', '=', current.id).execute();
      }
    }
  }
}

function toColumns(f: ExperimentFields) {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return {
    name: f.name,
    description: f.description,
    holdout_id: f.holdoutId,
    start_date: f.startDate,
    end_date: f.endDate,
    parameters: JSON.stringify(f.parameters),
    filters: JSON.stringify(f.filters),
    metrics: JSON.stringify(f.metrics),
    metrics_secondary: JSON.stringify(f.metricsSecondary),
    secondary_metrics: JSON.stringify(f.secondaryMetrics),
    stats_config: json(f.statsConfig),
    exposure_criteria: json(f.exposureCriteria),
    primary_metrics_ordered_uuids: json(f.primaryMetricsOrderedUuids),
    secondary_metrics_ordered_uuids: json(f.secondaryMetricsOrderedUuids),
    type: f.type,
    archived: f.archived ? 1 : 0,
    deleted: f.deleted ? 1 : 0,
    conclusion: f.conclusion,
    conclusion_comment: f.conclusionComment,
    shipped_variant: f.shippedVariant,
  };
}

function toRecord(row: Row): ExperimentRecord {
  const parse = <T>(v: string | null): T | null => (v === null ? null : (JSON.parse(v) as T));
  return {
    id: row.id,
    teamId: row.team_id,
    featureFlagId: row.feature_flag_id,
    name: row.name,
    description: row.description,
    holdoutId: row.holdout_id,
    startDate: row.start_date,
    endDate: row.end_date,
    parameters: JSON.parse(row.parameters),
    filters: JSON.parse(row.filters),
    metrics: JSON.parse(row.metrics),
    metricsSecondary: JSON.parse(row.metrics_secondary),
    secondaryMetrics: JSON.parse(row.secondary_metrics),
    statsConfig: parse(row.stats_config),
    exposureCriteria: parse(row.exposure_criteria),
    primaryMetricsOrderedUuids: parse(row.primary_metrics_ordered_uuids),
    secondaryMetricsOrderedUuids: parse(row.secondary_metrics_ordered_uuids),
    type: row.type as 'product' | 'web',
    archived: Boolean(row.archived),
    deleted: Boolean(row.deleted),
    conclusion: row.conclusion as ExperimentConclusion | null,
    conclusionComment: row.conclusion_comment,
    shippedVariant: row.shipped_variant,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
