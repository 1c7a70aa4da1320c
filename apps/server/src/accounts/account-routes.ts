import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { SessionStore } from '../auth/session-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { AccountDeps } from './account-deps.js';
import { passwordChanger, type ChangePassword } from './change-password.js';
import { InviteRepository } from './invite-repository.js';
import { registerInviteRoutes } from './invite-routes.js';
import { FailureThrottle } from './login-throttle.js';
import { registerMemberRoutes } from './member-routes.js';
import { MemberRepository } from './member-repository.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerSignupRoutes } from './signup-routes.js';

/** Five failed password checks per IP or per email within five minutes, then 429 until the oldest leaves the window. */
export const LOGIN_FAILURES = { maxFailures: 5, windowMs: 5 * 60 * 1000 };

/**
 * Accounts and access: signup of the first owner, login and logout, invites and members (the session guard, CSRF on
 * cookie-authenticated writes and cookie renewal, is installed by buildApp before any route). Returns the password
 * change that `PATCH /api/users/@me/` (organizations/) delegates to.
 */
export function registerAccountRoutes(
  app: FastifyInstance,
  authenticator: Authenticator,
  options: { db: MetaDb; siteUrl: string | null },
): { changePassword: ChangePassword } {
  const deps: AccountDeps = {
    db: options.db,
    sessions: new SessionStore(options.db),
    throttle: new FailureThrottle(LOGIN_FAILURES),
    invites: new InviteRepository(options.db),
    members: new MemberRepository(options.db),
    siteUrl: options.siteUrl,
  };
  registerSignupRoutes(app, deps);
  registerSessionRoutes(app, authenticator, deps);
  registerInviteRoutes(app, authenticator, deps);
  registerMemberRoutes(app, authenticator, deps);
  return { changePassword: passwordChanger(deps) };
}
