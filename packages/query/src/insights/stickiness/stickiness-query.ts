import { hCompare, hConstant, hField, type HExpr } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import { resolvedDateRangeJson, type QueryDateRange } from '../date-range.js';
import { templateSelect } from '../hogql-template.js';
import type { InsightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightPlan } from '../insight-statement.js';
import { actorIntervalsQuery } from './stickiness-intervals.js';
import { shapeStickiness, type StickinessResult, type StickinessSlot } from './stickiness-shape.js';
import { periodCount, readStickinessQuery, type StickinessQuery, type StickinessSpec } from './stickiness-spec.js';

export type { StickinessQuery } from './stickiness-spec.js';

const COUNTS = 'SELECT num_intervals, count() AS actors FROM {intervals} GROUP BY num_intervals ORDER BY num_intervals';
const ACTORS = 'SELECT actor_id FROM {intervals} WHERE {where}';

/**
 * Compiles a StickinessQuery: one statement per series (and, with compare, per period: current then previous),
 * each counting actors by the number of periods they were active in, shaped into PostHog's results.
 * @example await planStickiness({ kind: 'StickinessQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] }, ctx)
 */
export async function planStickiness(query: StickinessQuery, ctx: InsightContext): Promise<InsightPlan<StickinessResult[]>> {
  const spec = readStickinessQuery(query, ctx);
  const slots: (StickinessSlot & { range: QueryDateRange })[] = [];
  spec.series.forEach((series, order) => {
    const base = { series, order, interval: spec.current.interval, cumulative: spec.cumulative };
    const ranges: [QueryDateRange, StickinessSlot['compare']][] = spec.previous
      ? [[spec.current, 'current'], [spec.previous, 'previous']]
      : [[spec.current, undefined]];
    for (const [range, compare] of ranges) {
      slots.push({ ...base, range, periods: periodCount(range, spec.intervalCount), ...(compare && { compare }) });
    }
  });
  const statements = [];
  for (const slot of slots) {
    const counts = await templateSelect(COUNTS, { intervals: await actorIntervalsQuery(spec, slot.series, slot.range, ctx) });
    statements.push(compileInsightStatement(counts, ctx));
  }
  return {
    statements,
    shape: (results) => slots.map((slot, i) => shapeStickiness(results[i], slot, ctx)),
    extra: { resolved_date_range: resolvedDateRangeJson(spec.current) },
  };
}

/**
 * The actors behind one stickiness point: those active in exactly `point.day` periods (at least that many when
 * cumulative) for series `point.series`, in the previous period when `point.compare` is `previous`.
 * Without `day`, every actor of the series.
 * @example await stickinessActors(query, { series: 0, day: 3 }, ctx) // SELECT actor_id FROM (…) WHERE num_intervals = 3
 */
export async function stickinessActors(query: StickinessQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  const spec = readStickinessQuery(query, ctx);
  const seriesIndex = point.series ?? 0;
  const series = Number.isInteger(seriesIndex) ? spec.series[seriesIndex] : undefined;
  if (!series) throw new HogQLError('unsupported', `series must be an index from 0 to ${spec.series.length - 1}`);
  const range = point.compare === 'previous' ? (spec.previous ?? undefined) : spec.current;
  if (!range) throw new HogQLError('unsupported', 'compare: previous needs compareFilter.compare');
  const selection = await templateSelect(ACTORS, {
    intervals: await actorIntervalsQuery(spec, series, range, ctx),
    where: dayCondition(point.day, spec, range),
  });
  if (selection.node !== 'SelectQuery') throw new Error('stickiness: actors template is not a SELECT');
  return selection;
}

function dayCondition(day: ActorsPoint['day'], spec: StickinessSpec, range: QueryDateRange): HExpr {
  if (day === undefined || day === null) return hConstant(true);
  const k = typeof day === 'number' ? day : /^\d+$/.test(day) ? Number(day) : NaN;
  const periods = periodCount(range, spec.intervalCount);
  if (!Number.isInteger(k) || k < 1 || k > periods) throw new HogQLError('unsupported', `day must be a number of intervals from 1 to ${periods}`);
  return hCompare(spec.cumulative ? '>=' : '==', hField('num_intervals'), hConstant(k));
}
