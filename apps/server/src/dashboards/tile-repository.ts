import type { MetaDb } from '../storage/meta-schema.js';

/** A tile's size and place per breakpoint: `{sm: {x, y, w, h, minW?, minH?}, xs: {…}}`. */
export type TileLayouts = Record<string, unknown>;

export interface TextRecord {
  id: number;
  body: string | null;
  createdBy: number | null;
  lastModifiedBy: number | null;
  lastModifiedAt: string;
}

export interface TileRecord {
  id: number;
  dashboardId: number;
  insightId: number | null;
  text: TextRecord | null;
  layouts: TileLayouts;
  color: string | null;
}

/** A live insight tile, as the insight lists the dashboards it is on. */
export interface InsightTileRef {
  id: number;
  dashboardId: number;
  insightId: number;
}

export interface TilePlacement {
  layouts: TileLayouts;
  color: string | null;
}

/**
 * Tiles of dashboards and the texts of text tiles. Callers check that dashboards and insights belong to the
 * project before placing them. Deleting a dashboard leaves its tiles as they were (restoring it brings them back
 * as they were); reads that cross to dashboards keep only live ones.
 */
export class TileRepository {
  constructor(private readonly db: MetaDb) {}

  /** The live tiles of a dashboard, without tiles of deleted insights, in creation order. */
  async ofDashboard(dashboardId: number): Promise<TileRecord[]> {
    const rows = await this.db
      .selectFrom('dashboard_tiles as t')
      .leftJoin('insights as i', 'i.id', 't.insight_id')
      .leftJoin('dashboard_texts as x', 'x.id', 't.text_id')
      .select(['t.id', 't.dashboard_id', 't.insight_id', 't.layouts', 't.color', 'x.id as text_id', 'x.body', 'x.created_by', 'x.last_modified_by', 'x.last_modified_at'])
      .where('t.dashboard_id', '=', dashboardId)
      .where('t.deleted', '=', 0)
      .where((eb) => eb.or([eb('t.insight_id', 'is', null), eb('i.deleted', '=', 0)]))
      .orderBy('t.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      dashboardId: Number(r.dashboard_id),
      insightId: r.insight_id === null ? null : Number(r.insight_id),
      text:
        r.text_id === null
          ? null
          : { id: Number(r.text_id), body: r.body, createdBy: nullableNumber(r.created_by), lastModifiedBy: nullableNumber(r.last_modified_by), lastModifiedAt: r.last_modified_at! },
      layouts: JSON.parse(r.layouts) as TileLayouts,
      color: r.color,
    }));
  }

  /** How many live tiles each of these dashboards shows (as `ofDashboard` counts them); dashboards without any are absent. */
  async countsOf(dashboardIds: readonly number[]): Promise<Map<number, number>> {
    if (dashboardIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('dashboard_tiles as t')
      .leftJoin('insights as i', 'i.id', 't.insight_id')
      .select(['t.dashboard_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('t.dashboard_id', 'in', [...new Set(dashboardIds)])
      .where('t.deleted', '=', 0)
      .where((eb) => eb.or([eb('t.insight_id', 'is', null), eb('i.deleted', '=', 0)]))
      .groupBy('t.dashboard_id')
      .execute();
    return new Map(rows.map((r) => [Number(r.dashboard_id), Number(r.n)]));
  }

  /** The live tiles on live dashboards of these insights. */
  async ofInsights(insightIds: readonly number[]): Promise<InsightTileRef[]> {
    if (insightIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('dashboard_tiles as t')
      .innerJoin('dashboards as d', 'd.id', 't.dashboard_id')
      .select(['t.id', 't.dashboard_id', 't.insight_id'])
      .where('t.insight_id', 'in', [...new Set(insightIds)])
      .where('t.deleted', '=', 0)
      .where('d.deleted', '=', 0)
      .orderBy('t.id')
      .execute();
    return rows.map((r) => ({ id: Number(r.id), dashboardId: Number(r.dashboard_id), insightId: Number(r.insight_id) }));
  }

  /** Puts the insight on the dashboard: a tile it had there before comes back, else a new tile is placed. */
  async addInsight(dashboardId: number, insightId: number, placement: TilePlacement = { layouts: {}, color: null }): Promise<number> {
    const existing = await this.db
      .selectFrom('dashboard_tiles')
      .select('id')
      .where('dashboard_id', '=', dashboardId)
      .where('insight_id', '=', insightId)
      .orderBy('id')
      .executeTakeFirst();
    if (existing) {
      await this.db.updateTable('dashboard_tiles').set({ deleted: 0 }).where('id', '=', existing.id).execute();
      return Number(existing.id);
    }
    return this.insert(dashboardId, { insightId, textId: null, ...placement });
  }

  async removeInsight(insightId: number, dashboardIds: readonly number[]): Promise<void> {
    if (dashboardIds.length === 0) return;
    await this.db.updateTable('dashboard_tiles').set({ deleted: 1 }).where('insight_id', '=', insightId).where('dashboard_id', 'in', [...dashboardIds]).execute();
  }

  async removeAllOfInsight(insightId: number): Promise<void> {
    await this.db.updateTable('dashboard_tiles').set({ deleted: 1 }).where('insight_id', '=', insightId).execute();
  }

  /** Changes a tile's layout, colour or deleted flag; false when the dashboard has no such tile. */
  async update(dashboardId: number, tileId: number, change: { layouts?: TileLayouts; color?: string | null; deleted?: boolean }): Promise<boolean> {
    const set = {
      ...(change.layouts !== undefined ? { layouts: JSON.stringify(change.layouts) } : {}),
      ...(change.color !== undefined ? { color: change.color } : {}),
      ...(change.deleted !== undefined ? { deleted: change.deleted ? 1 : 0 } : {}),
    };
    const exists = await this.db.selectFrom('dashboard_tiles').select('id').where('id', '=', tileId).where('dashboard_id', '=', dashboardId).executeTakeFirst();
    if (!exists) return false;
    if (Object.keys(set).length > 0) await this.db.updateTable('dashboard_tiles').set(set).where('id', '=', tileId).execute();
    return true;
  }

  async addText(teamId: number, dashboardId: number, body: string | null, userId: number | null, placement: TilePlacement): Promise<number> {
    const text = await this.db
      .insertInto('dashboard_texts')
      .values({ team_id: teamId, body, created_by: userId, last_modified_by: null, last_modified_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.insert(dashboardId, { insightId: null, textId: Number(text.id), ...placement });
  }

  /** Edits the text of a text tile of this dashboard; false when the dashboard shows no such text. */
  async updateText(dashboardId: number, textId: number, body: string | null, userId: number | null): Promise<boolean> {
    const tile = await this.db.selectFrom('dashboard_tiles').select('id').where('dashboard_id', '=', dashboardId).where('text_id', '=', textId).executeTakeFirst();
    if (!tile) return false;
    await this.db.updateTable('dashboard_texts').set({ body, last_modified_by: userId, last_modified_at: new Date().toISOString() }).where('id', '=', textId).execute();
    return true;
  }

  /** Moves a tile to another dashboard (the caller checked both belong to the project); false when not found. */
  async move(tileId: number, fromDashboardId: number, toDashboardId: number): Promise<boolean> {
    const result = await this.db
      .updateTable('dashboard_tiles')
      .set({ dashboard_id: toDashboardId })
      .where('id', '=', tileId)
      .where('dashboard_id', '=', fromDashboardId)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The insights on the live tiles of a dashboard, deleted insights included. */
  async insightIdsOf(dashboardId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('dashboard_tiles')
      .select('insight_id')
      .where('dashboard_id', '=', dashboardId)
      .where('deleted', '=', 0)
      .where('insight_id', 'is not', null)
      .execute();
    return [...new Set(rows.map((r) => Number(r.insight_id)))];
  }

  /** Insights whose only live tile is on this dashboard (deleting the dashboard may delete them too). */
  async insightsOnlyOn(dashboardId: number): Promise<number[]> {
    const ids = await this.insightIdsOf(dashboardId);
    if (ids.length === 0) return [];
    const elsewhere = await this.db
      .selectFrom('dashboard_tiles as t')
      .innerJoin('dashboards as d', 'd.id', 't.dashboard_id')
      .select('t.insight_id')
      .where('t.insight_id', 'in', ids)
      .where('t.dashboard_id', '!=', dashboardId)
      .where('t.deleted', '=', 0)
      .where('d.deleted', '=', 0)
      .execute();
    const shared = new Set(elsewhere.map((r) => Number(r.insight_id)));
    return ids.filter((id) => !shared.has(id));
  }

  async insert(dashboardId: number, tile: { insightId: number | null; textId: number | null } & TilePlacement): Promise<number> {
    const inserted = await this.db
      .insertInto('dashboard_tiles')
      .values({
        dashboard_id: dashboardId,
        insight_id: tile.insightId,
        text_id: tile.textId,
        layouts: JSON.stringify(tile.layouts),
        color: tile.color,
        deleted: 0,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(inserted.id);
  }
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}
