import { api } from './api-client.js';
import type { WarrenProcess } from './spawn-warren.js';

/** One flag of a `/flags?v=2` answer. */
export interface FlagV2 {
  key: string;
  enabled: boolean;
  variant: string | null;
  reason: { code: string; condition_index: number | null; description: string | null };
  metadata: { id: number; version: number; payload: string | null; description: string | null };
}

export interface FlagsV2Body {
  flags: Record<string, FlagV2>;
  errorsWhileComputingFlags: boolean;
  requestId: string;
  evaluatedAt: number;
}

/** What an SDK request to `/flags` carries (the token is added unless `token` is given). */
export interface FlagsRequest {
  distinct_id: string;
  token?: string;
  person_properties?: Record<string, unknown>;
  groups?: Record<string, string>;
  group_properties?: Record<string, Record<string, unknown>>;
  flag_keys_to_evaluate?: string[];
  $anon_distinct_id?: string;
}

/** POSTs a plain-JSON body to `path` (e.g. `/flags/?v=2`, `/decide/?v=3`); returns status, parsed body and elapsed ms. */
export async function postFlags(warren: WarrenProcess, path: string, request: FlagsRequest): Promise<{ status: number; body: any; elapsedMs: number }> {
  const started = performance.now();
  const res = await fetch(warren.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: warren.token, ...request }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text), elapsedMs: performance.now() - started };
}

/** `/flags?v=2` for one request; throws unless Warren answered 200 with a `flags` object. */
export async function flagsV2(warren: WarrenProcess, request: FlagsRequest): Promise<FlagsV2Body> {
  const res = await postFlags(warren, '/flags/?v=2', request);
  if (res.status !== 200 || typeof res.body?.flags !== 'object') throw new Error(`/flags?v=2 answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as FlagsV2Body;
}

/** A flag's value as the SDKs see it: false, true, or the variant key. */
export function valueOf(flag: FlagV2 | undefined): boolean | string {
  if (!flag || !flag.enabled) return false;
  return flag.variant ?? true;
}

/** Creates a flag through the REST API; throws unless Warren answered 201. */
export async function createFlag(warren: WarrenProcess, body: Record<string, unknown>): Promise<any> {
  const res = await api(warren, 'POST', '/api/projects/1/feature_flags/', body);
  if (res.status !== 201) throw new Error(`creating ${String(body.key)} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A flag served to everyone (one condition set, no properties). */
export function simpleFlagBody(key: string, rolloutPercentage: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { key, name: `${key} flag`, filters: { groups: [{ properties: [], rollout_percentage: rolloutPercentage }] }, ...extra };
}

/** A flag on the groups of type index 0, served to those whose stored or sent `plan` is `enterprise`. */
export function enterpriseGroupFlagBody(key: string, name: string): Record<string, unknown> {
  return {
    key,
    name,
    filters: {
      aggregation_group_type_index: 0,
      groups: [{ properties: [{ key: 'plan', type: 'group', group_type_index: 0, operator: 'exact', value: ['enterprise'] }], rollout_percentage: 100 }],
    },
  };
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
