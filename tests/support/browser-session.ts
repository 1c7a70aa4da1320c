import { parseSetCookie } from 'cookie';
import type { WarrenProcess } from './spawn-warren.js';

export interface BrowserResponse {
  status: number;
  body: any;
  headers: Headers;
  setCookies: string[];
}

/**
 * A browser as far as Warren's web app session goes: it keeps the cookies the server sets (and forgets those set to
 * expire), sends them back, and copies the CSRF cookie into `X-CSRFToken` when asked to, as the web app does.
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly warren: WarrenProcess,
    /** Extra headers on every request (e.g. X-Forwarded-For to appear from another address). */
    private readonly headers: Record<string, string> = {},
  ) {}

  /** A request with the cookies but without the CSRF header. */
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<BrowserResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.warren.url + path, {
      method,
      headers: {
        ...this.headers,
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookies = res.headers.getSetCookie();
    for (const raw of setCookies) {
      const parsed = parseSetCookie(raw);
      if (parsed.maxAge === 0 || !parsed.value) this.cookies.delete(parsed.name);
      else this.cookies.set(parsed.name, parsed.value);
    }
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : JSON.parse(text), headers: res.headers, setCookies };
  }

  /** A request as the web app sends a write: cookies plus the CSRF token in `X-CSRFToken`. */
  write(method: string, path: string, body?: unknown): Promise<BrowserResponse> {
    return this.call(method, path, body, { 'x-csrftoken': this.cookies.get('warren_csrftoken') ?? '' });
  }

  /** Logs in with email and password; throws unless it worked. */
  async login(email: string, password: string): Promise<this> {
    const res = await this.call('POST', '/api/login/', { email, password });
    if (res.status !== 200) throw new Error(`login failed ${res.status}: ${JSON.stringify(res.body)}`);
    return this;
  }
}
