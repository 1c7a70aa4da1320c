import type { HExpr, HSelectQuery } from '@warren/query/hogql/hogql-ast';
import { parseHogQLSelect } from '@warren/query/hogql/parse-hogql';
import { substitutePlaceholders } from '@warren/query/hogql/placeholders';
import type { ActorsPoint } from '@warren/query/insights/actors';
import type { InsightContext } from '@warren/query/insights/insight-context';
import type { InsightKind } from '@warren/query/insights/insight-kinds';
import { parseError } from './query-errors.js';
import type { QueryNode } from './query-request.js';

/** Where an ActorsQuery's people come from: nowhere (every person), a HogQL query, or one point of an insight. */
export type ActorsSource =
  | { kind: 'persons' }
  | { kind: 'hogql'; query: string; values: Record<string, unknown> }
  | { kind: 'insight'; insightKind: InsightKind; query: QueryNode; point: ActorsPoint };

const INSIGHT_POINT_FIELDS = ['day', 'series', 'breakdown', 'compare', 'status', 'interval', 'period', 'pathStartKey', 'pathEndKey', 'pathDropoffKey'] as const;
const FUNNEL_POINT_FIELDS = ['funnelStep', 'funnelStepBreakdown', 'funnelTrendsDropOff', 'funnelTrendsEntrancePeriodStart'] as const;

/**
 * Reads an ActorsQuery's `source` (rest-api.md 2.13): absent, a HogQLQuery whose first column is the person id, an
 * InsightActorsQuery or a FunnelsActorsQuery. Example: actorsSourceOf({ kind: 'FunnelsActorsQuery', source: funnel, funnelStep: 2 }, kinds)
 */
export function actorsSourceOf(source: unknown, kinds: (kind: string) => InsightKind | undefined): ActorsSource {
  if (source === undefined || source === null) return { kind: 'persons' };
  const node = asNode(source, 'source');
  if (node.kind === 'HogQLQuery') {
    if (typeof node.query !== 'string') throw parseError("Field 'source.query' is required.");
    const values = node.values ?? {};
    if (typeof values !== 'object' || Array.isArray(values)) throw parseError("Field 'source.values' must be an object.");
    return { kind: 'hogql', query: node.query, values: values as Record<string, unknown> };
  }
  if (node.kind === 'InsightActorsQuery' || node.kind === 'FunnelsActorsQuery') {
    const insight = asNode(node.source, 'source.source');
    if (node.kind === 'FunnelsActorsQuery' && insight.kind !== 'FunnelsQuery') throw parseError('A FunnelsActorsQuery opens a FunnelsQuery.');
    const insightKind = kinds(insight.kind);
    if (!insightKind) throw parseError(`Unsupported insight kind: ${String(insight.kind).slice(0, 100)}`);
    return { kind: 'insight', insightKind, query: insight, point: pointOf(node, insight) };
  }
  throw parseError(`Unsupported actors source kind: ${String(node.kind).slice(0, 100)}`);
}

/**
 * The actors selection of a source: one row per person with the UUID in `actor_id`.
 * Example: await actorsSelection({ kind: 'hogql', query: 'SELECT person_id FROM events', values: {} }, ctx)
 */
export async function actorsSelection(source: ActorsSource, ctx: InsightContext): Promise<HSelectQuery | null> {
  switch (source.kind) {
    case 'persons':
      return null;
    case 'insight':
      return source.insightKind.actors(source.query as never, source.point, ctx);
    case 'hogql':
      return hogqlSelection(source.query, source.values);
  }
}

/**
 * A HogQL source's first column is the person id; it is renamed `actor_id`, the rest is kept as written, and
 * repeated rows are dropped (`SELECT person_id FROM events` names a person once per event).
 */
async function hogqlSelection(query: string, values: Record<string, unknown>): Promise<HSelectQuery> {
  const parsed = substitutePlaceholders(await parseHogQLSelect(query), values);
  if (parsed.node !== 'SelectQuery' || parsed.select.length === 0) throw parseError('A HogQL actors source must be a single SELECT.');
  const [first, ...rest] = parsed.select;
  const idExpr: HExpr = first.node === 'Alias' ? first.expr : first;
  return { ...parsed, distinct: true, select: [{ node: 'Alias', alias: 'actor_id', expr: idExpr }, ...rest] };
}

function pointOf(node: QueryNode, insight: QueryNode): ActorsPoint {
  const point: Record<string, unknown> = {};
  for (const field of [...INSIGHT_POINT_FIELDS, ...FUNNEL_POINT_FIELDS]) if (node[field] !== undefined) point[field] = node[field];
  // PostHog keeps the clicked path node in the PathsQuery's own filter.
  const paths = insight.pathsFilter as Record<string, unknown> | undefined;
  for (const field of ['pathStartKey', 'pathEndKey', 'pathDropoffKey'] as const) {
    if (point[field] === undefined && paths?.[field] !== undefined) point[field] = paths[field];
  }
  return point as ActorsPoint;
}

function asNode(value: unknown, where: string): QueryNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as QueryNode).kind !== 'string') {
    throw parseError(`Field '${where}' needs a 'kind'.`);
  }
  return value as QueryNode;
}
