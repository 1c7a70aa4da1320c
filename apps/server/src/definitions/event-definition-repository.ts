import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { curationColumns, type DefinitionCuration } from './definition-curation.js';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { nameMatches } from './definition-search.js';

export interface EventDefinitionRecord {
  id: string;
  teamId: number;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  description: string;
  tags: string[];
  owner: number | null;
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: number | null;
  hidden: boolean;
  updatedAt: string | null;
  updatedBy: number | null;
  /** Events with this name whose timestamp falls in the last 30 UTC days (today included). */
  volume30Day: number;
}

export const EVENT_DEFINITION_ORDERINGS = ['name', '-name', 'last_seen_at', '-last_seen_at', 'volume_30_day', '-volume_30_day', 'created_at', '-created_at'] as const;
export type EventDefinitionOrdering = (typeof EVENT_DEFINITION_ORDERINGS)[number];

export interface EventDefinitionFilter {
  search?: string;
  /** `event_custom`: names without a leading `$`; `event_posthog`: with one; anything else: all. */
  eventType?: string;
  excludedNames?: string[];
  excludeHidden?: boolean;
  ordering?: EventDefinitionOrdering;
  limit: number;
  offset: number;
}

/** What a PATCH changes. */
export interface EventDefinitionChanges extends DefinitionCuration {
  owner: number | null;
}

type Row = Selectable<MetaSchema['event_definitions']> & { volume_30_day: number | string | null };

const UPSERT_CHUNK = 500;

/** Event definitions of a project: written by ingestion (names, last seen, daily counts), described through the API. */
export class EventDefinitionRepository {
  constructor(
    private readonly db: MetaDb,
    private readonly now: () => number = Date.now,
  ) {}

  async list(teamId: number, filter: EventDefinitionFilter): Promise<{ count: number; definitions: EventDefinitionRecord[] }> {
    const count = await this.db
      .selectFrom('event_definitions as ed')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => matching(eb, teamId, filter))
      .executeTakeFirstOrThrow();
    const page = orderBy(this.withVolume().where((eb) => matching(eb, teamId, filter)), filter.ordering);
    const rows = await page.limit(filter.limit).offset(filter.offset).execute();
    return { count: Number(count.n), definitions: rows.map(toRecord) };
  }

  async get(teamId: number, id: string): Promise<EventDefinitionRecord | null> {
    const row = await this.withVolume().where('ed.team_id', '=', teamId).where('ed.id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getByName(teamId: number, name: string): Promise<EventDefinitionRecord | null> {
    const row = await this.withVolume().where('ed.team_id', '=', teamId).where('ed.name', '=', name).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async update(teamId: number, id: string, changes: EventDefinitionChanges): Promise<EventDefinitionRecord> {
    await this.db
      .updateTable('event_definitions')
      .set({ ...curationColumns(changes, this.now()), owner: changes.owner })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
    return (await this.get(teamId, id))!;
  }

  /** Deletes the definition (not the events); it comes back when the event is seen again. */
  async delete(teamId: number, id: string): Promise<void> {
    await this.db.deleteFrom('event_definitions').where('team_id', '=', teamId).where('id', '=', id).execute();
  }

  /** Every event name the project has a definition for (ingestion keeps these to bound new names). */
  async names(teamId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('event_definitions').select('name').where('team_id', '=', teamId).execute();
    return rows.map((r) => r.name);
  }

  /** Creates the definitions of names not seen before and moves `last_seen_at` of the others to `seenAt`. */
  async recordSeen(seen: readonly { teamId: number; name: string }[], seenAt: string): Promise<void> {
    for (let i = 0; i < seen.length; i += UPSERT_CHUNK) {
      const values = seen.slice(i, i + UPSERT_CHUNK).map((s) => ({ id: randomUUID(), team_id: s.teamId, name: s.name, created_at: seenAt, last_seen_at: seenAt }));
      await this.db
        .insertInto('event_definitions')
        .values(values)
        .onConflict((oc) => oc.columns(['team_id', 'name']).doUpdateSet((eb) => ({ last_seen_at: eb.ref('excluded.last_seen_at') })))
        .execute();
    }
  }

  /** Adds stored-event counts per name and day. */
  async addVolumes(counts: readonly { teamId: number; name: string; day: string; count: number }[]): Promise<void> {
    for (let i = 0; i < counts.length; i += UPSERT_CHUNK) {
      const values = counts.slice(i, i + UPSERT_CHUNK).map((c) => ({ team_id: c.teamId, name: c.name, day: c.day, count: c.count }));
      await this.db
        .insertInto('event_definition_volumes')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['team_id', 'name', 'day']).doUpdateSet({ count: sql`event_definition_volumes.count + excluded.count` }),
        )
        .execute();
    }
  }

  /** Forgets daily counts that fell out of the 30-day window. */
  async pruneVolumes(): Promise<void> {
    await this.db.deleteFrom('event_definition_volumes').where('day', '<', firstVolumeDay(this.now())).execute();
  }

  /** Definitions with their 30-day volume summed from the daily counts. */
  private withVolume() {
    const since = firstVolumeDay(this.now());
    return this.db
      .selectFrom('event_definitions as ed')
      .selectAll('ed')
      .select((eb) =>
        eb
          .selectFrom('event_definition_volumes as v')
          .select((v) => v.fn.sum<number | string | null>('v.count').as('n'))
          .whereRef('v.team_id', '=', 'ed.team_id')
          .whereRef('v.name', '=', 'ed.name')
          .where('v.day', '>=', since)
          .as('volume_30_day'),
      );
  }
}

