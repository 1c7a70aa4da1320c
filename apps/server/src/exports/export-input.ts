import { eventFiltersFrom } from '../events/event-filter-params.js';
import { AppError, validationError } from '../platform/app-error.js';

/** The formats an export can be written in, as PostHog names formats (MIME types). JSON is one event per line. */
export const EXPORT_FORMATS = ['text/csv', 'application/json', 'application/vnd.apache.parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  'text/csv': 'csv',
  'application/json': 'jsonl',
  'application/vnd.apache.parquet': 'parquet',
};

/** Which events an export holds: `/events/`'s filters with the dates already resolved to ISO 8601. */
export interface EventsExportContext {
  after: string;
  before: string;
  event?: string;
  distinct_id?: string;
  person_id?: string;
  properties?: unknown;
}

export interface ExportRequest {
  format: ExportFormat;
  context: EventsExportContext;
}

/**
 * Validates `POST /exports/` as DRF would (first bad field in `attr`). Relative dates (`-7d`) are resolved now, so
 * the job exports the range the caller meant whenever it runs. Example:
 * exportRequestFrom({ export_format: 'text/csv', export_context: { after: '-7d' } }, now)
 */
export function exportRequestFrom(body: unknown, now: Date): ExportRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  if (b.export_format === undefined || b.export_format === null) throw validationError('Must provide export format', 'export_format', 'required');
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(b.export_format)) {
    throw validationError(`"${String(b.export_format)}" is not a valid choice. Warren exports events as ${EXPORT_FORMATS.join(', ')}.`, 'export_format', 'invalid_choice');
  }
  if (b.dashboard != null || b.insight != null) {
    throw validationError('Warren exports events: give export_context with after and before, not a dashboard or insight.', b.dashboard != null ? 'dashboard' : 'insight');
  }
  const context = b.export_context;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) {
    throw validationError('Give export_context with the date range to export: {"after": …, "before": …}.', 'export_context', 'required');
  }
  const c = context as Record<string, unknown>;
  if (c.after === undefined || c.after === null) throw validationError('This field is required.', 'export_context__after', 'required');
  const filters = eventFiltersFrom(c, now, 'export_context__');
  if (filters.after.getTime() >= filters.before.getTime()) throw validationError('after must be earlier than before.', 'export_context__after');
  return {
    format: b.export_format as ExportFormat,
    context: {
      after: filters.after.toISOString(),
      before: filters.before.toISOString(),
      ...(filters.event !== undefined && { event: filters.event }),
      ...(filters.distinctId !== undefined && { distinct_id: filters.distinctId }),
      ...(filters.personId !== undefined && { person_id: filters.personId }),
      ...(filters.properties !== undefined && { properties: filters.properties }),
    },
  };
}
