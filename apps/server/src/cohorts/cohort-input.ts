import { legacyGroupsToCohortGroup, parseCohortGroup, type CohortGroup } from '@warren/query/cohorts/cohort-definition';
import { HogQLError } from '@warren/query/hogql/hogql-error';
import { AppError, validationError } from '../platform/app-error.js';
import type { CohortRecord, CohortWrite } from './cohort-repository.js';

const MAX_NAME = 400;
const MAX_DESCRIPTION = 1000;
/** A dynamic cohort without any definition selects no one (an empty OR). */
const EMPTY: CohortGroup = { type: 'OR', values: [] };

/**
 * Validates a create (current = null) or update body into a full write, as DRF would: unknown fields are ignored and
 * the first bad field is reported in `attr`. Multipart forms send every field as text, so `"true"` is a boolean
 * here. The definition comes from `filters.properties` (PostHog's newer form), else from legacy `groups`.
 */
export function cohortWriteFrom(body: unknown, current: CohortRecord | null): CohortWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  const isStatic = b.is_static === undefined ? (current?.isStatic ?? false) : booleanOf(b.is_static, 'is_static');
  if (current && isStatic !== current.isStatic) throw validationError('A cohort cannot change between static and dynamic.', 'is_static');
  if (b.query !== undefined && b.query !== null) throw validationError('Cohorts defined by a query are not supported; use filters.', 'query');
  const filters = jsonField(b.filters, 'filters');
  const groups = jsonField(b.groups, 'groups');
  const definitionChanged = filters !== undefined || groups !== undefined;
  return {
    name: b.name === undefined ? (current?.name ?? '') : textOf(b.name, 'name', MAX_NAME),
    description: b.description === undefined ? (current?.description ?? '') : textOf(b.description, 'description', MAX_DESCRIPTION),
    groups: groups === undefined || groups === null ? (current?.groups ?? []) : groupsOf(groups),
    filters: isStatic ? null : definitionChanged || !current?.filters ? { properties: definitionOf(filters, groups) } : current.filters,
    isStatic,
    deleted: b.deleted === undefined ? (current?.deleted ?? false) : booleanOf(b.deleted, 'deleted'),
  };
}

function definitionOf(filters: unknown, groups: unknown): CohortGroup {
  try {
    if (filters !== undefined && filters !== null) {
      if (typeof filters !== 'object' || Array.isArray(filters)) throw validationError('Filters must be an object.', 'filters');
      const properties = (filters as Record<string, unknown>).properties;
      const hasProperties = typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0;
      if (hasProperties) return parseCohortGroup(properties);
    }
    if (Array.isArray(groups) && groups.length > 0) return legacyGroupsToCohortGroup(groups);
    return EMPTY;
  } catch (error) {
    if (error instanceof HogQLError) throw validationError(error.detail, filters !== undefined && filters !== null ? 'filters' : 'groups');
    throw error;
  }
}

/** Multipart forms carry objects as JSON text. */
function jsonField(value: unknown, attr: string): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw validationError('Must be valid JSON.', attr);
  }
}

function groupsOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw validationError('Expected a list of groups.', 'groups');
  return value;
}

function textOf(value: unknown, attr: string, max: number): string {
  if (value === null) return '';
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  if (value.length > max) throw validationError(`Ensure this field has no more than ${max} characters.`, attr, 'max_length');
  return value;
}

function booleanOf(value: unknown, attr: string): boolean {
  if (value === true || value === 'true' || value === 'True') return true;
  if (value === false || value === 'false' || value === 'False') return false;
  throw validationError('Must be a valid boolean.', attr);
}
