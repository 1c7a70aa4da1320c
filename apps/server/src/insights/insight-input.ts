import { AppError, validationError } from '../platform/app-error.js';
import type { InsightRecord, InsightWrite } from './insight-repository.js';

export interface InsightInput {
  write: InsightWrite;
  /** The dashboards the insight should be on after this write, when the body says (`dashboards`). */
  dashboards: number[] | undefined;
  /** True when a field PostHog counts as a real edit changed (name, description, query): last-modified moves. */
  material: boolean;
}

const MAX_NAME = 400;
const MATERIAL_FIELDS = ['name', 'description', 'query'] as const;

/**
 * A create (no `current`) or update body merged over the stored insight, validated field by field; the query's
 * shape is checked here and its kind by the query planner (see insight-query). Unknown fields, the legacy `filters`
 * and read-only fields (`short_id`, `result`, …) are ignored as PostHog's serializer ignores them.
 * Example: insightInputFrom({ name: 'Signups', query }, null).write.saved === false.
 */
export function insightInputFrom(body: unknown, current: InsightRecord | null): InsightInput {
  const b = objectBody(body);
  const query = b.query === undefined ? (current?.query ?? null) : queryOf(b.query);
  const write: InsightWrite = {
    name: nullableString(b.name, 'name', MAX_NAME) ?? (b.name === null ? null : (current?.name ?? null)),
    derivedName: nullableString(b.derived_name, 'derived_name', MAX_NAME) ?? (b.derived_name === null ? null : (current?.derivedName ?? null)),
    description: nullableString(b.description, 'description', MAX_NAME) ?? (b.description === null ? '' : (current?.description ?? '')),
    query,
    queryKind: current?.queryKind ?? null,
    tags: tagsOf(b.tags) ?? current?.tags ?? [],
    favorited: bool(b.favorited, 'favorited') ?? current?.favorited ?? false,
    saved: bool(b.saved, 'saved') ?? current?.saved ?? false,
    deleted: bool(b.deleted, 'deleted') ?? current?.deleted ?? false,
  };
  const material = current === null || MATERIAL_FIELDS.some((f) => b[f] !== undefined && JSON.stringify(b[f]) !== JSON.stringify(materialValue(current, f)));
  return { write, dashboards: idList(b.dashboards, 'dashboards'), material };
}

/** The body as an object, or PostHog's parse error. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  return body as Record<string, unknown>;
}

/** A list of integer ids (`dashboards: [1, 2]`), or a 400 naming the field. */
export function idList(value: unknown, attr: string): number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw validationError(`Expected a list of items but got type "${typeof value}".`, attr, 'not_a_list');
  return value.map((v, i) => {
    const id = typeof v === 'object' && v !== null && 'id' in v ? (v as { id: unknown }).id : v;
    if (!Number.isSafeInteger(id)) throw validationError('Incorrect type. Expected pk value.', `${attr}__${i}`, 'incorrect_type');
    return id as number;
  });
}

function queryOf(value: unknown): Record<string, unknown> | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value) || typeof (value as { kind?: unknown }).kind !== 'string') {
    throw new AppError(400, 'invalid_request', 'parse_error', "JSON parse error - the query needs a 'kind'.");
  }
  return value as Record<string, unknown>;
}

function materialValue(current: InsightRecord, field: (typeof MATERIAL_FIELDS)[number]): unknown {
  return field === 'name' ? current.name : field === 'description' ? current.description : current.query;
}

function nullableString(value: unknown, attr: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  if (value.length > maxLength) throw validationError(`Ensure this field has no more than ${maxLength} characters.`, attr, 'max_length');
  return value;
}

function bool(value: unknown, attr: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}

export function tagsOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t.length > 255)) throw validationError('Must be a list of strings.', 'tags');
  // PostHog stores tags as tag objects: duplicates collapse and blanks are dropped.
  return [...new Set((value as string[]).map((t) => t.trim()).filter((t) => t !== ''))];
}
