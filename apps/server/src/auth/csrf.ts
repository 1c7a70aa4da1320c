import { timingSafeEqual } from 'node:crypto';
import { CSRF_COOKIE, CSRF_HEADER, cookieOf, csrfTokenFor } from './session-cookies.js';

type Headers = Record<string, string | string[] | undefined>;

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a request riding on the session `sessionToken` fails the double-submit check, or null when it passes: the
 * `X-CSRFToken` header must equal the `warren_csrftoken` cookie, and both must be the token of that session (a page
 * on another site can make the browser send the cookies, but cannot read them to copy one into a header).
 * Messages as Django REST framework words them.
 */
export function csrfProblem(headers: Headers, sessionToken: string): string | null {
  const raw = headers[CSRF_HEADER];
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header) return 'CSRF Failed: CSRF token missing.';
  const cookie = cookieOf(headers, CSRF_COOKIE);
  if (!cookie || !same(header, cookie) || !same(header, csrfTokenFor(sessionToken))) return 'CSRF Failed: CSRF token incorrect.';
  return null;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
