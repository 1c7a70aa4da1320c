import { randomInt } from 'node:crypto';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { containsPattern } from '../storage/like-pattern.js';

/** A stored insight: what was written (InsightWrite) plus its identity and bookkeeping. */
export interface InsightRecord extends InsightWrite {
  id: number;
  teamId: number;
  shortId: string;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  lastModifiedAt: string;
  lastModifiedBy: number | null;
}

/** What a create or an update stores (validated by insight-input). */
export interface InsightWrite {
  name: string | null;
  derivedName: string | null;
  description: string;
  query: Record<string, unknown> | null;
  queryKind: string | null;
  tags: string[];
  favorited: boolean;
  saved: boolean;
  deleted: boolean;
}

export const INSIGHT_ORDER_COLUMNS = ['created_at', 'last_modified_at', 'updated_at', 'name', 'id'] as const;
export type InsightOrderColumn = (typeof INSIGHT_ORDER_COLUMNS)[number];

export interface InsightListFilter {
  /** true: saved or on a dashboard (PostHog's "saved insights"); false: not saved. */
  saved?: boolean;
  favorited?: boolean;
  /** icontains on name, derived name, description and tags. */
  search?: string;
  shortId?: string;
  createdBy?: number;
  /** On every one of these dashboards. */
  dashboards?: number[];
  queryKinds?: string[];
  order: { column: InsightOrderColumn; descending: boolean };
  limit: number;
  offset: number;
}

type InsightRow = Selectable<MetaSchema['insights']>;
type InsightsEb = ExpressionBuilder<MetaSchema, 'insights'>;

const SHORT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Insights of a project; a soft-deleted insight stays stored (it can be restored) but is never listed. */
export class InsightRepository {
  constructor(private readonly db: MetaDb) {}

  async list(teamId: number, filter: InsightListFilter): Promise<{ count: number; insights: InsightRecord[] }> {
    let query = this.db.selectFrom('insights').where('team_id', '=', teamId).where('deleted', '=', 0);
    if (filter.saved === true) query = query.where((eb) => eb.or([eb('saved', '=', 1), onLiveDashboard(eb)]));
    if (filter.saved === false) query = query.where('saved', '=', 0);
    if (filter.favorited !== undefined) query = query.where('favorited', '=', filter.favorited ? 1 : 0);
    if (filter.shortId !== undefined) query = query.where('short_id', '=', filter.shortId);
    if (filter.createdBy !== undefined) query = query.where('created_by', '=', filter.createdBy);
    if (filter.queryKinds) query = query.where('query_kind', 'in', filter.queryKinds.length ? filter.queryKinds : ['']);
    for (const dashboardId of filter.dashboards ?? []) query = query.where((eb) => onDashboard(eb, dashboardId));
    if (filter.search) {
      const pattern = sql<string>`${containsPattern(filter.search.toLowerCase())} escape '\\'`;
      query = query.where((eb) =>
        eb.or(
          (['name', 'derived_name', 'description', 'tags'] as const).map((column) => eb(eb.fn('lower', [column]), 'like', pattern)),
        ),
      );
    }
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const direction = filter.order.descending ? 'desc' : 'asc';
    const rows = await query
      .selectAll()
      .orderBy(filter.order.column, direction)
      .orderBy('id', direction)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { count: Number(count.n), insights: rows.map(toRecord) };
  }

  /** The insight, deleted or not (callers decide whether a deleted one is visible). */
  async get(teamId: number, id: number): Promise<InsightRecord | null> {
    const row = await this.db.selectFrom('insights').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async getMany(teamId: number, ids: readonly number[]): Promise<Map<number, InsightRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('insights').selectAll().where('team_id', '=', teamId).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [Number(r.id), toRecord(r)]));
  }

  async create(teamId: number, insight: InsightWrite, userId: number | null): Promise<InsightRecord> {
    const now = new Date().toISOString();
    const inserted = await this.db
      .insertInto('insights')
      .values({
        team_id: teamId,
        short_id: await this.freeShortId(teamId),
        ...toColumns(insight),
        created_at: now,
        created_by: userId,
        updated_at: now,
        last_modified_at: now,
        last_modified_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, Number(inserted.id)))!;
  }

  /** Saves the insight; `material` changes (name, query, description, …) also move its last-modified time and user. */
  async update(teamId: number, id: number, insight: InsightWrite, change: { material: boolean; userId: number | null }): Promise<InsightRecord> {
    const now = new Date().toISOString();
    await this.db
      .updateTable('insights')
      .set({ ...toColumns(insight), updated_at: now, ...(change.material ? { last_modified_at: now, last_modified_by: change.userId } : {}) })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
    return (await this.get(teamId, id))!;
  }

  async softDelete(teamId: number, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('insights').set({ deleted: 1, updated_at: new Date().toISOString() }).where('team_id', '=', teamId).where('id', 'in', [...ids]).execute();
  }

  async restore(teamId: number, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('insights').set({ deleted: 0, updated_at: new Date().toISOString() }).where('team_id', '=', teamId).where('id', 'in', [...ids]).execute();
  }

  /** A random 8-character base62 id no insight of the project has yet (62^8 makes a retry rare). */
  private async freeShortId(teamId: number): Promise<string> {
    for (;;) {
      const candidate = Array.from({ length: 8 }, () => SHORT_ID_ALPHABET[randomInt(SHORT_ID_ALPHABET.length)]).join('');
      const taken = await this.db.selectFrom('insights').select('id').where('team_id', '=', teamId).where('short_id', '=', candidate).executeTakeFirst();
      if (!taken) return candidate;
    }
  }
}

/** The insight has a live tile on a live dashboard. */
function onLiveDashboard(eb: InsightsEb) {
  return eb.exists(
    eb
      .selectFrom('dashboard_tiles as t')
      .innerJoin('dashboards as d', 'd.id', 't.dashboard_id')
      .select('t.id')
      .whereRef('t.insight_id', '=', 'insights.id')
      .where('t.deleted', '=', 0)
      .where('d.deleted', '=', 0),
  );
}

function onDashboard(eb: InsightsEb, dashboardId: number) {
  return eb.exists(
    eb.selectFrom('dashboard_tiles as t').select('t.id').whereRef('t.insight_id', '=', 'insights.id').where('t.dashboard_id', '=', dashboardId).where('t.deleted', '=', 0),
  );
}

function toColumns(insight: InsightWrite) {
  return {
    name: insight.name,
    derived_name: insight.derivedName,
    description: insight.description,
    query: insight.query === null ? null : JSON.stringify(insight.query),
    query_kind: insight.queryKind,
    tags: JSON.stringify(insight.tags),
    favorited: insight.favorited ? 1 : 0,
    saved: insight.saved ? 1 : 0,
    deleted: insight.deleted ? 1 : 0,
  };
}

function toRecord(row: InsightRow): InsightRecord {
  return {
    id: Number(row.id),
    teamId: Number(row.team_id),
    shortId: row.short_id,
    name: row.name,
    derivedName: row.derived_name,
    description: row.description,
    query: row.query === null ? null : (JSON.parse(row.query) as Record<string, unknown>),
    queryKind: row.query_kind,
    tags: JSON.parse(row.tags) as string[],
    favorited: Boolean(row.favorited),
    saved: Boolean(row.saved),
    deleted: Boolean(row.deleted),
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    updatedAt: row.updated_at,
    lastModifiedAt: row.last_modified_at,
    lastModifiedBy: row.last_modified_by === null ? null : Number(row.last_modified_by),
  };
}
