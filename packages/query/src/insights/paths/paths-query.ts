import type { HExpr, HQuery } from '../../hogql/hogql-ast.js';
import { parseHogQLExpr } from '../../hogql/parse-hogql.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import { dateWindow, resolveDateRange, resolvedDateRangeJson, type QueryDateRange } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions } from '../insight-filters.js';
import { compileInsightStatement, type InsightPlan } from '../insight-statement.js';
import { eventTypeCondition, pathElementExpr } from './path-element.js';
import { pathEdgesQuery, shapePathEdges, type PathEdge } from './path-edges.js';
import { pathSessionsQuery } from './path-sessions.js';
import { pathsActorsQuery, readActorsKeys } from './paths-actors.js';
import { readPathsQuery, type PathsQuery, type PathsSettings } from './paths-filter.js';

/**
 * Compiles a PathsQuery (rest-api.md 2.10) into one statement whose rows are the edges between consecutive steps of
 * every person's paths, and the shaping of those rows into PostHog's `results`. `pathReplacements` (the project's
 * path cleaning rules) is accepted but applies nothing: projects have no such rules in Warren yet.
 * @example await planPaths({ kind: 'PathsQuery', pathsFilter: { includeEventTypes: ['$pageview'] } }, ctx)
 */
export async function planPaths(query: PathsQuery, ctx: InsightContext): Promise<InsightPlan<PathEdge[]>> {
  const settings = readPathsQuery(query);
  const range = resolveDateRange(settings.dateRange, 'day', ctx);
  const edges = await pathEdgesQuery(settings, await pathsOf(query, settings, range, ctx));
  return {
    statements: [compileInsightStatement(edges, ctx)],
    shape: ([result]) => shapePathEdges(result),
    extra: { resolved_date_range: resolvedDateRangeJson(range) },
  };
}

/**
 * The persons behind a paths edge (`pathStartKey` → `pathEndKey`, either may be alone) or a drop-off
 * (`pathDropoffKey`: paths that end at that step), read from the point or else from the query's `pathsFilter`.
 * @example await pathsActors(query, { pathStartKey: '1_/home', pathEndKey: '2_/pricing' }, ctx) // SELECT person_id AS actor_id, …
 */
export async function pathsActors(query: PathsQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  const settings = readPathsQuery(query);
  const keys = readActorsKeys(point, query.pathsFilter ?? {});
  const range = resolveDateRange(settings.dateRange, 'day', ctx);
  return pathsActorsQuery(keys, await pathsOf(query, settings, range, ctx));
}

async function pathsOf(query: PathsQuery, settings: PathsSettings, range: QueryDateRange, ctx: InsightContext): Promise<HQuery> {
  const where: HExpr[] = [...dateWindow(range)];
  const types = eventTypeCondition(settings);
  if (types) where.push(types);
  where.push(...(await insightFilterConditions(query, ctx)));
  // The user's HogQL is compiled like any HogQL query: guarded, allowlisted, every value bound.
  const hogql = settings.hogqlExpression ? await parseHogQLExpr(settings.hogqlExpression) : undefined;
  return pathSessionsQuery(settings, pathElementExpr(settings, hogql), where);
}
