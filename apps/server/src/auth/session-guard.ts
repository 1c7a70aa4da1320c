import type { FastifyInstance, FastifyReply, FastifyRequest, onSendAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify';
import { permissionDenied } from '../platform/app-error.js';
import { findKey } from './authenticator.js';
import { csrfProblem, SAFE_METHODS } from './csrf.js';
import { clearedSessionCookies, sessionCookies, sessionTokenOf } from './session-cookies.js';

export interface SessionGuardOptions {
  /** Routes that start a session rather than act within one (login, signup): a stale cookie must not block them. */
  startsSession: (method: string, url: string) => boolean;
}

/** True when the request reached Warren over https (directly, or as a trusted proxy's X-Forwarded-Proto says). */
export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * The session's rules that hold before any `/api/` route runs:
 * - a state-changing request that rides on the session cookie (no personal API key) must pass the CSRF check;
 * - a response to a request on a session prolongs the browser's cookies (the server's expiry slides with use), and a
 *   401 to one makes the browser forget them.
 * The hooks are put on each `/api/` route as it is declared (ahead of the route's own), so the SDK paths — capture
 * and `/flags`, thousands of requests a second — run none of them. Install it before any route is declared.
 */
export function installSessionGuard(app: FastifyInstance, options: SessionGuardOptions): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const url = route.url;
    const checkCsrf: preValidationAsyncHookHandler = async (request) => {
      const onSession = sessionOnly(request);
      if (onSession === null || SAFE_METHODS.has(request.method)) return;
      if (options.startsSession(request.method, url)) return;
      const problem = csrfProblem(request.headers, onSession);
      if (problem) throw permissionDenied(problem);
    };
    route.preValidation = [checkCsrf, ...hooksOf(route.preValidation)];
    route.onSend = [renewCookies, ...hooksOf(route.onSend)];
  });
}

const renewCookies: onSendAsyncHookHandler = async (request, reply, payload) => {
  const token = sessionOnly(request);
  if (token === null || reply.hasHeader('set-cookie')) return payload;
  if (reply.statusCode === 401) void reply.header('set-cookie', clearedSessionCookies(isSecure(request)));
  else if (reply.statusCode < 400) void reply.header('set-cookie', sessionCookies(token, isSecure(request)));
  return payload;
};

function hooksOf<H>(hooks: H | H[] | undefined): H[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}

/** The session token when the request's credential is the session cookie (it carries no personal API key). */
function sessionOnly(request: FastifyRequest): string | null {
  return hasKey(request) ? null : sessionTokenOf(request.headers);
}

function hasKey(request: FastifyRequest): boolean {
  return findKey({ headers: request.headers, body: request.body, query: (request.query ?? {}) as Record<string, unknown> }) !== null;
}

/** Sets the cookies of a new session on a response (login, signup, accepting an invite). */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.header('set-cookie', sessionCookies(token, isSecure(request)));
}

/** Makes the browser forget its session cookies (logout). */
export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('set-cookie', clearedSessionCookies(isSecure(request)));
}
