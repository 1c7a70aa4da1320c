import { Type } from '@sinclair/typebox';
import type { ExportRecord } from './export-repository.js';

/**
 * PostHog's exported asset (`id`, `dashboard`, `insight`, `export_format`, `created_at`, `has_content`,
 * `export_context`, `filename`, `expires_after`, `exception`) plus how far the job got: `status`,
 * `rows_exported`, `content_size` (bytes), `started_at`, `finished_at`.
 */
export const ExportView = Type.Object({
  id: Type.Integer(),
  dashboard: Type.Null(),
  insight: Type.Null(),
  export_format: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  has_content: Type.Boolean(),
  export_context: Type.Object({}, { additionalProperties: true }),
  filename: Type.String(),
  expires_after: Type.String({ format: 'date-time' }),
  exception: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('complete'), Type.Literal('failed')]),
  rows_exported: Type.Integer(),
  content_size: Type.Integer(),
  started_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finished_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function exportView(job: ExportRecord) {
  return {
    id: job.id,
    dashboard: null,
    insight: null,
    export_format: job.format,
    created_at: job.createdAt,
    has_content: job.status === 'complete',
    export_context: job.context,
    filename: job.filename,
    expires_after: job.expiresAfter,
    exception: job.exception,
    status: job.status,
    rows_exported: job.rowsExported,
    content_size: job.contentSize,
    started_at: job.startedAt,
    finished_at: job.finishedAt,
  };
}