/** The list filters as one condition on `ed`. */
function matching(eb: ExpressionBuilder<any, any>, teamId: number, filter: EventDefinitionFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('ed.team_id', '=', teamId)];
  if (filter.search) conditions.push(nameMatches(eb, 'ed.name', filter.search));
  if (filter.eventType === 'event_custom') conditions.push(sql<SqlBool>`substr(ed.name, 1, 1) <> '$'`);
  if (filter.eventType === 'event_posthog') conditions.push(sql<SqlBool>`substr(ed.name, 1, 1) = '$'`);
  if (filter.excludedNames && filter.excludedNames.length > 0) conditions.push(eb('ed.name', 'not in', filter.excludedNames));
  if (filter.excludeHidden) conditions.push(eb('ed.hidden', '=', 0));
  return eb.and(conditions);
}

/** The first UTC day inside the 30-day volume window. */
export function firstVolumeDay(nowMs: number): string {
  return new Date(nowMs - 29 * 86_400_000).toISOString().slice(0, 10);
}

function orderBy<Q extends { orderBy: (...args: any[]) => Q }>(query: Q, ordering: EventDefinitionOrdering | undefined): Q {
  switch (ordering) {
    case 'name':
    case '-name':
      return query.orderBy('ed.name', ordering === 'name' ? 'asc' : 'desc');
    case 'last_seen_at':
    case '-last_seen_at':
      return query.orderBy(sql`coalesce(ed.last_seen_at, '')`, ordering === 'last_seen_at' ? 'asc' : 'desc').orderBy('ed.name', 'asc');
    case 'volume_30_day':
    case '-volume_30_day':
      return query.orderBy(sql`coalesce(volume_30_day, 0)`, ordering === 'volume_30_day' ? 'asc' : 'desc').orderBy('ed.name', 'asc');
    case 'created_at':
    case '-created_at':
      return query.orderBy('ed.created_at', ordering === 'created_at' ? 'asc' : 'desc').orderBy('ed.name', 'asc');
    default:
      // PostHog's default: the day last seen, most recent first (never seen last), then by name.
      return query.orderBy(sql`coalesce(substr(ed.last_seen_at, 1, 10), '')`, 'desc').orderBy('ed.name', 'asc');
  }
}

function toRecord(row: Row): EventDefinitionRecord {
  return {
    id: row.id,
    teamId: Number(row.team_id),
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    description: row.description,
    tags: JSON.parse(row.tags) as string[],
    owner: row.owner === null ? null : Number(row.owner),
    verified: Boolean(row.verified),
    verifiedAt: row.verified_at,
    verifiedBy: row.verified_by === null ? null : Number(row.verified_by),
    hidden: Boolean(row.hidden),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by === null ? null : Number(row.updated_by),
    volume30Day: Number(row.volume_30_day ?? 0),
  };
}
