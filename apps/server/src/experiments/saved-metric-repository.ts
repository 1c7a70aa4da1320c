import type { StoredExperimentMetric } from '@warren/shared/experiments-api';
import type { MetaDb } from '../storage/meta-schema.js';

export interface SavedMetricRecord {
  id: number;
  teamId: number;
  name: string;
  description: string | null;
  query: StoredExperimentMetric;
  tags: string[];
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface SavedMetricFields {
  name: string;
  description: string | null;
  query: StoredExperimentMetric;
  tags: string[];
}

/** Metrics saved once and linked to many experiments; deleting one removes its links too. */
export class SavedMetricRepository {
  constructor(private readonly db: MetaDb) {}

  async list(teamId: number, page: { limit: number; offset: number }): Promise<{ count: number; metrics: SavedMetricRecord[] }> {
    const query = this.db.selectFrom('experiment_saved_metrics').where('team_id', '=', teamId);
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { count: Number(count.n), metrics: rows.map(toRecord) };
  }

  async get(teamId: number, id: number): Promise<SavedMetricRecord | null> {
    const row = await this.db.selectFrom('experiment_saved_metrics').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getMany(teamId: number, ids: number[]): Promise<Map<number, SavedMetricRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('experiment_saved_metrics').selectAll().where('team_id', '=', teamId).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  async create(teamId: number, fields: SavedMetricFields, userId: number | null): Promise<SavedMetricRecord> {
    const now = new Date().toISOString();
    const { id } = await this.db
      .insertInto('experiment_saved_metrics')
      .values({ team_id: teamId, ...toColumns(fields), created_by: userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, id))!;
  }

  async update(teamId: number, id: number, fields: SavedMetricFields): Promise<SavedMetricRecord> {
    await this.db.updateTable('experiment_saved_metrics').set({ ...toColumns(fields), updated_at: new Date().toISOString() }).where('team_id', '=', teamId).where('id', '=', id).execute();
    return (await this.get(teamId, id))!;
  }

  async delete(teamId: number, id: number): Promise<void> {
    await this.db.deleteFrom('experiment_to_saved_metrics').where('team_id', '=', teamId).where('saved_metric_id', '=', id).execute();
    await this.db.deleteFrom('experiment_saved_metrics').where('team_id', '=', teamId).where('id', '=', id).execute();
  }
}

function toColumns(f: SavedMetricFields) {
  return { name: f.name, description: f.description, query: JSON.stringify(f.query), tags: JSON.stringify(f.tags) };
}

function toRecord(row: { id: number; team_id: number; name: string; description: string | null; query: string; tags: string; created_by: number | null; created_at: string; updated_at: string }): SavedMetricRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    description: row.description,
    query: JSON.parse(row.query),
    tags: JSON.parse(row.tags),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
