import { randomUUID } from 'node:crypto';
import { validationError } from '../platform/app-error.js';
import type { Project } from '../projects/project-repository.js';
import type { ExecutionMode } from '../query/execution-mode.js';
import { applyFiltersOverride } from '../query/filters-override.js';
import type { QueryExecutor } from '../query/query-executor.js';
import { queryJob, type QueryJobDeps } from '../query/query-jobs.js';
import { parseQueryRequest, type QueryNode } from '../query/query-request.js';

/** What computes insight results: the query API's executor (its cache, limits and async queries) and job deps. */
export interface InsightQueryDeps {
  executor: QueryExecutor;
  jobs: QueryJobDeps;
}

/** PostHog's `?refresh=` on insights and dashboards: the query API's modes plus `force_cache` (never compute). */
export type InsightRefresh = ExecutionMode | 'force_cache';

const REFRESH_MODES = new Set<InsightRefresh>(['blocking', 'force_blocking', 'async', 'async_except_on_cache_miss', 'lazy_async', 'force_async', 'force_cache']);
const WRAPPERS = new Set(['DataTableNode', 'DataVisualizationNode', 'InsightVizNode']);

/**
 * The execution mode of `?refresh=`: absent or unknown is cache-only, `true` always computes, as PostHog's
 * `execution_mode_from_refresh` does. Example: insightRefreshOf('true') -> 'force_blocking'.
 */
export function insightRefreshOf(raw: unknown): InsightRefresh {
  if (raw === true || raw === 'true' || raw === '1') return 'force_blocking';
  return typeof raw === 'string' && REFRESH_MODES.has(raw as InsightRefresh) ? (raw as InsightRefresh) : 'force_cache';
}

/**
 * A `?filters_override=` parameter (JSON `DashboardFilter`) used instead of a dashboard's filters; undefined when
 * absent. Example: filtersOverrideOf('{"date_from":"-7d"}') -> { date_from: '-7d' }.
 */
export function filtersOverrideOf(raw: unknown): Record<string, unknown> | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    throw validationError('filters_override must be a JSON object.', 'filters_override');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw validationError('filters_override must be a JSON object.', 'filters_override');
  return parsed as Record<string, unknown>;
}

/**
 * The kind of query a stored insight runs, checked by the query planner without running it (an unknown kind or a
 * missing required field is the query API's 400). Example: insightQueryKind({ kind: 'InsightVizNode', source: trends }, …) -> 'TrendsQuery'.
 */
export function insightQueryKind(query: Record<string, unknown>, project: Project, deps: InsightQueryDeps): string {
  const { node } = parseQueryRequest({ query });
  queryJob(node, project, deps.jobs);
  return node.kind;
}

/**
 * The insight's query as shown on a dashboard: the dashboard's filters merged into the query inside its wrappers.
 * Example: queryWithFilters({ kind: 'InsightVizNode', source: trends }, { date_from: '-7d' }).source.dateRange.date_from === '-7d'.
 */
export function queryWithFilters(query: Record<string, unknown>, filters: unknown): Record<string, unknown> {
  if (!hasFilters(filters)) return query;
  const kind = query.kind as string;
  if (WRAPPERS.has(kind) && typeof query.source === 'object' && query.source !== null) {
    return { ...query, source: queryWithFilters(query.source as Record<string, unknown>, filters) };
  }
  return applyFiltersOverride(query as QueryNode, filters);
}

/** PostHog's result fields of an insight (the query response's `results` as `result`, and its cache fields). */
export interface InsightResult {
  result: unknown;
  hasMore: boolean | null;
  columns: unknown[] | null;
  types: unknown[] | null;
  hogql: string | null;
  resolved_date_range: unknown;
  timezone: string;
  is_cached: boolean;
  last_refresh: string | null;
  cache_target_age: string | null;
  next_allowed_client_refresh: string | null;
  query_status: unknown;
  filters_hash: string | null;
}

/**
 * The result of an insight's query with the given filters: cached only (`force_cache`), or answered by the query
 * executor in the given mode. An insight without a query has no result.
 * Example: (await insightResult(insight.query, project, { filters: {}, refresh: 'blocking' }, deps)).result // [{ data: […] }]
 */
export async function insightResult(
  query: Record<string, unknown> | null,
  project: Project,
  options: { filters: unknown; refresh: InsightRefresh },
  deps: InsightQueryDeps,
): Promise<InsightResult> {
  if (query === null) return emptyInsightResult(project);
  const { node } = parseQueryRequest({ query, filters_override: hasFilters(options.filters) ? options.filters : undefined });
  const job = queryJob(node, project, deps.jobs);
  const body =
    options.refresh === 'force_cache'
      ? deps.executor.cachedAnswer(job)
      : (await deps.executor.execute(job, options.refresh, randomUUID())).body;
  if (!body) return emptyInsightResult(project, job.cacheKey);
  return {
    result: body.results ?? null,
    hasMore: typeof body.hasMore === 'boolean' ? body.hasMore : null,
    columns: Array.isArray(body.columns) ? body.columns : null,
    types: Array.isArray(body.types) ? body.types : null,
    hogql: typeof body.hogql === 'string' ? body.hogql : null,
    resolved_date_range: body.resolved_date_range ?? null,
    timezone: typeof body.timezone === 'string' ? body.timezone : project.timezone,
    is_cached: body.is_cached === true,
    last_refresh: (body.last_refresh as string | undefined) ?? null,
    cache_target_age: (body.cache_target_age as string | undefined) ?? null,
    next_allowed_client_refresh: (body.next_allowed_client_refresh as string | undefined) ?? null,
    query_status: body.query_status ?? null,
    filters_hash: job.cacheKey,
  };
}

/** No result (never computed, or the query failed): the fields PostHog sends then. */
export function emptyInsightResult(project: Project, cacheKey: string | null = null): InsightResult {
  return {
    result: null,
    hasMore: null,
    columns: null,
    types: null,
    hogql: null,
    resolved_date_range: null,
    timezone: project.timezone,
    is_cached: false,
    last_refresh: null,
    cache_target_age: null,
    next_allowed_client_refresh: null,
    query_status: null,
    filters_hash: cacheKey,
  };
}

function hasFilters(filters: unknown): boolean {
  return typeof filters === 'object' && filters !== null && Object.keys(filters).length > 0;
}
