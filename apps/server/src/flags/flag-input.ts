import { validateFlag } from '@warren/flags/validate-flag';
import type { FlagDefinition } from '@warren/flags/flag-definition';
import { AppError, validationError } from '../platform/app-error.js';
import type { FeatureFlagRecord, FlagWrite } from './flag-repository.js';

const DEFAULT_FILTERS = { groups: [{ properties: [], rollout_percentage: 0, variant: null }], multivariate: null, payloads: {} };
const RUNTIMES = new Set(['all', 'client', 'server']);

/**
 * A create (no `current`) or update body merged over the stored flag and validated with PostHog's rules; throws
 * the first failure as a 400 in PostHog's shape. Payload objects are stored as JSON strings, as PostHog does.
 */
export function flagWriteFrom(body: Record<string, unknown>, current: FeatureFlagRecord | null, others: readonly FlagDefinition[]): FlagWrite {
  const creating = current === null;
  if (creating && (typeof body.key !== 'string' || body.key === '')) throw validationError('This field is required.', 'key', 'required');
  const filters = body.filters === undefined ? (current?.filters ?? DEFAULT_FILTERS) : body.filters;
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) throw validationError('Filters must be an object.', 'filters');
  const normalized = { ...(filters as Record<string, unknown>), payloads: stringifyPayloads((filters as Record<string, unknown>).payloads) };
  const key = body.key === undefined ? current!.key : body.key;
  if (typeof key === 'string' && key.length > 400) throw validationError('Ensure this field has no more than 400 characters.', 'key', 'max_length');
  const errors = validateFlag({ id: current?.id, key, filters: normalized }, { creating, existingFlags: others });
  if (errors.length > 0) throw validationError(errors[0].detail, errors[0].attr, errors[0].code);
  const runtime = body.evaluation_runtime ?? current?.evaluationRuntime ?? 'all';
  if (typeof runtime !== 'string' || !RUNTIMES.has(runtime)) throw validationError('Must be one of all, client, server.', 'evaluation_runtime');
  return {
    key: key as string,
    name: optionalString(body.name, 'name', 10_000) ?? current?.name ?? '',
    filters: normalized,
    active: optionalBool(body.active, 'active') ?? current?.active ?? true,
    deleted: optionalBool(body.deleted, 'deleted') ?? current?.deleted ?? false,
    ensureExperienceContinuity: optionalBool(body.ensure_experience_continuity, 'ensure_experience_continuity') ?? current?.ensureExperienceContinuity ?? false,
    tags: optionalTags(body.tags) ?? current?.tags ?? [],
    evaluationRuntime: runtime,
  };
}

/** PATCH with a `version` that is not the stored one: someone else changed the flag first. */
export function staleVersion(): AppError {
  return new AppError(409, 'invalid_request', 'conflict', 'The feature flag was updated by someone else since you loaded it. Refresh and try again.');
}

function stringifyPayloads(payloads: unknown): Record<string, string> | unknown {
  if (typeof payloads !== 'object' || payloads === null || Array.isArray(payloads)) return payloads ?? {};
  // Keyed by variant keys, which may be any name (`__proto__` too): no prototype.
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(payloads)) if (v !== null && v !== undefined && v !== '') out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

function optionalString(value: unknown, attr: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) throw validationError(`Must be a string of at most ${maxLength} characters.`, attr);
  return value;
}

function optionalBool(value: unknown, attr: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationError('Must be a boolean.', attr);
  return value;
}

function optionalTags(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) throw validationError('Must be a list of strings.', 'tags');
  return value as string[];
}
