import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { installSessionGuard } from '../auth/session-guard.js';
import { SessionStore } from '../auth/session-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { AccountDeps } from './account-deps.js';
import { passwordChanger, type ChangePassword } from './change-password.js';
import { InviteRepository } from './invite-repository.js';
import { registerInviteRoutes } from './invite-routes.js';
import { FailureThrottle } from './login-throttle.js';
import { registerMemberRoutes } from './member-routes.js';
import { MemberRepository } from './member-repository.js';
import { publicRoute } from './public-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerSignupRoutes } from './signup-routes.js';

/** Five failed password checks per IP or per email within five minutes, then 429 until the oldest leaves the window. */
export const LOGIN_FAILURES = { maxFailures: 5, windowMs: 5 * 60 * 1000 };

/**
 * Accounts and access: the session guard (credentials before schemas, CSRF on cookie-authenticated writes, cookie
 * renewal), signup of the first owner, login and logout, invites and members. Register it before the other routes
 * so its hooks see every one of them. Returns the password change that `PATCH /api/users/@me/` (organizations/)
 * delegates to.
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
  installSessionGuard(app, { startsSession: (method, url) => publicRoute(method, url)?.startsSession === true });
  registerSignupRoutes(app, deps);
  registerSessionRoutes(app, authenticator, deps);
  registerInviteRoutes(app, authenticator, deps);
  registerMemberRoutes(app, authenticator, deps);
  return { changePassword: passwordChanger(deps) };
}
