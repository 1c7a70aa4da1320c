import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import { sessionTokenOf } from '../auth/session-cookies.js';
import { clearSessionCookies } from '../auth/session-guard.js';
import { validationError } from '../platform/app-error.js';
import { registerUserRoute } from '../platform/user-route.js';
import type { AccountDeps } from './account-deps.js';
import { beginSession } from './begin-session.js';
import { MAX_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { refuseWhileThrottled } from './throttled.js';
import { findUserByEmail, normalizeEmail } from './user-accounts.js';

const LoginBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: MAX_PASSWORD_LENGTH }),
});

/** Login with email and password, logout of this browser, and logout everywhere. */
export function registerSessionRoutes(app: FastifyInstance, authenticator: Authenticator, deps: AccountDeps): void {
  app.post('/api/login/', { schema: { body: LoginBody } }, async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    const keys = [`ip:${request.ip}`, `email:${normalizeEmail(email)}`];
    refuseWhileThrottled(deps.throttle, keys, reply);
    const user = await findUserByEmail(deps.db, email);
    // Unknown email and wrong password take the same time (a dummy hash is checked) and get the same answer.
    if (!(await verifyPassword(user?.passwordHash ?? null, password)) || !user) {
      deps.throttle.fail(keys);
      throw validationError('Invalid email or password.', null, 'invalid_credentials');
    }
    deps.throttle.forgive(keys[1]);
    await beginSession(deps, request, reply, user.id);
    return { success: true };
  });

  app.post('/api/logout/', async (request, reply) => {
    const token = sessionTokenOf(request.headers);
    if (token) await deps.sessions.end(token);
    clearSessionCookies(request, reply);
    return reply.code(204).send();
  });

  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: '/api/logout/everywhere/',
    scope: 'user:write',
    handler: async ({ principal, request, reply }) => {
      await deps.sessions.endAllOfUser(principal.userId);
      if (principal.sessionId !== null) clearSessionCookies(request, reply);
      return reply.code(204).send();
    },
  });
}
