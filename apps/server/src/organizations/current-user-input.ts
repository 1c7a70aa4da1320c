import { emailProblem, normalizeEmail } from '../accounts/user-accounts.js';
import { AppError, permissionDenied, validationError } from '../platform/app-error.js';

/** What a `PATCH /api/users/@me/` asks to change (absent = unchanged). */
export interface CurrentUserChanges {
  firstName?: string;
  email?: string;
  /** `set_current_team` (PostHog) or `set_current_project`. */
  currentProjectId?: number;
  /** `set_current_organization`: switch to that organization (and its first project). */
  currentOrganizationId?: string;
  /** The body asks for a password change (`password`, `current_password`): handled by the accounts module. */
  changesPassword: boolean;
}

const MAX_NAME = 150;

/**
 * Validates the fields of a user update that Warren stores; others are ignored as DRF does, `is_staff: true` is
 * refused (there are no staff users). Example: currentUserChangesFrom({ set_current_team: 2 }).currentProjectId === 2.
 */
export function currentUserChangesFrom(body: unknown): CurrentUserChanges {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  if (b.is_staff === true) throw permissionDenied('You are not a staff user, contact your instance admin.');
  const changes: CurrentUserChanges = { changesPassword: b.password !== undefined || b.current_password !== undefined };
  if (b.first_name !== undefined) changes.firstName = firstNameOf(b.first_name);
  if (b.email !== undefined) changes.email = emailOf(b.email);
  for (const field of ['set_current_team', 'set_current_project'] as const) {
    if (b[field] !== undefined) changes.currentProjectId = projectIdOf(b[field], field);
  }
  if (b.set_current_organization !== undefined) {
    if (typeof b.set_current_organization !== 'string' || b.set_current_organization === '') {
      throw validationError('Not a valid string.', 'set_current_organization');
    }
    changes.currentOrganizationId = b.set_current_organization.toLowerCase();
  }
  return changes;
}

function firstNameOf(value: unknown): string {
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'first_name');
  const name = value.trim();
  if (name.length > MAX_NAME) throw validationError(`Ensure this field has no more than ${MAX_NAME} characters.`, 'first_name', 'max_length');
  return name;
}

/** The same rule and normal form (trimmed, lower case) as signup and login use. */
function emailOf(value: unknown): string {
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'email');
  if (value.trim() === '') throw validationError('This field may not be blank.', 'email', 'blank');
  const problem = emailProblem(value);
  if (problem) throw validationError(problem, 'email');
  return normalizeEmail(value);
}

function projectIdOf(value: unknown, attr: string): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw validationError(`Object with id=${String(value).slice(0, 50)} does not exist.`, attr, 'does_not_exist');
  return id;
}
