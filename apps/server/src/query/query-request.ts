import { randomUUID } from 'node:crypto';
import { executionModeOf, type ExecutionMode } from './execution-mode.js';
import { applyFiltersOverride } from './filters-override.js';
import { parseError } from './query-errors.js';

/** A query node: `kind` plus the fields of that kind. */
export type QueryNode = Record<string, unknown> & { kind: string };

/** What `POST /query/` asks for (rest-api.md 2.1), validated. */
export interface QueryRequest {
  node: QueryNode;
  mode: ExecutionMode;
  /** The caller's `client_query_id`, else a fresh id: the async query id either way. */
  queryId: string;
}

/** Nodes that only wrap the query that runs (rest-api.md 2.17). */
const WRAPPERS = new Set(['DataTableNode', 'DataVisualizationNode', 'InsightVizNode']);
const MAX_QUERY_ID_LENGTH = 200;

/**
 * Validates a `/query/` body: the query (wrappers unwrapped, `filters_override` merged in), the execution mode and the
 * query id. Example: parseQueryRequest({ query: { kind: 'InsightVizNode', source: trends }, refresh: 'async' }).node === trends.
 */
export function parseQueryRequest(body: unknown): QueryRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw parseError("Field 'query' is required and needs a 'kind'.");
  const b = body as Record<string, unknown>;
  const node = applyFiltersOverride(unwrap(b.query), b.filters_override);
  return { node, mode: executionModeOf(b.refresh, b.async), queryId: queryIdOf(b.client_query_id) };
}

function unwrap(query: unknown): QueryNode {
  let current = query;
  for (let depth = 0; depth < 4 && isNode(current) && WRAPPERS.has(current.kind); depth++) current = current.source;
  if (!isNode(current) || WRAPPERS.has(current.kind)) throw parseError("Field 'query' is required and needs a 'kind'.");
  return current;
}

function queryIdOf(value: unknown): string {
  if (value === undefined || value === null || value === '') return randomUUID();
  if (typeof value !== 'string' || value.length > MAX_QUERY_ID_LENGTH) throw parseError(`client_query_id must be a string of at most ${MAX_QUERY_ID_LENGTH} characters`);
  return value;
}

function isNode(value: unknown): value is QueryNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as QueryNode).kind === 'string';
}
