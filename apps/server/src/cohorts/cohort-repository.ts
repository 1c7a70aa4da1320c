import type { CohortGroup } from '@warren/query/cohorts/cohort-definition';
import type { Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';

/** A cohort as stored: its definition and the state of its membership. */
export interface CohortRecord {
  id: number;
  teamId: number;
  name: string;
  description: string;
  /** The canonical dynamic definition; null for static cohorts. */
  filters: { properties: CohortGroup } | null;
  /** A legacy `groups` body as sent, shown back as PostHog does. */
  groups: unknown[];
  isStatic: boolean;
  deleted: boolean;
  /** The `cohort_people` version that is current; null until the first calculation finishes. */
  version: number | null;
  count: number | null;
  isCalculating: boolean;
  lastCalculation: string | null;
  errorsCalculating: number;
  lastError: string | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
}

/** What a create or update writes. */
export interface CohortWrite {
  name: string;
  description: string;
  filters: { properties: CohortGroup } | null;
  groups: unknown[];
  isStatic: boolean;
  deleted: boolean;
}

type CohortRow = Selectable<MetaSchema['cohorts']>;

/** Cohorts of a project; soft-deleted cohorts stay stored but are never listed, calculated or matched. */
export class CohortRepository {
  constructor(private readonly db: MetaDb) {}

  async list(teamId: number, page: { limit: number; offset: number; search?: string }): Promise<{ count: number; cohorts: CohortRecord[] }> {
    let live = this.db.selectFrom('cohorts').where('team_id', '=', teamId).where('deleted', '=', 0);
    // Case-insensitive on both dialects; `%` and `_` in the search act as wildcards (the text is bound, never pasted).
    if (page.search) live = live.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${page.search!.toLowerCase()}%`));
    const count = await live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await live.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { count: Number(count.n), cohorts: rows.map(toRecord) };
  }

  /** Every live cohort of the project: what queries, flags and nested definitions may reference. */
  async live(teamId: number): Promise<CohortRecord[]> {
    const rows = await this.db.selectFrom('cohorts').selectAll().where('team_id', '=', teamId).where('deleted', '=', 0).orderBy('id').execute();
    return rows.map(toRecord);
  }

  async get(teamId: number, id: number): Promise<CohortRecord | null> {
    const row = await this.db.selectFrom('cohorts').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async create(teamId: number, cohort: CohortWrite, userId: number | null): Promise<CohortRecord> {
    const now = new Date().toISOString();
    const inserted = await this.db
      .insertInto('cohorts')
      .values({ team_id: teamId, ...toColumns(cohort), created_at: now, created_by: userId, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, inserted.id))!;
  }

  async update(teamId: number, id: number, cohort: CohortWrite): Promise<CohortRecord> {
    await this.db.updateTable('cohorts').set({ ...toColumns(cohort), updated_at: new Date().toISOString() }).where('team_id', '=', teamId).where('id', '=', id).execute();
    return (await this.get(teamId, id))!;
  }

  async markCalculating(teamId: number, id: number, calculating: boolean): Promise<void> {
    await this.db.updateTable('cohorts').set({ is_calculating: calculating ? 1 : 0 }).where('team_id', '=', teamId).where('id', '=', id).execute();
  }

  /** Makes a calculated (or changed static) membership current. */
  async finishCalculation(teamId: number, id: number, result: { version: number; count: number; at: string }): Promise<void> {
    await this.db
      .updateTable('cohorts')
      .set({ version: result.version, count: result.count, last_calculation: result.at, is_calculating: 0, last_error: null })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
  }

  async failCalculation(teamId: number, id: number, message: string, at: string): Promise<void> {
    await this.db
      .updateTable('cohorts')
      .set((eb) => ({ errors_calculating: eb('errors_calculating', '+', 1), is_calculating: 0, last_error: message.slice(0, 1000), last_calculation: at }))
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
  }

  /** Live dynamic cohorts of any project last calculated before `before` (never calculated first), oldest first. */
  async stale(before: string, limit: number): Promise<{ teamId: number; id: number }[]> {
    const rows = await this.db
      .selectFrom('cohorts')
      .select(['team_id', 'id', 'last_calculation'])
      .where('deleted', '=', 0)
      .where('is_static', '=', 0)
      .where((eb) => eb.or([eb('last_calculation', 'is', null), eb('last_calculation', '<', before)]))
      .orderBy('last_calculation')
      .orderBy('id')
      .limit(limit)
      .execute();
    // SQLite and PostgreSQL disagree on where NULL sorts; never-calculated cohorts go first either way.
    return rows
      .sort((a, b) => Number(a.last_calculation !== null) - Number(b.last_calculation !== null))
      .map((r) => ({ teamId: Number(r.team_id), id: Number(r.id) }));
  }

  /** After a restart no calculation is running, whatever the rows say. */
  async clearCalculating(): Promise<void> {
    await this.db.updateTable('cohorts').set({ is_calculating: 0 }).where('is_calculating', '=', 1).execute();
  }
}

function toColumns(cohort: CohortWrite) {
  return {
    name: cohort.name,
    description: cohort.description,
    filters: cohort.filters === null ? null : JSON.stringify(cohort.filters),
    groups: JSON.stringify(cohort.groups),
    is_static: cohort.isStatic ? 1 : 0,
    deleted: cohort.deleted ? 1 : 0,
  };
}

function toRecord(row: CohortRow): CohortRecord {
  return {
    id: Number(row.id),
    teamId: Number(row.team_id),
    name: row.name,
    description: row.description,
    filters: row.filters === null ? null : (JSON.parse(row.filters) as { properties: CohortGroup }),
    groups: JSON.parse(row.groups) as unknown[],
    isStatic: Boolean(row.is_static),
    deleted: Boolean(row.deleted),
    // PostgreSQL returns bigint columns as strings.
    version: row.version === null ? null : Number(row.version),
    count: row.count === null ? null : Number(row.count),
    isCalculating: Boolean(row.is_calculating),
    lastCalculation: row.last_calculation,
    errorsCalculating: Number(row.errors_calculating),
    lastError: row.last_error,
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    updatedAt: row.updated_at,
  };
}
