import type { ActorsPoint, ActorsSelection } from '../actors.js';
import { resolvedDateRangeJson } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightPlan, type PlanTuning } from '../insight-statement.js';
import { funnelActorsSelection } from './funnel-actors.js';
import { funnelLayout, chartSpec } from './funnel-layout.js';
import { conversionRows } from './funnel-rows.js';
import { stepsResults, timeToConvertResults, trendsResults } from './funnel-shape.js';
import { stepsChart } from './funnel-steps.js';
import { timeToConvertChart } from './funnel-time-to-convert.js';
import { trendsChart } from './funnel-trends.js';
import { funnelSpec, type FunnelsQuery } from './funnels-spec.js';

export type { FunnelsQuery } from './funnels-spec.js';

/*
 * PostHog's FunnelsQuery (rest-api.md 2.8), built the way PostHog's UDF-based runner thinks about it: one row per
 * actor with its events in time order as an array, evaluated with array functions — no per-step self-joins, so the
 * cost grows with the events read, not with their pairs. The conversion semantics (ordered, strict, unordered,
 * windows, exclusions, breakdown attribution) follow PostHog's funnel UDF; funnels-reference.ts states them as
 * plain code, and the randomized test holds the SQL to it.
 *
 * Beyond PostHog (issue #4):
 * - Optional steps: a series node with `optionalInFunnel: true` may be skipped. Later steps count without it; its
 *   own count is the actors whose conversion took it between the mandatory steps around it. Not for the first step,
 *   unordered funnels or the trends and time-to-convert charts.
 * - Held properties: `funnelsFilter.holdConstant: [{type: 'event' | 'person', key}]` — every step of one conversion
 *   must carry the value the step-0 event has (a missing value is a value too). For a person property this changes
 *   nothing when counting persons, and keeps a group's conversion to one person's property value when counting groups.
 */

/**
 * The funnel's stages are a dozen nested SELECTs: ClickHouse merging their expression steps into one cost more than it
 * saved when they were twenty (about 40 ms of CPU per query at 10M events, docs/performance.md); on a dozen it makes
 * no measurable difference, and stays off so a longer funnel does not bring the cost back.
 */
const FUNNEL_TUNING: PlanTuning = { query_plan_merge_expressions: 0 };

/**
 * Compiles a FunnelsQuery into one statement and the shaping of its rows into PostHog's `results`: steps, a
 * time-to-convert histogram or conversion trends, per `funnelVizType`.
 * @example await planFunnels({ kind: 'FunnelsQuery', series: [a, b] }, ctx) // { statements: [1 statement], shape, extra }
 */
export async function planFunnels(query: FunnelsQuery, ctx: InsightContext): Promise<InsightPlan> {
  const spec = chartSpec(funnelSpec(query, ctx));
  const layout = funnelLayout(spec);
  const extra = { resolved_date_range: resolvedDateRangeJson(spec.range) };
  if (spec.viz === 'trends') {
    const chart = await trendsChart(spec, await conversionRows(spec, layout, ctx));
    return { statements: [compileInsightStatement(chart, ctx, undefined, FUNNEL_TUNING)], shape: (results) => trendsResults(spec, ctx, results), extra };
  }
  const rows = await conversionRows(spec, layout, ctx);
  if (spec.viz === 'time_to_convert') {
    const chart = await timeToConvertChart(spec, rows);
    return { statements: [compileInsightStatement(chart, ctx, undefined, FUNNEL_TUNING)], shape: timeToConvertResults, extra };
  }
  const chart = await stepsChart(spec, layout, rows);
  return { statements: [compileInsightStatement(chart, ctx, undefined, FUNNEL_TUNING)], shape: (results) => stepsResults(spec, ctx, results), extra };
}

/**
 * The persons (or groups) behind one point of a FunnelsQuery (`funnelStep`, `funnelStepBreakdown`, or for trends
 * `funnelTrendsEntrancePeriodStart` and `funnelTrendsDropOff`).
 * @example await funnelsActors(query, { funnelStep: -2 }, ctx) // SELECT DISTINCT aggregation_target AS actor_id …
 */
export async function funnelsActors(query: FunnelsQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  const spec = chartSpec(funnelSpec(query, ctx));
  return funnelActorsSelection(spec, funnelLayout(spec), point, ctx);
}
