import type { ActorsPoint, ActorsSelection } from '../actors.js';
import { resolvedDateRangeJson } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightPlan } from '../insight-statement.js';
import { trendsActorsQuery } from './trends-actors.js';
import { trendsPeriods } from './trends-period.js';
import { seriesQuery } from './trends-series-query.js';
import { shapeTrends, type TrendResult } from './trends-shape.js';
import { trendsSpec, type TrendsQuery } from './trends-spec.js';

export type { TrendsQuery } from './trends-spec.js';

/**
 * Compiles a TrendsQuery (rest-api.md 2.7) into one statement per series and period (current, then previous when
 * comparing), each aggregated in ClickHouse, and a shaping of their rows into PostHog's `results`. `extra` carries
 * `resolved_date_range`, and `hasMore` once `shape` has run (true when a breakdown has an Other bucket).
 * @example const plan = await planTrends({ kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] }, ctx)
 */
export async function planTrends(query: TrendsQuery, ctx: InsightContext): Promise<InsightPlan<TrendResult[]>> {
  const spec = trendsSpec(query, ctx);
  const periods = trendsPeriods(spec, ctx);
  const statements = [];
  for (const period of periods) {
    for (const node of spec.series) statements.push(compileInsightStatement(await seriesQuery(spec, node, period, ctx), ctx));
  }
  const extra: Record<string, unknown> = { resolved_date_range: resolvedDateRangeJson(periods[0].range), hasMore: false };
  return {
    statements,
    shape(results) {
      const shaped = shapeTrends(spec, periods, results, ctx);
      extra.hasMore = shaped.hasMore;
      return shaped.results;
    },
    extra,
  };
}

/**
 * The persons behind one point of a TrendsQuery: `point.series` (index), `point.day` (a `days` entry; absent on
 * total-value displays), `point.breakdown` (a `breakdown_value`, Other included) and `point.compare`.
 * @example await trendsActors(query, { series: 0, day: '2024-05-07' }, ctx) // SELECT person_id AS actor_id, count() AS event_count …
 */
export async function trendsActors(query: TrendsQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  return trendsActorsQuery(trendsSpec(query, ctx), point, ctx);
}
