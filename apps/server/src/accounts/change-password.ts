import type { Principal } from '../auth/authenticator.js';
import { AppError, notFound, validationError } from '../platform/app-error.js';
import type { AccountDeps } from './account-deps.js';
import { hashPassword, MAX_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords.js';
import { findUserById, normalizeEmail, setPasswordHash } from './user-accounts.js';

/** Changes the caller's password from a `PATCH /api/users/@me/` body; throws PostHog-shaped validation errors. */
export type ChangePassword = (principal: Principal, body: Record<string, unknown>) => Promise<void>;

/**
 * Password change as PostHog takes it in `PATCH /api/users/@me/`: `password`, and `current_password` whenever the
 * user has one. Wrong current passwords count as failed logins of the user's email (so the check cannot be used to
 * guess). Every other session of the user ends; the caller's own stays signed in.
 */
export function passwordChanger(deps: Pick<AccountDeps, 'db' | 'sessions' | 'throttle'>): ChangePassword {
  return async (principal, body) => {
    const password = stringField(body, 'password');
    const current = stringField(body, 'current_password');
    const user = await findUserById(deps.db, principal.userId);
    if (!user) throw notFound();
    if (password === undefined) throw validationError('This field is required.', 'password', 'required');
    if (user.passwordHash !== null) {
      if (!current) throw validationError('This field is required when updating your password.', 'current_password', 'required');
      const keys = [`email:${normalizeEmail(user.email)}`];
      const waitMs = deps.throttle.waitMs(keys);
      if (waitMs > 0) {
        throw new AppError(429, 'throttled_error', 'throttled', `Too many failed attempts. Expected available in ${Math.ceil(waitMs / 1000)} seconds.`);
      }
      if (!(await verifyPassword(user.passwordHash, current))) {
        deps.throttle.fail(keys);
        throw validationError('Your current password is incorrect.', 'current_password', 'incorrect_password');
      }
    }
    const problem = passwordProblem(password);
    if (problem) throw validationError(problem, 'password');
    await setPasswordHash(deps.db, user.id, await hashPassword(password));
    await deps.sessions.endAllOfUser(user.id, principal.sessionId);
  };
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError('Not a valid string.', name);
  if (value.length > MAX_PASSWORD_LENGTH) throw validationError(`Ensure this field has no more than ${MAX_PASSWORD_LENGTH} characters.`, name, 'max_length');
  return value;
}
