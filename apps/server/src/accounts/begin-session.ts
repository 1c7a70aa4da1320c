import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionTokenOf } from '../auth/session-cookies.js';
import { setSessionCookies } from '../auth/session-guard.js';
import type { SessionStore } from '../auth/session-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { recordLogin } from './user-accounts.js';

/**
 * Signs the browser in as `userId` (login, signup, an accepted invite): a new session and its cookies. A session the
 * browser still held is ended rather than left behind.
 */
export async function beginSession(deps: { db: MetaDb; sessions: SessionStore }, request: FastifyRequest, reply: FastifyReply, userId: number): Promise<void> {
  const stale = sessionTokenOf(request.headers);
  if (stale) await deps.sessions.end(stale);
  const { token } = await deps.sessions.create(userId);
  await recordLogin(deps.db, userId);
  setSessionCookies(request, reply, token);
}
