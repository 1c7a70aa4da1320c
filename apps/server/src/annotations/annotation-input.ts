import { AppError, validationError } from '../platform/app-error.js';
import type { AnnotationRecord } from './annotation-repository.js';

export const ANNOTATION_SCOPES = ['dashboard_item', 'dashboard', 'project', 'organization', 'recording'] as const;
const CREATION_TYPES = ['USR', 'GIT'] as const;
const MAX_CONTENT = 400;

/** What a create or update writes. */
export interface AnnotationWrite {
  content: string | null;
  dateMarker: string | null;
  creationType: string;
  scope: string;
  dashboardItem: number | null;
  dashboardId: number | null;
  deleted: boolean;
}

/**
 * Validates a create (current = null) or update body into a full write, as DRF would: unknown and read-only fields
 * are ignored, the first bad field is reported in `attr`. `date_marker` is stored as ISO 8601 UTC.
 * Example: annotationWriteFrom({content: 'Launched v2', date_marker: '2024-05-01'}, null).scope === 'project'.
 */
export function annotationWriteFrom(body: unknown, current: AnnotationRecord | null): AnnotationWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  return {
    content: b.content === undefined ? (current?.content ?? null) : contentOf(b.content),
    dateMarker: b.date_marker === undefined ? (current?.dateMarker ?? null) : dateOf(b.date_marker),
    creationType: b.creation_type === undefined ? (current?.creationType ?? 'USR') : choiceOf(b.creation_type, CREATION_TYPES, 'creation_type'),
    scope: b.scope === undefined ? (current?.scope ?? 'project') : choiceOf(b.scope, ANNOTATION_SCOPES, 'scope'),
    dashboardItem: b.dashboard_item === undefined ? (current?.dashboardItem ?? null) : idOf(b.dashboard_item, 'dashboard_item'),
    dashboardId: b.dashboard_id === undefined ? (current?.dashboardId ?? null) : idOf(b.dashboard_id, 'dashboard_id'),
    deleted: b.deleted === undefined ? (current?.deleted ?? false) : booleanOf(b.deleted),
  };
}

function contentOf(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'content');
  if (value.length > MAX_CONTENT) throw validationError(`Ensure this field has no more than ${MAX_CONTENT} characters.`, 'content', 'max_length');
  return value;
}

function dateOf(value: unknown): string | null {
  if (value === null) return null;
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw validationError('Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].', 'date_marker');
  }
  return new Date(ms).toISOString();
}

function choiceOf<T extends string>(value: unknown, choices: readonly T[], attr: string): T {
  if (!(choices as readonly unknown[]).includes(value)) throw validationError(`"${String(value).slice(0, 50)}" is not a valid choice.`, attr, 'invalid_choice');
  return value as T;
}

function idOf(value: unknown, attr: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw validationError('Incorrect type. Expected pk value.', attr, 'incorrect_type');
  return value;
}

function booleanOf(value: unknown): boolean {
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', 'deleted');
  return value;
}
