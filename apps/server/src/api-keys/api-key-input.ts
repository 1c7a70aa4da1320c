import { validScopes } from '../auth/scopes.js';
import { AppError, validationError } from '../platform/app-error.js';
import type { ApiKeyRecord, ApiKeyWrite } from './api-key-repository.js';

const MAX_LABEL = 40;
const MAX_SCOPES = 100;
const MAX_SCOPED = 1000;

/**
 * Validates a create (current = null) or update body into a full write, as DRF would: unknown fields are ignored,
 * the first bad field is reported in `attr`. Whether the scoped projects are the user's is checked by the caller.
 * Example: apiKeyWriteFrom({ label: 'CI', scopes: ['query:read'] }, null).scopedTeams === null.
 */
export function apiKeyWriteFrom(body: unknown, current: ApiKeyRecord | null): ApiKeyWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  return {
    label: b.label === undefined && current ? current.label : labelOf(b.label),
    scopes: b.scopes === undefined && current ? current.scopes : scopesOf(b.scopes),
    scopedTeams: b.scoped_teams === undefined ? (current?.scopedTeams ?? null) : scopedTeamsOf(b.scoped_teams),
    scopedOrganizations: b.scoped_organizations === undefined ? (current?.scopedOrganizations ?? null) : scopedOrganizationsOf(b.scoped_organizations),
  };
}

function labelOf(value: unknown): string {
  if (value === undefined) throw validationError('This field is required.', 'label', 'required');
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'label');
  const label = value.trim();
  if (label === '') throw validationError('This field may not be blank.', 'label', 'blank');
  if (label.length > MAX_LABEL) throw validationError(`Ensure this field has no more than ${MAX_LABEL} characters.`, 'label', 'max_length');
  return label;
}

/** PostHog scope names (`<object>:read|write` or `*`); at least one, since a key without scopes would mean "all" to PostHog. */
function scopesOf(value: unknown): string[] {
  if (value === undefined) throw validationError('This field is required.', 'scopes', 'required');
  if (!Array.isArray(value) || value.length > MAX_SCOPES) throw validationError(`Expected a list of at most ${MAX_SCOPES} scopes.`, 'scopes');
  if (value.length === 0) throw validationError('At least one scope is required.', 'scopes', 'required');
  for (const scope of value) {
    if (typeof scope !== 'string' || !validScopes([scope])) throw validationError(`Invalid scope: ${String(scope).slice(0, 60)}`, 'scopes');
  }
  return [...new Set(value as string[])];
}

function scopedTeamsOf(value: unknown): number[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length > MAX_SCOPED) throw validationError(`Expected a list of at most ${MAX_SCOPED} project ids.`, 'scoped_teams');
  for (const id of value) {
    if (!Number.isSafeInteger(id) || (id as number) <= 0) throw validationError('A valid integer is required.', 'scoped_teams');
  }
  return value.length === 0 ? null : [...new Set(value as number[])];
}

/**
 * Limiting a key to organizations is accepted only empty for now: the request authenticator does not enforce it yet,
 * and a key must never reach more than it shows. Use `scoped_teams` instead.
 */
function scopedOrganizationsOf(value: unknown): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw validationError('Expected a list of organization ids.', 'scoped_organizations');
  if (value.length > 0) {
    throw validationError('Limiting a key to organizations is not supported yet; limit it to projects with scoped_teams.', 'scoped_organizations');
  }
  return null;
}
