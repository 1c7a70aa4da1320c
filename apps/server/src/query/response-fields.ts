import { createHash } from 'node:crypto';
import type { Project } from '../projects/project-repository.js';
import { cacheTargetAge, nextAllowedRefresh, type Freshness } from './cache-freshness.js';

/**
 * The fields a computed response carries whatever its kind (rest-api.md 2.3): timings, modifiers and error.
 * Example: { results, ...computedFields(12.5) }.
 */
export function computedFields(elapsedMs: number) {
  return {
    timings: [{ k: './query', t: elapsedMs / 1000 }],
    modifiers: {},
    error: null,
  };
}

export interface FreshResult {
  cacheKey: string;
  timezone: string;
  freshness: Freshness;
  lastRefresh: Date;
  /** Days the query's date range spans, when it has one (insights get a longer client refresh interval). */
  rangeDays: number | null;
  insight: boolean;
}

/**
 * PostHog's cached-response fields for a result computed just now; a cache hit answers the same fields with
 * `is_cached: true`. Example: { ...response, ...cacheFields({ cacheKey, timezone: 'UTC', freshness: 'day', … }) }.
 */
export function cacheFields(fresh: FreshResult) {
  return {
    is_cached: false,
    last_refresh: fresh.lastRefresh.toISOString(),
    next_allowed_client_refresh: nextAllowedRefresh(fresh.freshness, fresh.lastRefresh, fresh.rangeDays, fresh.insight).toISOString(),
    cache_target_age: cacheTargetAge(fresh.freshness, fresh.lastRefresh)?.toISOString() ?? null,
    cache_key: fresh.cacheKey,
    timezone: fresh.timezone,
    calculation_trigger: null,
    query_metadata: null,
    query_status: null,
  };
}

/**
 * A stable key for a query of a project: the query with its object keys sorted (so key order does not matter), and
 * the project settings results depend on. Example: cacheKey(project, node) -> 'cache_3f2a…'.
 */
export function cacheKey(project: Pick<Project, 'id' | 'timezone' | 'weekStartDay'> & Partial<Pick<Project, 'testAccountFilters'>>, node: unknown): string {
  const settings = [project.id, project.timezone, project.weekStartDay, sortedKeys(project.testAccountFilters ?? [])];
  const text = JSON.stringify([...settings, sortedKeys(node)]);
  return 'cache_' + createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, sortedKeys(v)]));
}
