import type { HoldoutFilterApi } from '@warren/shared/experiments-api';
import type { MetaDb } from '../storage/meta-schema.js';

export interface HoldoutRecord {
  id: number;
  teamId: number;
  name: string;
  description: string | null;
  filters: HoldoutFilterApi[];
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface HoldoutFields {
  name: string;
  description: string | null;
  filters: HoldoutFilterApi[];
}

/** A project's experiment holdouts (hard-deleted, as PostHog does). */
export class HoldoutRepository {
  constructor(private readonly db: MetaDb) {}

  async list(teamId: number, page: { limit: number; offset: number }): Promise<{ count: number; holdouts: HoldoutRecord[] }> {
    const query = this.db.selectFrom('experiment_holdouts').where('team_id', '=', teamId);
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { count: Number(count.n), holdouts: rows.map(toRecord) };
  }

  async get(teamId: number, id: number): Promise<HoldoutRecord | null> {
    const row = await this.db.selectFrom('experiment_holdouts').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getMany(teamId: number, ids: number[]): Promise<Map<number, HoldoutRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('experiment_holdouts').selectAll().where('team_id', '=', teamId).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  /** Inserts, then names each filter's variant `holdout-<id>` (the id is known only after the insert). */
  async create(teamId: number, fields: HoldoutFields, userId: number | null): Promise<HoldoutRecord> {
    const now = new Date().toISOString();
    const { id } = await this.db
      .insertInto('experiment_holdouts')
      .values({ team_id: teamId, name: fields.name, description: fields.description, filters: JSON.stringify(fields.filters), created_by: userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db.updateTable('experiment_holdouts').set({ filters: JSON.stringify(withVariant(id, fields.filters)) }).where('id', '=', id).execute();
    return (await this.get(teamId, id))!;
  }

  async update(teamId: number, id: number, fields: HoldoutFields): Promise<HoldoutRecord> {
    await this.db
      .updateTable('experiment_holdouts')
      .set({ name: fields.name, description: fields.description, filters: JSON.stringify(withVariant(id, fields.filters)), updated_at: new Date().toISOString() })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
    return (await this.get(teamId, id))!;
  }

  async delete(teamId: number, id: number): Promise<void> {
    await this.db.deleteFrom('experiment_holdouts').where('team_id', '=', teamId).where('id', '=', id).execute();
  }
}

function withVariant(id: number, filters: HoldoutFilterApi[]): HoldoutFilterApi[] {
  return filters.map((f) => ({ ...f, variant: `holdout-${id}` }));
}

function toRecord(row: { id: number; team_id: number; name: string; description: string | null; filters: string; created_by: number | null; created_at: string; updated_at: string }): HoldoutRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    description: row.description,
    filters: JSON.parse(row.filters),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
