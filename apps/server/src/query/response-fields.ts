import { createHash } from 'node:crypto';
import type { Project } from '../projects/project-repository.js';

/**
 * The fields every query response carries (rest-api.md 2.3): timings, cache bookkeeping and the project timezone.
 * Every query is computed on request for now, so `is_cached` is false and the refresh times are now.
 * Example: { results, ...computedResponseFields(project, node, 12.5) }.
 */
export function computedResponseFields(project: Project, node: unknown, elapsedMs: number) {
  const now = new Date().toISOString();
  return {
    timings: [{ k: './query', t: elapsedMs / 1000 }],
    modifiers: {},
    error: null,
    is_cached: false,
    last_refresh: now,
    next_allowed_client_refresh: now,
    cache_key: cacheKey(project.id, node),
    timezone: project.timezone,
  };
}

/** A stable key for a query of a project. Example: cacheKey(1, node) -> 'cache_3f2a…'. */
export function cacheKey(teamId: number, node: unknown): string {
  return 'cache_' + createHash('sha256').update(`${teamId}:${JSON.stringify(node)}`).digest('hex').slice(0, 32);
}
