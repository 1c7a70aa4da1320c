import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { curationColumns, type DefinitionCuration } from './definition-curation.js';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import type { PropertyParentType } from './definitions-accumulator.js';
import { nameMatches } from './definition-search.js';
import type { PropertyType } from './property-type.js';

export interface PropertyDefinitionRecord {
  id: string;
  teamId: number;
  name: string;
  type: PropertyParentType;
  groupTypeIndex: number | null;
  propertyType: PropertyType | null;
  description: string;
  tags: string[];
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: number | null;
  hidden: boolean;
  createdAt: string;
  updatedAt: string | null;
  updatedBy: number | null;
  /** Whether the property was seen on one of the filter's `eventNames`; null without that filter. */
  seenOnFilteredEvents: boolean | null;
}

export interface PropertyDefinitionFilter {
  type: PropertyParentType;
  groupTypeIndex?: number;
  search?: string;
  /** Exact names to list (PostHog's `properties`). */
  names?: string[];
  excludedNames?: string[];
  isNumerical?: boolean;
  isFeatureFlag?: boolean;
  excludeHidden?: boolean;
  /** Event properties seen on these events come first (or only them, with `onlySeenOnEvents`). */
  eventNames?: string[];
  onlySeenOnEvents?: boolean;
  limit: number;
  offset: number;
}

export interface PropertyDefinitionChanges extends DefinitionCuration {
  propertyType: PropertyType | null;
}

/** A property seen by ingestion, ready to write (group type already resolved to its index, -1 for none). */
export interface NewPropertyDefinition {
  teamId: number;
  type: PropertyParentType;
  groupTypeIndex: number;
  name: string;
  propertyType: PropertyType | null;
}

type Row = Selectable<MetaSchema['property_definitions']> & { seen_on_filtered_events?: number | boolean | null };

const INSERT_CHUNK = 500;

/** Property definitions (event, person, group) and which event properties were seen on which events. */
export class PropertyDefinitionRepository {
  constructor(
    private readonly db: MetaDb,
    private readonly now: () => number = Date.now,
  ) {}

