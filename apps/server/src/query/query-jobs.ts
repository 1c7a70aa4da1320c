import { INTERVALS } from '@warren/query/insights/date-range';
import type { ActionDefinition } from '@warren/query/insights/insight-context';
import type { CohortRef } from '@warren/query/cohorts/cohort-condition';
import { insightKind, type InsightKind } from '@warren/query/insights/insight-kinds';
import { EXPERIMENT_QUERY_KINDS, experimentQueryJob } from '../experiments/results/experiment-query-job.js';
import type { Project } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { Freshness } from './cache-freshness.js';
import { loadInsightContext, type InsightContextSources } from './insight-context-loader.js';
import type { QueryJob } from './query-executor.js';
import { parseError } from './query-errors.js';
import type { QueryNode } from './query-request.js';
import { cacheKey } from './response-fields.js';
import { actorsQueryOf, runActorsQuery } from './run-actors-query.js';
import { runEventsQuery, type EventsQueryNode } from './run-events-query.js';
import { runHogQLQuery, type HogQLQueryNode } from './run-hogql-query.js';
import { runInsightQuery } from './run-insight-query.js';
import { Deadline, QUERY_TIMEOUT_MS } from './run-statements.js';

export interface QueryJobDeps {
  store: Pick<EventStore, 'query'>;
  db: MetaDb;
  actions: { forProject(teamId: number): Promise<ReadonlyMap<number, ActionDefinition>> };
  /** The project's cohorts, for cohort filters; without it such filters are refused. */
  cohorts?: { forProject(teamId: number): Promise<ReadonlyMap<number, CohortRef>> };
  /** The insight kinds by name (the registry; tests inject their own). */
  kinds?: (kind: string) => InsightKind | undefined;
  /** Web analytics' daily rollups that stand; without it web queries read every day's sessions. */
  webRollups?: InsightContextSources['webRollups'];
  timeoutMs?: number;
}

const ACTORS_KINDS = new Set(['ActorsQuery', 'InsightActorsQuery', 'FunnelsActorsQuery']);

/**
 * The job that answers a query node for a project: HogQL, events, an insight kind or an actors query. An unknown
 * kind or a missing required field is PostHog's 400 `parse_error`, before anything runs.
 * Example: queryJob({ kind: 'HogQLQuery', query: 'select 1' }, project, deps).freshness // 'day'
 */
export function queryJob(node: QueryNode, project: Project, deps: QueryJobDeps): QueryJob {
  const kinds = deps.kinds ?? insightKind;
  const budget = () => new Deadline(deps.timeoutMs ?? QUERY_TIMEOUT_MS);
  const base = { teamId: project.id, timezone: project.timezone, cacheKey: cacheKey(project, node) };
  const { store } = deps;

  if (node.kind === 'HogQLQuery') {
    if (typeof node.query !== 'string') throw parseError("Field 'query.query' is required.");
    // PostHog treats SQL results like a daily insight.
    return { ...base, freshness: 'day', insight: false, calculate: async () => plain(await runHogQLQuery(store, project, node as unknown as HogQLQueryNode)) };
  }
  if (node.kind === 'EventsQuery') {
    if (!Array.isArray(node.select)) throw parseError("Field 'query.select' is required.");
    return { ...base, freshness: 'none', insight: false, calculate: async () => plain(await runEventsQuery(store, project, node as unknown as EventsQueryNode, await deps.cohorts?.forProject(project.id))) };
  }
  if (ACTORS_KINDS.has(node.kind)) {
    // Posted on its own, an insight actors query lists its actors as an ActorsQuery with default columns would.
    const actors = actorsQueryOf(node.kind === 'ActorsQuery' ? node : { kind: 'ActorsQuery', source: node }, kinds);
    const contextFor = (query: QueryNode, deadline: Deadline, signal: AbortSignal) =>
      loadInsightContext(project, query, { actions: deps.actions, cohorts: deps.cohorts, store }, deadline, signal);
    return {
      ...base,
      freshness: 'always_stale',
      insight: false,
      calculate: (signal) => runActorsQuery(actors, project, { store, db: deps.db, contextFor }, budget(), signal),
    };
  }
  if (EXPERIMENT_QUERY_KINDS.has(node.kind)) return experimentQueryJob(node, project, deps, base);
  const kind = kinds(node.kind);
  if (!kind) throw parseError(`Unsupported query kind: ${String(node.kind).slice(0, 100)}`);
  return {
    ...base,
    freshness: freshnessOf(node),
    insight: true,
    calculate: async (signal) => {
      const deadline = budget();
      const ctx = await loadInsightContext(project, node, { actions: deps.actions, cohorts: deps.cohorts, store, webRollups: deps.webRollups }, deadline, signal);
      return runInsightQuery(kind, node, ctx, store, deadline, signal);
    },
  };
}

/**
 * Insights are fresh for as long as their interval says; retention's interval is its period. Web analytics figures sit
 * beside a live count on their page, so they are fresh for minutes, not the hours of a daily insight.
 */
export function freshnessOf(node: QueryNode): Freshness {
  if (typeof node.kind === 'string' && node.kind.startsWith('Web')) return 'minute';
  const retention = node.retentionFilter as { period?: unknown } | undefined;
  const raw = node.kind === 'RetentionQuery' ? retention?.period : node.interval;
  const interval = typeof raw === 'string' ? raw.toLowerCase() : 'day';
  return (INTERVALS as readonly string[]).includes(interval) ? (interval as Freshness) : 'day';
}

function plain(response: Record<string, unknown>) {
  return { response, dateFrom: null, dateTo: null };
}
