import { sql, type Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { prepareQuery } from '../storage/prepared-query.js';
import { containsPattern } from '../storage/like-pattern.js';

export interface FeatureFlagRecord {
  id: number;
  teamId: number;
  key: string;
  name: string;
  filters: Record<string, unknown>;
  active: boolean;
  deleted: boolean;
  ensureExperienceContinuity: boolean;
  version: number;
  tags: string[];
  evaluationRuntime: string;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  lastModifiedBy: number | null;
}

export interface FlagWrite {
  key: string;
  name: string;
  filters: Record<string, unknown>;
  active: boolean;
  deleted: boolean;
  ensureExperienceContinuity: boolean;
  tags: string[];
  evaluationRuntime: string;
}

export interface FlagListFilter {
  search?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

type FlagRow = Selectable<MetaSchema['feature_flags']>;

/** Feature flags of a project; soft-deleted flags stay (their key is free again) but are never evaluated. */
export class FlagRepository {
  /** Read on every `/flags` request of a known person while a flag keeps experience continuity: compiled once. */
  private readonly overridesOf;

  constructor(private readonly db: MetaDb) {
    this.overridesOf = prepareQuery(db, (teamId: number, personUuid: string) =>
      db.selectFrom('feature_flag_hash_key_overrides').select(['feature_flag_key', 'hash_key']).where('team_id', '=', teamId).where('person_uuid', '=', personUuid),
    );
  }

  async list(teamId: number, filter: FlagListFilter): Promise<{ count: number; flags: FeatureFlagRecord[] }> {
    let query = this.db.selectFrom('feature_flags').where('team_id', '=', teamId).where('deleted', '=', 0);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    if (filter.search) {
      // icontains: LIKE wildcards in the search are plain characters.
      const pattern = containsPattern(filter.search.toLowerCase());
      query = query.where((eb) =>
        eb.or([eb(eb.fn('lower', ['key']), 'like', sql<string>`${pattern} escape '\\'`), eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`)]),
      );
    }
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return { count: Number(count.n), flags: rows.map(toRecord) };
  }

  async get(teamId: number, id: number): Promise<FeatureFlagRecord | null> {
    const row = await this.db.selectFrom('feature_flags').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getByKey(teamId: number, key: string): Promise<FeatureFlagRecord | null> {
    const row = await this.db
      .selectFrom('feature_flags')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('key', '=', key)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Every flag that is not deleted (active or not), in id order: what evaluation and local evaluation read. */
  async liveFlags(teamId: number): Promise<FeatureFlagRecord[]> {
    const rows = await this.db.selectFrom('feature_flags').selectAll().where('team_id', '=', teamId).where('deleted', '=', 0).orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** True when another live flag of the project already uses `key`. */
  async keyTaken(teamId: number, key: string, exceptId: number | null): Promise<boolean> {
    let query = this.db.selectFrom('feature_flags').select('id').where('team_id', '=', teamId).where('key', '=', key).where('deleted', '=', 0);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async create(teamId: number, flag: FlagWrite, userId: number | null): Promise<FeatureFlagRecord> {
    const now = new Date().toISOString();
    const inserted = await this.db
      .insertInto('feature_flags')
      .values({ team_id: teamId, ...toColumns(flag), version: 1, created_at: now, created_by: userId, updated_at: now, last_modified_by: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, inserted.id))!;
  }

  /** Saves `flag` if the stored version is still `expectedVersion`; false when someone else changed it first. */
  async update(teamId: number, id: number, flag: FlagWrite, expectedVersion: number, userId: number | null): Promise<boolean> {
    const result = await this.db
      .updateTable('feature_flags')
      .set({ ...toColumns(flag), version: expectedVersion + 1, updated_at: new Date().toISOString(), last_modified_by: userId })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async hashKeyOverrides(teamId: number, personUuid: string): Promise<Record<string, string>> {
    const { rows } = await this.overridesOf(this.db, teamId, personUuid);
    return Object.fromEntries(rows.map((r) => [r.feature_flag_key, r.hash_key]));
  }

  /** Records `hashKey` for each flag key the person has no override for yet (the first id a person was seen as wins). */
  async addHashKeyOverrides(teamId: number, personUuid: string, flagKeys: string[], hashKey: string): Promise<void> {
    if (flagKeys.length === 0) return;
    await this.db
      .insertInto('feature_flag_hash_key_overrides')
      .values(flagKeys.map((k) => ({ team_id: teamId, person_uuid: personUuid, feature_flag_key: k, hash_key: hashKey })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

function toColumns(flag: FlagWrite) {
  return {
    key: flag.key,
    name: flag.name,
    filters: JSON.stringify(flag.filters),
    active: flag.active ? 1 : 0,
    deleted: flag.deleted ? 1 : 0,
    ensure_experience_continuity: flag.ensureExperienceContinuity ? 1 : 0,
    tags: JSON.stringify(flag.tags),
    evaluation_runtime: flag.evaluationRuntime,
  };
}

function toRecord(row: FlagRow): FeatureFlagRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    key: row.key,
    name: row.name,
    filters: JSON.parse(row.filters) as Record<string, unknown>,
    active: Boolean(row.active),
    deleted: Boolean(row.deleted),
    ensureExperienceContinuity: Boolean(row.ensure_experience_continuity),
    version: row.version,
    tags: JSON.parse(row.tags) as string[],
    evaluationRuntime: row.evaluation_runtime,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    lastModifiedBy: row.last_modified_by,
  };
}
