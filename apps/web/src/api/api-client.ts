/**
 * The one way the app talks to the Warren API: same-origin JSON requests (multipart forms for uploads) riding on the
 * session cookie, with the CSRF token (the `warren_csrftoken` cookie) copied into `X-CSRFToken` on writes, as the
 * server's double-submit check wants.
 * Errors come back as `ApiError` carrying PostHog's error body (`{type, code, detail, attr}`).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly attr: string | null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

const CSRF_COOKIE = 'warren_csrftoken';

function csrfToken(): string {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return '';
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `path` with the defined entries of `query` as its search string. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

export async function apiRequest<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return send<T>(method, path, headers, body === undefined ? undefined : JSON.stringify(body), signal);
}

/**
 * A request with a multipart form body (a file upload), with the same CSRF header and error handling as JSON ones.
 * The browser sets the content type itself, with the form's boundary.
 */
export async function apiFormRequest<T>(method: string, path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return send<T>(method, path, {}, form, signal);
}

async function send<T>(method: string, path: string, contentHeaders: Record<string, string>, body: BodyInit | undefined, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...contentHeaders };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrftoken'] = csrfToken();
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal });
  const text = await res.text();
  const parsed = text === '' ? null : safeJson(text);
  if (!res.ok) {
    const err = (parsed ?? {}) as { code?: string; detail?: string; attr?: string | null; query_status?: { error_message?: string | null } };
    const detail = err.detail ?? err.query_status?.error_message ?? (text || res.statusText);
    throw new ApiError(res.status, err.code ?? `http_${res.status}`, detail, err.attr ?? null);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiRequest<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => apiRequest<T>('POST', path, body ?? {}, signal),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, body),
  delete: <T = null>(path: string) => apiRequest<T>('DELETE', path),
};

/** A page of a PostHog-style list endpoint. */
export interface Paginated<T> {
  count?: number;
  next: string | null;
  previous?: string | null;
  results: T[];
}

/** The message to show for any error a query or mutation threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.attr ? `${error.attr}: ${error.detail}` : error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}
