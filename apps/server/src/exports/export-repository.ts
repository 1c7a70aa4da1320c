import type { Selectable } from 'kysely';
import type { MetaDb, MetaSchema } from '../storage/meta-schema.js';
import type { ExportFormat, EventsExportContext } from './export-input.js';

export type ExportStatus = MetaSchema['exported_assets']['status'];

export interface ExportRecord {
  id: number;
  teamId: number;
  format: ExportFormat;
  context: EventsExportContext;
  status: ExportStatus;
  filename: string;
  /** File name under `<dataDir>/exports/`; null until the job has written its file. */
  contentLocation: string | null;
  rowsExported: number;
  contentSize: number;
  exception: string | null;
  createdAt: string;
  createdBy: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAfter: string;
}

type ExportRow = Selectable<MetaSchema['exported_assets']>;

/** Export jobs of every project; every read and write that comes from a request names its project. */
export class ExportRepository {
  constructor(private readonly db: MetaDb) {}

  async create(teamId: number, job: { format: ExportFormat; context: EventsExportContext; filename: string; expiresAfter: string }, userId: number | null): Promise<ExportRecord> {
    const inserted = await this.db
      .insertInto('exported_assets')
      .values({
        team_id: teamId,
        export_format: job.format,
        export_context: JSON.stringify(job.context),
        status: 'queued',
        filename: job.filename,
        created_at: new Date().toISOString(),
        created_by: userId,
        expires_after: job.expiresAfter,
        rows_exported: 0,
        content_size: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await this.get(teamId, inserted.id))!;
  }

  async get(teamId: number, id: number): Promise<ExportRecord | null> {
    const row = await this.db.selectFrom('exported_assets').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(teamId: number, page: { limit: number; offset: number }): Promise<{ count: number; exports: ExportRecord[] }> {
    const mine = this.db.selectFrom('exported_assets').where('team_id', '=', teamId);
    const count = await mine.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await mine.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { count: Number(count.n), exports: rows.map(toRecord) };
  }

  /** Jobs in one of these states, oldest first, in every project: what the runner picks up or recovers on start. */
  async withStatus(statuses: ExportStatus[]): Promise<ExportRecord[]> {
    const rows = await this.db.selectFrom('exported_assets').selectAll().where('status', 'in', statuses).orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Jobs whose expiry has passed, in every project. */
  async expired(now: Date): Promise<ExportRecord[]> {
    const rows = await this.db.selectFrom('exported_assets').selectAll().where('expires_after', '<', now.toISOString()).execute();
    return rows.map(toRecord);
  }

  async markRunning(id: number, contentLocation: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.updateTable('exported_assets').set({ status: 'running', started_at: now, content_location: contentLocation }).where('id', '=', id).execute();
  }

  async progress(id: number, rowsExported: number, contentSize: number): Promise<void> {
    await this.db.updateTable('exported_assets').set({ rows_exported: rowsExported, content_size: contentSize }).where('id', '=', id).execute();
  }

  async finish(id: number, outcome: { status: 'complete' | 'failed'; rowsExported: number; contentSize: number; exception: string | null }): Promise<void> {
    await this.db
      .updateTable('exported_assets')
      .set({
        status: outcome.status,
        rows_exported: outcome.rowsExported,
        content_size: outcome.contentSize,
        exception: outcome.exception,
        finished_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('exported_assets').where('id', '=', id).execute();
  }
}

function toRecord(row: ExportRow): ExportRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    format: row.export_format as ExportFormat,
    context: JSON.parse(row.export_context) as EventsExportContext,
    status: row.status,
    filename: row.filename,
    contentLocation: row.content_location,
    rowsExported: Number(row.rows_exported),
    contentSize: Number(row.content_size),
    exception: row.exception,
    createdAt: row.created_at,
    createdBy: row.created_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expiresAfter: row.expires_after,
  };
}
