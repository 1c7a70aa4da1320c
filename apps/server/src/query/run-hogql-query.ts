import { compileHogQL } from '@warren/query/hogql/compile-hogql';
import type { Project } from '../projects/project-repository.js';
import type { EventStore } from '../storage/event-store.js';
import { toQueryError } from './query-errors.js';
import { computedFields } from './response-fields.js';
import { shapeValue } from './shape-values.js';

export interface HogQLQueryNode {
  kind: 'HogQLQuery';
  query: string;
  values?: Record<string, unknown>;
}

const QUERY_TIMEOUT_MS = 10_000;

/** Runs a HogQLQuery and shapes PostHog's HogQLQueryResponse. */
export async function runHogQLQuery(store: Pick<EventStore, 'query'>, project: Project, node: HogQLQueryNode) {
  try {
    const compiled = await compileHogQL({ query: node.query, teamId: project.id, timezone: project.timezone, values: node.values });
    const result = await store.query(compiled.sql, compiled.params, { timeoutMs: QUERY_TIMEOUT_MS });
    const hasMore = result.rows.length > compiled.limit;
    const rows = result.rows.slice(0, compiled.limit).map((row) => row.map((v, i) => shapeValue(v, result.columns[i].type)));
    const columns = compiled.columns.length === result.columns.length ? compiled.columns : result.columns.map((c) => c.name);
    return {
      results: rows,
      columns,
      types: columns.map((name, i) => [name, result.columns[i].type]),
      hogql: compiled.hogql,
      clickhouse: compiled.sql,
      query: node.query,
      hasMore,
      limit: compiled.limit,
      offset: 0,
      explain: null,
      metadata: null,
      ...computedFields(result.elapsedMs),
    };
  } catch (error) {
    throw toQueryError(error);
  }
}
