import type { WarrenProcess } from './spawn-warren.js';

/** Calls Warren's management API with the test personal API key; returns status and parsed JSON. */
export async function api(warren: WarrenProcess, method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(warren.url + pathAndQuery, {
    method,
    headers: { authorization: `Bearer ${warren.personalApiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

/**
 * Runs HogQL through POST /query/ and returns the response body (throws on a non-200). Always computed afresh
 * (`force_blocking`): tests poll with it while events land, which a cached answer would hide.
 */
export async function hogql(warren: WarrenProcess, query: string): Promise<{ results: unknown[][]; columns: string[] }> {
  const res = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'HogQLQuery', query }, refresh: 'force_blocking' });
  if (res.status !== 200) throw new Error(`query failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Polls until `check` returns a truthy value (events reach the store about once per flush interval). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