  async list(teamId: number, filter: PropertyDefinitionFilter): Promise<{ count: number; definitions: PropertyDefinitionRecord[] }> {
    const count = await this.db
      .selectFrom('property_definitions as pd')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => matching(eb, teamId, filter))
      .executeTakeFirstOrThrow();
    const events = filter.eventNames ?? [];
    let query = this.db.selectFrom('property_definitions as pd').selectAll('pd').where((eb) => matching(eb, teamId, filter));
    if (events.length > 0) {
      query = query.select((eb) => eb.exists(seenOn(eb, teamId, events)).as('seen_on_filtered_events')).orderBy('seen_on_filtered_events', 'desc');
    }
    const rows: Row[] = await query.orderBy('pd.name', 'asc').limit(filter.limit).offset(filter.offset).execute();
    return { count: Number(count.n), definitions: rows.map((r) => toRecord(r, events.length > 0)) };
  }

  async get(teamId: number, id: string): Promise<PropertyDefinitionRecord | null> {
    const row = await this.db.selectFrom('property_definitions').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row, false) : null;
  }

  async update(teamId: number, id: string, changes: PropertyDefinitionChanges): Promise<PropertyDefinitionRecord> {
    await this.db
      .updateTable('property_definitions')
      .set({ ...curationColumns(changes, this.now()), property_type: changes.propertyType })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
    return (await this.get(teamId, id))!;
  }

  async delete(teamId: number, id: string): Promise<void> {
    await this.db.deleteFrom('property_definitions').where('team_id', '=', teamId).where('id', '=', id).execute();
  }

  /** For each event, whether the property was seen on it (PostHog's `seen_together`). */
  async seenTogether(teamId: number, events: readonly string[], property: string): Promise<Record<string, boolean>> {
    const out: Record<string, boolean> = Object.fromEntries(events.map((e) => [e, false]));
    if (events.length === 0) return out;
    const rows = await this.db
      .selectFrom('event_properties')
      .select('event')
      .where('team_id', '=', teamId)
      .where('property', '=', property)
      .where('event', 'in', [...events])
      .execute();
    for (const r of rows) out[r.event] = true;
    return out;
  }

  /** Stored definitions of the project as `type/groupTypeIndex/name` keys, and whether each has a type yet. */
  async keys(teamId: number): Promise<Map<string, boolean>> {
    const rows = await this.db
      .selectFrom('property_definitions')
      .select(['type', 'group_type_index', 'name', 'property_type'])
      .where('team_id', '=', teamId)
      .execute();
    return new Map(rows.map((r) => [definitionKey(Number(r.type), Number(r.group_type_index), r.name), r.property_type !== null]));
  }

  /** Stored event -> property pairs of the project as `event\0property` keys. */
  async eventPropertyKeys(teamId: number): Promise<Set<string>> {
    const rows = await this.db.selectFrom('event_properties').select(['event', 'property']).where('team_id', '=', teamId).execute();
    return new Set(rows.map((r) => `${r.event}\u0000${r.property}`));
  }

  /** Adds definitions; one that exists keeps its type unless it had none yet. */
  async insertSeen(definitions: readonly NewPropertyDefinition[]): Promise<void> {
    const at = new Date(this.now()).toISOString();
    for (let i = 0; i < definitions.length; i += INSERT_CHUNK) {
      const values = definitions.slice(i, i + INSERT_CHUNK).map((d) => ({
        id: randomUUID(),
        team_id: d.teamId,
        name: d.name,
        type: d.type,
        group_type_index: d.groupTypeIndex,
        property_type: d.propertyType,
        created_at: at,
      }));
      await this.db
        .insertInto('property_definitions')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['team_id', 'type', 'group_type_index', 'name'])
            .doUpdateSet((eb) => ({ property_type: eb.ref('excluded.property_type') }))
            .where('property_definitions.property_type', 'is', null),
        )
        .execute();
    }
  }

  async insertEventProperties(pairs: readonly { teamId: number; event: string; property: string }[]): Promise<void> {
    for (let i = 0; i < pairs.length; i += INSERT_CHUNK) {
      const values = pairs.slice(i, i + INSERT_CHUNK).map((p) => ({ team_id: p.teamId, event: p.event, property: p.property }));
      await this.db.insertInto('event_properties').values(values).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  /** The index of a group type in the project, or null when the type is not mapped (yet). */
  async groupTypeIndex(teamId: number, groupType: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('group_type_mappings')
      .select('group_type_index')
      .where('team_id', '=', teamId)
      .where('group_type', '=', groupType)
      .executeTakeFirst();
    return row ? Number(row.group_type_index) : null;
  }
}

/** The identity of a property definition within a project. */
export function definitionKey(type: number, groupTypeIndex: number, name: string): string {
  return `${type}/${groupTypeIndex}/${name}`;
}

function seenOn(eb: ExpressionBuilder<any, any>, teamId: number, events: readonly string[]) {
  return eb
    .selectFrom('event_properties as ep')
    .select('ep.property')
    .where('ep.team_id', '=', teamId)
    .whereRef('ep.property', '=', 'pd.name')
    .where('ep.event', 'in', [...events]);
}

/** The list filters as one condition on `pd`. */
function matching(eb: ExpressionBuilder<any, any>, teamId: number, filter: PropertyDefinitionFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('pd.team_id', '=', teamId),
    eb('pd.type', '=', filter.type),
    eb('pd.group_type_index', '=', filter.groupTypeIndex ?? -1),
  ];
  if (filter.search) conditions.push(nameMatches(eb, 'pd.name', filter.search));
  if (filter.names && filter.names.length > 0) conditions.push(eb('pd.name', 'in', filter.names));
  if (filter.excludedNames && filter.excludedNames.length > 0) conditions.push(eb('pd.name', 'not in', filter.excludedNames));
  if (filter.isNumerical === true) conditions.push(eb('pd.property_type', '=', 'Numeric'));
  if (filter.isNumerical === false) conditions.push(sql<SqlBool>`coalesce(pd.property_type, '') <> 'Numeric'`);
  if (filter.isFeatureFlag !== undefined) {
    const flag = sql<SqlBool>`substr(pd.name, 1, 9) = '$feature/'`;
    conditions.push(filter.isFeatureFlag ? flag : eb.not(flag));
  }
  if (filter.excludeHidden) conditions.push(eb('pd.hidden', '=', 0));
  if (filter.onlySeenOnEvents && filter.eventNames && filter.eventNames.length > 0) conditions.push(eb.exists(seenOn(eb, teamId, filter.eventNames)));
  return eb.and(conditions);
}

function toRecord(row: Row, withSeen: boolean): PropertyDefinitionRecord {
  return {
    id: row.id,
    teamId: Number(row.team_id),
    name: row.name,
    type: Number(row.type) as PropertyParentType,
    groupTypeIndex: Number(row.group_type_index) < 0 ? null : Number(row.group_type_index),
    propertyType: row.property_type as PropertyType | null,
    description: row.description,
    tags: JSON.parse(row.tags) as string[],
    verified: Boolean(row.verified),
    verifiedAt: row.verified_at,
    verifiedBy: row.verified_by === null ? null : Number(row.verified_by),
    hidden: Boolean(row.hidden),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by === null ? null : Number(row.updated_by),
    seenOnFilteredEvents: withSeen ? Boolean(row.seen_on_filtered_events) : null,
  };
}
