import { hAnd, hCompare, hConstant, hField, type HExpr, type HQuery, type HSelectQuery } from '../../hogql/hogql-ast.js';
import type { StatementResult } from '../insight-statement.js';
import type { PathsSettings } from './paths-filter.js';
import { templateSelect } from '../hogql-template.js';

/** One edge of PostHog's paths `results`. */
export interface PathEdge {
  source: string;
  target: string;
  /** Paths through the edge. */
  value: number;
  /** Mean time between the two steps, in milliseconds. */
  average_conversion_time: number;
}

const EDGES = `
SELECT edge.1 AS source, edge.2 AS target, count() AS value, avg(edge.3) AS average_conversion_time
FROM (SELECT arrayJoin(edges) AS edge FROM {paths})
GROUP BY source, target
ORDER BY value DESC, source ASC, target ASC
LIMIT {edge_limit}`;

/**
 * Edges aggregated over all paths, heaviest first (ties by source, then target), within the edge weights and limit.
 * @example await pathEdgesQuery(settings, await pathSessionsQuery(…)) // SELECT edge.1 AS source, … LIMIT 50
 */
export async function pathEdgesQuery(settings: PathsSettings, paths: HQuery): Promise<HQuery> {
  const query = (await templateSelect(EDGES, { paths, edge_limit: hConstant(settings.edgeLimit) })) as HSelectQuery;
  const weights: HExpr[] = [];
  if (settings.minEdgeWeight) weights.push(hCompare('>=', hField('value'), hConstant(settings.minEdgeWeight)));
  if (settings.maxEdgeWeight) weights.push(hCompare('<=', hField('value'), hConstant(settings.maxEdgeWeight)));
  if (weights.length > 0) query.having = hAnd(weights);
  return query;
}

/**
 * Rows of the edges query as PostHog's results, keeping only edges reachable from a first step (`1_…`) through the
 * returned edges: the limit may cut an edge's predecessors, and PostHog drops such orphans too.
 * @example shapePathEdges({ columns, rows: [['1_/a', '2_/b', '3', 1500]] }) // [{ source: '1_/a', …, value: 3 }]
 */
export function shapePathEdges(result: StatementResult): PathEdge[] {
  const edges = result.rows.map(([source, target, value, average]) => ({
    source: String(source),
    target: String(target),
    value: Number(value),
    average_conversion_time: Number(average),
  }));
  const reachable = reachableSources(edges);
  return edges.filter((edge) => reachable.has(edge.source));
}

function reachableSources(edges: readonly PathEdge[]): Set<string> {
  const next = new Map<string, string[]>();
  for (const { source, target } of edges) next.set(source, [...(next.get(source) ?? []), target]);
  const seen = new Set<string>();
  const stack = edges.filter((edge) => edge.source.startsWith('1_')).map((edge) => edge.source);
  while (stack.length > 0) {
    const node = stack.pop() as string;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(next.get(node) ?? []));
  }
  return seen;
}
