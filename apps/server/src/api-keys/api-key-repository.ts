import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { generateToken, hashApiKey, maskApiKey } from '../auth/api-key-format.js';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';

export interface ApiKeyRecord {
  id: string;
  userId: number;
  label: string;
  maskValue: string;
  scopes: string[];
  /** Project ids the key is limited to; null = every project of the user. */
  scopedTeams: number[] | null;
  scopedOrganizations: string[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  lastRolledAt: string | null;
}

/** What a create or update writes. */
export interface ApiKeyWrite {
  label: string;
  scopes: string[];
  scopedTeams: number[] | null;
  scopedOrganizations: string[] | null;
}

type ApiKeyRow = Selectable<MetaSchema['personal_api_keys']>;

/**
 * A user's personal API keys. Only a hash of each key is stored (as PostHog does); the value exists once, in what
 * `create` and `roll` return. Every method takes the owner, so one user never reads another's keys.
 */
export class ApiKeyRepository {
  constructor(private readonly db: MetaDb) {}

  /** Newest first, as PostHog lists them. */
  async list(userId: number): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('personal_api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async get(userId: number, id: string): Promise<ApiKeyRecord | null> {
    const row = await this.db.selectFrom('personal_api_keys').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async count(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('personal_api_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async create(userId: number, write: ApiKeyWrite): Promise<{ key: ApiKeyRecord; value: string }> {
    const value = generateToken('phx_', 35);
    const id = randomUUID();
    await this.db
      .insertInto('personal_api_keys')
      .values({
        id,
        user_id: userId,
        ...toColumns(write),
        secure_value: hashApiKey(value),
        mask_value: maskApiKey(value),
        created_at: new Date().toISOString(),
        last_used_at: null,
        last_rolled_at: null,
      })
      .execute();
    return { key: (await this.get(userId, id))!, value };
  }

  async update(userId: number, id: string, write: ApiKeyWrite): Promise<ApiKeyRecord | null> {
    await this.db.updateTable('personal_api_keys').set(toColumns(write)).where('user_id', '=', userId).where('id', '=', id).execute();
    return this.get(userId, id);
  }

  /** A new value for the key; the old value stops working at once. */
  async roll(userId: number, id: string): Promise<{ key: ApiKeyRecord; value: string } | null> {
    const value = generateToken('phx_', 35);
    const result = await this.db
      .updateTable('personal_api_keys')
      .set({ secure_value: hashApiKey(value), mask_value: maskApiKey(value), last_rolled_at: new Date().toISOString() })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    return { key: (await this.get(userId, id))!, value };
  }

  async delete(userId: number, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('personal_api_keys').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toColumns(write: ApiKeyWrite) {
  return {
    label: write.label,
    scopes: JSON.stringify(write.scopes),
    scoped_teams: write.scopedTeams && write.scopedTeams.length > 0 ? JSON.stringify(write.scopedTeams) : null,
    scoped_organizations: write.scopedOrganizations && write.scopedOrganizations.length > 0 ? JSON.stringify(write.scopedOrganizations) : null,
  };
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    userId: Number(row.user_id),
    label: row.label,
    maskValue: row.mask_value,
    scopes: JSON.parse(row.scopes) as string[],
    scopedTeams: row.scoped_teams ? (JSON.parse(row.scoped_teams) as number[]) : null,
    scopedOrganizations: row.scoped_organizations ? (JSON.parse(row.scoped_organizations) as string[]) : null,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    lastRolledAt: row.last_rolled_at,
  };
}
