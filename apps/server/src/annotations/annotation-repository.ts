import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import type { AnnotationWrite } from './annotation-input.js';
import { containsPattern } from '../storage/like-pattern.js';

export interface AnnotationRecord {
  id: number;
  teamId: number;
  organizationId: string;
  content: string | null;
  dateMarker: string | null;
  creationType: string;
  scope: string;
  dashboardItem: number | null;
  dashboardId: number | null;
  deleted: boolean;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Whose annotations a request sees: its project's, and the organization-scoped ones of the project's organization. */
export interface AnnotationReader {
  teamId: number;
  organizationId: string;
}

export interface AnnotationFilter {
  search?: string;
  scope?: string;
  dashboardItem?: number;
  limit: number;
  offset: number;
}

type Row = Selectable<MetaSchema['annotations']>;

/** Annotations, soft-deleted with `deleted`; organization-scoped ones show in every project of their organization. */
export class AnnotationRepository {
  constructor(private readonly db: MetaDb) {}

  async list(reader: AnnotationReader, filter: AnnotationFilter): Promise<{ count: number; annotations: AnnotationRecord[] }> {
    const where = (eb: ExpressionBuilder<any, any>) => matching(eb, reader, filter);
    const count = await this.db.selectFrom('annotations').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('annotations')
      .selectAll()
      .where(where)
      // Newest marker first; annotations without a date last.
      .orderBy(sql`coalesce(date_marker, '')`, 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { count: Number(count.n), annotations: rows.map(toRecord) };
  }

  /** A live annotation the reader may see, or null. */
  async get(reader: AnnotationReader, id: number): Promise<AnnotationRecord | null> {
    const row = await this.db
      .selectFrom('annotations')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => visibleTo(eb, reader))
      .where('deleted', '=', 0)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async create(reader: AnnotationReader, write: AnnotationWrite, userId: number | null): Promise<AnnotationRecord> {
    const now = new Date().toISOString();
    const inserted = await this.db
      .insertInto('annotations')
      .values({ team_id: reader.teamId, organization_id: reader.organizationId, ...toColumns(write), created_by: userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.byId(inserted.id))!;
  }

  async update(id: number, write: AnnotationWrite): Promise<AnnotationRecord> {
    await this.db.updateTable('annotations').set({ ...toColumns(write), updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    return (await this.byId(id))!;
  }

  private async byId(id: number): Promise<AnnotationRecord | null> {
    const row = await this.db.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }
}

function visibleTo(eb: ExpressionBuilder<any, any>, reader: AnnotationReader): Expression<SqlBool> {
  return eb.or([eb('team_id', '=', reader.teamId), eb.and([eb('scope', '=', 'organization'), eb('organization_id', '=', reader.organizationId)])]);
}

function matching(eb: ExpressionBuilder<any, any>, reader: AnnotationReader, filter: AnnotationFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [visibleTo(eb, reader), eb('deleted', '=', 0)];
  if (filter.search) {
    const pattern = containsPattern(filter.search.toLowerCase());
    conditions.push(sql<SqlBool>`lower(coalesce(content, '')) like ${pattern} escape '\\'`);
  }
  if (filter.scope) conditions.push(eb('scope', '=', filter.scope));
  if (filter.dashboardItem !== undefined) conditions.push(eb('dashboard_item', '=', filter.dashboardItem));
  return eb.and(conditions);
}

function toColumns(write: AnnotationWrite) {
  return {
    content: write.content,
    date_marker: write.dateMarker,
    creation_type: write.creationType,
    scope: write.scope,
    dashboard_item: write.dashboardItem,
    dashboard_id: write.dashboardId,
    deleted: write.deleted ? 1 : 0,
  };
}

function toRecord(row: Row): AnnotationRecord {
  return {
    id: Number(row.id),
    teamId: Number(row.team_id),
    organizationId: row.organization_id,
    content: row.content,
    dateMarker: row.date_marker,
    creationType: row.creation_type,
    scope: row.scope,
    dashboardItem: row.dashboard_item === null ? null : Number(row.dashboard_item),
    dashboardId: row.dashboard_id === null ? null : Number(row.dashboard_id),
    deleted: Boolean(row.deleted),
    createdBy: row.created_by === null ? null : Number(row.created_by),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
