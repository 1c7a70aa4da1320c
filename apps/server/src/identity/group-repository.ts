import type { Kysely } from 'kysely';
import type { MetaSchema } from '../storage/meta-schema.js';
import type { JsonObject } from '../ingest/types.js';

export const MAX_GROUP_TYPES = 5;

/** A group's properties as of one version; null properties (UNKNOWN_GROUP_VERSION): no such group is stored. */
export interface StoredGroup {
  properties: JsonObject | null;
  version: number;
}

/** The version of a group before it is first stored: any stored group is newer. */
export const UNKNOWN_GROUP_VERSION = -1;

export interface GroupRecord {
  teamId: number;
  groupTypeIndex: number;
  groupKey: string;
  properties: JsonObject;
  createdAt: string;
  version: number;
}

/** Group types (up to five per project, indexed in order of first appearance) and group properties. */
export class GroupRepository {
  constructor(
    private readonly db: Kysely<MetaSchema>,
    private readonly typeIndexes = new Map<string, number>(),
  ) {}

  /** The same repository bound to a transaction, sharing the group type cache. */
  withDb(db: Kysely<MetaSchema>): GroupRepository {
    return new GroupRepository(db, this.typeIndexes);
  }

  /** Index of a group type, created on first sight; null when the project already has five types. */
  async typeIndex(teamId: number, groupType: string): Promise<number | null> {
    const key = `${teamId}\u0000${groupType}`;
    const cached = this.typeIndexes.get(key);
    if (cached !== undefined) return cached;
    const existing = await this.db
      .selectFrom('group_type_mappings')
      .select(['group_type', 'group_type_index'])
      .where('team_id', '=', teamId)
      .execute();
    const found = existing.find((r) => r.group_type === groupType);
    if (found) return this.remember(key, found.group_type_index);
    if (existing.length >= MAX_GROUP_TYPES) return null;
    const index = existing.length === 0 ? 0 : Math.max(...existing.map((r) => r.group_type_index)) + 1;
    await this.db.insertInto('group_type_mappings').values({ team_id: teamId, group_type: groupType, group_type_index: index }).execute();
    return this.remember(key, index);
  }

  async mappings(teamId: number): Promise<{ group_type: string; group_type_index: number }[]> {
    return this.db
      .selectFrom('group_type_mappings')
      .select(['group_type', 'group_type_index'])
      .where('team_id', '=', teamId)
      .orderBy('group_type_index')
      .execute();
  }

  /** A group's stored properties and version; null properties when the group is unknown. */
  async stored(teamId: number, groupTypeIndex: number, groupKey: string): Promise<StoredGroup> {
    const row = await this.db
      .selectFrom('groups')
      .select(['properties', 'version'])
      .where('team_id', '=', teamId)
      .where('group_type_index', '=', groupTypeIndex)
      .where('group_key', '=', groupKey)
      .executeTakeFirst();
    return row ? { properties: JSON.parse(row.properties) as JsonObject, version: row.version } : { properties: null, version: UNKNOWN_GROUP_VERSION };
  }

  /** Merges `set` into the group's properties (creating the group), returning the saved group. */
  async upsert(teamId: number, groupTypeIndex: number, groupKey: string, set: JsonObject, at: string): Promise<GroupRecord> {
    const row = await this.db
      .selectFrom('groups')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('group_type_index', '=', groupTypeIndex)
      .where('group_key', '=', groupKey)
      .executeTakeFirst();
    const properties = Object.assign(Object.create(null) as JsonObject, row ? (JSON.parse(row.properties) as JsonObject) : {});
    for (const k of Object.keys(set)) properties[k] = set[k];
    const group: GroupRecord = {
      teamId,
      groupTypeIndex,
      groupKey,
      properties,
      createdAt: row?.created_at ?? at,
      version: (row?.version ?? -1) + 1,
    };
    await this.db
      .insertInto('groups')
      .values({ team_id: teamId, group_type_index: groupTypeIndex, group_key: groupKey, properties: JSON.stringify(properties), created_at: group.createdAt, version: group.version })
      .onConflict((oc) =>
        oc.columns(['team_id', 'group_type_index', 'group_key']).doUpdateSet({ properties: JSON.stringify(properties), version: group.version }),
      )
      .execute();
    return group;
  }

  private remember(key: string, index: number): number {
    this.typeIndexes.set(key, index);
    return index;
  }
}
