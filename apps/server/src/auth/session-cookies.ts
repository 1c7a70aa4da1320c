import { createHash } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import { SESSION_IDLE_MS } from './session-store.js';

/** The httpOnly cookie that carries the session token. */
export const SESSION_COOKIE = 'warren_sessionid';
/** The JS-readable cookie the web app copies into the `X-CSRFToken` header (double submit). */
export const CSRF_COOKIE = 'warren_csrftoken';
export const CSRF_HEADER = 'x-csrftoken';

type Headers = Record<string, string | string[] | undefined>;

/** The session token of a request's `Cookie` header, or null. Example: sessionTokenOf({cookie: 'warren_sessionid=abc'}) -> 'abc'. */
export function sessionTokenOf(headers: Headers): string | null {
  return cookieOf(headers, SESSION_COOKIE);
}

export function cookieOf(headers: Headers, name: string): string | null {
  const raw = headers.cookie;
  const header = Array.isArray(raw) ? raw.join('; ') : raw;
  if (!header) return null;
  const value = parseCookie(header)[name];
  return value ? value : null;
}

/**
 * The CSRF token of a session: derived from the session token, so a token planted by another (sub)domain does not
 * match the session it would ride on, and no server state is needed. The hash does not reveal the session token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`warren-csrf:${sessionToken}`).digest('base64url');
}

/** The two `Set-Cookie` values that start (or prolong) a browser session. */
export function sessionCookies(sessionToken: string, secure: boolean): string[] {
  const maxAge = Math.floor(SESSION_IDLE_MS / 1000);
  return [
    stringifySetCookie({ name: SESSION_COOKIE, value: sessionToken, path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge }),
    stringifySetCookie({ name: CSRF_COOKIE, value: csrfTokenFor(sessionToken), path: '/', sameSite: 'lax', secure, maxAge }),
  ];
}

/** The two `Set-Cookie` values that make a browser forget its session. */
export function clearedSessionCookies(secure: boolean): string[] {
  return [SESSION_COOKIE, CSRF_COOKIE].map((name) =>
    stringifySetCookie({ name, value: '', path: '/', httpOnly: name === SESSION_COOKIE, sameSite: 'lax', secure, maxAge: 0 }),
  );
}
