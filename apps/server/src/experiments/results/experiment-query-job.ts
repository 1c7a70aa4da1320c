import type { Project } from '../../projects/project-repository.js';
import { loadInsightContext } from '../../query/insight-context-loader.js';
import type { QueryJob } from '../../query/query-executor.js';
import type { QueryJobDeps } from '../../query/query-jobs.js';
import type { QueryNode } from '../../query/query-request.js';
import { Deadline, QUERY_TIMEOUT_MS } from '../../query/run-statements.js';
import { runExperimentQuery, type ExperimentRunDeps } from './run-experiment-query.js';
import { runExperimentFunnelsQuery, runExperimentTrendsQuery } from './run-legacy-experiment-queries.js';

const RUNNERS = {
  ExperimentQuery: runExperimentQuery,
  ExperimentTrendsQuery: runExperimentTrendsQuery,
  ExperimentFunnelsQuery: runExperimentFunnelsQuery,
} as const;

/** The query kinds answered from an experiment (rest-api.md 2.16). */
export const EXPERIMENT_QUERY_KINDS: ReadonlySet<string> = new Set(Object.keys(RUNNERS));

/**
 * The job answering an experiment query. Its results depend on the experiment row (dates, exposure criteria, stats
 * method) as well as the query, so they are never served from the cache: every request recomputes.
 * Example: experimentQueryJob({ kind: 'ExperimentQuery', experiment_id: 5, metric }, project, deps, base).freshness // 'always_stale'
 */
export function experimentQueryJob(node: QueryNode, project: Project, deps: QueryJobDeps, base: Pick<QueryJob, 'teamId' | 'timezone' | 'cacheKey'>): QueryJob {
  const run = RUNNERS[node.kind as keyof typeof RUNNERS];
  const runDeps: ExperimentRunDeps = {
    store: deps.store,
    db: deps.db,
    teamId: project.id,
    contextFor: (query, deadline, signal) => loadInsightContext(project, query, { actions: deps.actions, cohorts: deps.cohorts, store: deps.store }, deadline, signal),
  };
  return {
    ...base,
    freshness: 'always_stale',
    insight: true,
    calculate: (signal) => run(node, runDeps, new Deadline(deps.timeoutMs ?? QUERY_TIMEOUT_MS), signal),
  };
}
