import type { Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import type { ActionWrite, StoredActionStep } from './action-input.js';

export interface ActionRecord {
  id: number;
  teamId: number;
  name: string;
  description: string;
  steps: StoredActionStep[];
  tags: string[];
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  deleted: boolean;
}

type ActionRow = Selectable<MetaSchema['actions']>;

/** Actions of a project; soft-deleted actions stay stored (their name is free again) but are never listed or matched. */
export class ActionRepository {
  constructor(private readonly db: MetaDb) {}

  /** A page of live actions, newest first; `search` keeps those whose name contains it (any case). */
  async list(teamId: number, page: { limit: number; offset: number; search?: string }): Promise<{ count: number; actions: ActionRecord[] }> {
    let live = this.db.selectFrom('actions').where('team_id', '=', teamId).where('deleted', '=', 0);
    // Case-insensitive on both dialects; `%` and `_` in the search act as wildcards (the text is bound, never pasted).
    if (page.search) live = live.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${page.search!.toLowerCase()}%`));
    const count = await live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await live.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { count: Number(count.n), actions: rows.map(toRecord) };
  }

  /** Every live action of the project, oldest first: what insight queries may reference. */
  async live(teamId: number): Promise<ActionRecord[]> {
    const rows = await this.db.selectFrom('actions').selectAll().where('team_id', '=', teamId).where('deleted', '=', 0).orderBy('id').execute();
    return rows.map(toRecord);
  }

  async get(teamId: number, id: number): Promise<ActionRecord | null> {
    const row = await this.db.selectFrom('actions').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The id of another live action of the project with this name, if any. */
  async nameTakenBy(teamId: number, name: string, exceptId: number | null): Promise<number | null> {
    let query = this.db.selectFrom('actions').select('id').where('team_id', '=', teamId).where('name', '=', name).where('deleted', '=', 0);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst())?.id ?? null;
  }

  async create(teamId: number, action: ActionWrite, userId: number | null): Promise<ActionRecord> {
    const now = new Date().toISOString();
    const inserted = await this.db
      .insertInto('actions')
      .values({ team_id: teamId, ...toColumns(action), created_at: now, created_by: userId, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, inserted.id))!;
  }

  async update(teamId: number, id: number, action: ActionWrite): Promise<ActionRecord> {
    await this.db
      .updateTable('actions')
      .set({ ...toColumns(action), updated_at: new Date().toISOString() })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
    return (await this.get(teamId, id))!;
  }
}

function toColumns(action: ActionWrite) {
  return {
    name: action.name,
    description: action.description,
    steps: JSON.stringify(action.steps),
    tags: JSON.stringify(action.tags),
    deleted: action.deleted ? 1 : 0,
  };
}

function toRecord(row: ActionRow): ActionRecord {
  return {
    id: Number(row.id),
    teamId: Number(row.team_id),
    name: row.name,
    description: row.description,
    steps: JSON.parse(row.steps) as StoredActionStep[],
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    updatedAt: row.updated_at,
    deleted: Boolean(row.deleted),
  };
}
