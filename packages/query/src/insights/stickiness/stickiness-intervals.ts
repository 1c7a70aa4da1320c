import { hAnd, hCall, hCompare, hConstant, hField, type HExpr, type HQuery } from '../../hogql/hogql-ast.js';
import { parseHogQLExpr } from '../../hogql/parse-hogql.js';
import { bucketIndexExpr } from '../bucket-index.js';
import { dateWindow, type QueryDateRange } from '../date-range.js';
import { templateSelect } from '../hogql-template.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions } from '../insight-filters.js';
import { seriesCondition, type SeriesNode } from '../series.js';
import type { StickinessSpec } from './stickiness-spec.js';

// One row per actor and period they were active in (a period counts only if its events meet the criteria), then
// the number of such periods per actor.
const ACTOR_INTERVALS = `
SELECT actor_id, count() AS num_intervals
FROM (
  SELECT {actor} AS actor_id, {period} AS period
  FROM events
  WHERE {where}
  GROUP BY actor_id, period
  HAVING {criteria}
)
GROUP BY actor_id`;

const CRITERIA_OPERATORS = { gte: '>=', lte: '<=', exact: '==' } as const;

/**
 * The HogQL SELECT giving, for one series over one range, each actor (`actor_id`) and the number of periods they
 * were active in (`num_intervals`, 1 … number of periods).
 * @example await actorIntervalsQuery(spec, spec.series[0], spec.current, ctx)
 */
export async function actorIntervalsQuery(spec: StickinessSpec, series: SeriesNode, range: QueryDateRange, ctx: InsightContext): Promise<HQuery> {
  const actor = await actorExpr(spec, series);
  const where: HExpr[] = [...dateWindow({ from: range.buckets[0], to: range.to })];
  const condition = await seriesCondition(series, ctx);
  if (condition) where.push(condition);
  where.push(...(await insightFilterConditions(spec, ctx)));
  if (actor.node === 'Field' && String(actor.chain[0]).startsWith('$group_')) where.push(hCompare('!=', actor, hConstant('')));
  const criteria = spec.criteria
    ? hCompare(CRITERIA_OPERATORS[spec.criteria.operator], hCall('count'), hConstant(spec.criteria.value))
    : hCompare('>', hCall('count'), hConstant(0));
  return templateSelect(ACTOR_INTERVALS, { actor, period: periodExpr(range, spec.intervalCount, ctx), where: hAnd(where), criteria });
}

/**
 * Who is counted: groups of the query's group type, else the series' `unique_group` groups or `hogql` expression
 * (as PostHog's stickiness runner allows), else persons after merges.
 */
async function actorExpr(spec: StickinessSpec, series: SeriesNode): Promise<HExpr> {
  if (spec.groupTypeIndex !== undefined) return hField(`$group_${spec.groupTypeIndex}`);
  const index = series.math_group_type_index;
  if (series.math === 'unique_group' && typeof index === 'number' && Number.isInteger(index) && index >= 0 && index <= 4) {
    return hField(`$group_${index}`);
  }
  if (series.math === 'hogql' && typeof series.math_hogql === 'string' && series.math_hogql.trim() !== '') {
    return parseHogQLExpr(series.math_hogql);
  }
  return hField('person_id');
}

// Periods are counted back from the range's last bucket, so with `intervalCount` the first period may be the short one.
function periodExpr(range: QueryDateRange, intervalCount: number, ctx: InsightContext): HExpr {
  const index = bucketIndexExpr(range, ctx);
  if (intervalCount === 1) return index;
  const fromEnd = hCall('minus', hConstant(range.buckets.length - 1), index);
  return hCall('intDiv', fromEnd, hConstant(intervalCount));
}
