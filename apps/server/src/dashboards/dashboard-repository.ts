import { sql, type Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import { containsPattern } from '../storage/like-pattern.js';

/** PostHog's `DashboardFilter`: the date range and filters every insight tile of the dashboard is shown with. */
export type DashboardFilters = Record<string, unknown>;

export interface DashboardRecord {
  id: number;
  teamId: number;
  name: string | null;
  description: string;
  pinned: boolean;
  tags: string[];
  filters: DashboardFilters;
  creationMode: 'default' | 'template' | 'duplicate';
  deleted: boolean;
  createdAt: string;
  createdBy: number | null;
  lastAccessedAt: string | null;
  lastRefresh: string | null;
}

export interface DashboardWrite {
  name: string | null;
  description: string;
  pinned: boolean;
  tags: string[];
  filters: DashboardFilters;
  deleted: boolean;
}

export interface DashboardListFilter {
  search?: string;
  pinned?: boolean;
  limit: number;
  offset: number;
}

type DashboardRow = Selectable<MetaSchema['dashboards']>;

/** Dashboards of a project; soft-deleted ones stay stored (they can be restored) but are never listed. */
export class DashboardRepository {
  constructor(private readonly db: MetaDb) {}

  /** Pinned first, then by name, as PostHog lists them. */
  async list(teamId: number, filter: DashboardListFilter): Promise<{ count: number; dashboards: DashboardRecord[] }> {
    let query = this.db.selectFrom('dashboards').where('team_id', '=', teamId).where('deleted', '=', 0);
    if (filter.pinned !== undefined) query = query.where('pinned', '=', filter.pinned ? 1 : 0);
    if (filter.search) {
      const pattern = containsPattern(filter.search.toLowerCase());
      query = query.where((eb) =>
        eb.or([eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`), eb(eb.fn('lower', ['description']), 'like', sql<string>`${pattern} escape '\\'`)]),
      );
    }
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('pinned', 'desc')
      .orderBy(sql`coalesce(name, '')`)
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { count: Number(count.n), dashboards: rows.map(toRecord) };
  }

  /** The dashboard, deleted or not. */
  async get(teamId: number, id: number): Promise<DashboardRecord | null> {
    const row = await this.db.selectFrom('dashboards').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Which of these ids are live dashboards of the project. */
  async liveIds(teamId: number, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('dashboards').select('id').where('team_id', '=', teamId).where('deleted', '=', 0).where('id', 'in', [...new Set(ids)]).execute();
    return new Set(rows.map((r) => Number(r.id)));
  }

  /**
   * When each of these dashboards last changed: its newest activity-log entry (every create and update writes one,
   * tile and layout changes included), so no column has to be kept in step. Dashboards without entries are absent.
   */
  async lastModified(teamId: number, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('activity_log')
      .select(['item_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('team_id', '=', teamId)
      .where('scope', '=', 'Dashboard')
      .where('item_id', 'in', [...new Set(ids)].map(String))
      .groupBy('item_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.item_id), String(r.at)]));
  }

  async create(teamId: number, dashboard: DashboardWrite, creationMode: DashboardRecord['creationMode'], userId: number | null): Promise<DashboardRecord> {
    const inserted = await this.db
      .insertInto('dashboards')
      .values({ team_id: teamId, ...toColumns(dashboard), creation_mode: creationMode, created_at: new Date().toISOString(), created_by: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, Number(inserted.id)))!;
  }

  async update(teamId: number, id: number, dashboard: DashboardWrite): Promise<DashboardRecord> {
    await this.db.updateTable('dashboards').set(toColumns(dashboard)).where('team_id', '=', teamId).where('id', '=', id).execute();
    return (await this.get(teamId, id))!;
  }

  /** Records that the dashboard was opened and, when its tiles were computed, when. */
  async touch(teamId: number, id: number, times: { accessedAt: string; refreshedAt?: string }): Promise<void> {
    await this.db
      .updateTable('dashboards')
      .set({ last_accessed_at: times.accessedAt, ...(times.refreshedAt ? { last_refresh: times.refreshedAt } : {}) })
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .execute();
  }
}

function toColumns(dashboard: DashboardWrite) {
  return {
    name: dashboard.name,
    description: dashboard.description,
    pinned: dashboard.pinned ? 1 : 0,
    tags: JSON.stringify(dashboard.tags),
    filters: JSON.stringify(dashboard.filters),
    deleted: dashboard.deleted ? 1 : 0,
  };
}

function toRecord(row: DashboardRow): DashboardRecord {
  return {
    id: Number(row.id),
    teamId: Number(row.team_id),
    name: row.name,
    description: row.description,
    pinned: Boolean(row.pinned),
    tags: JSON.parse(row.tags) as string[],
    filters: JSON.parse(row.filters) as DashboardFilters,
    creationMode: row.creation_mode as DashboardRecord['creationMode'],
    deleted: Boolean(row.deleted),
    createdAt: row.created_at,
    createdBy: row.created_by === null ? null : Number(row.created_by),
    lastAccessedAt: row.last_accessed_at,
    lastRefresh: row.last_refresh,
  };
}
