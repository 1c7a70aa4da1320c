import { hAnd, hCompare, hConstant, hField, type HExpr } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint, ActorsSelection } from '../actors.js';
import { bucketDay, resolvedDateRangeJson } from '../date-range.js';
import { templateSelect } from '../hogql-template.js';
import type { InsightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightPlan } from '../insight-statement.js';
import { shapeLifecycle, type LifecycleResult } from './lifecycle-shape.js';
import { checkStatus, readLifecycleQuery, type LifecycleQuery, type LifecycleSpec } from './lifecycle-spec.js';
import { lifecycleStatusesQuery } from './lifecycle-statuses.js';

export type { LifecycleQuery } from './lifecycle-spec.js';

const COUNTS = 'SELECT period, status, count(DISTINCT actor_id) AS actors FROM {statuses} GROUP BY period, status';
const ACTORS = 'SELECT DISTINCT actor_id FROM {statuses} WHERE {where}';

/**
 * Compiles a LifecycleQuery: one statement counting actors per bucket and status, shaped into PostHog's four results
 * (new, returning, resurrecting, dormant). `lifecycleFilter.toggledLifecycles` only hides lines in PostHog's chart,
 * so all four results are always returned.
 * @example await planLifecycle({ kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] }, ctx)
 */
export async function planLifecycle(query: LifecycleQuery, ctx: InsightContext): Promise<InsightPlan<LifecycleResult[]>> {
  const spec = readLifecycleQuery(query, ctx);
  const counts = await templateSelect(COUNTS, { statuses: await lifecycleStatusesQuery(spec, ctx) });
  return {
    statements: [compileInsightStatement(counts, ctx)],
    shape: ([rows]) => shapeLifecycle(rows, spec.series, spec.range, ctx),
    extra: { resolved_date_range: resolvedDateRangeJson(spec.range) },
  };
}

/**
 * The actors behind one lifecycle point: those with `point.status` in the bucket whose `days` entry is `point.day`
 * (either may be absent to widen the selection to every status or every bucket).
 * @example await lifecycleActors(query, { day: '2024-05-02', status: 'dormant' }, ctx) // SELECT DISTINCT actor_id FROM (…) WHERE …
 */
export async function lifecycleActors(query: LifecycleQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  const spec = readLifecycleQuery(query, ctx);
  const where: HExpr[] = [];
  if (point.day !== undefined && point.day !== null) where.push(hCompare('==', hField('period'), hConstant(bucketIndexOf(spec, point.day, ctx))));
  const status = checkStatus(point.status);
  if (status) where.push(hCompare('==', hField('status'), hConstant(status)));
  const selection = await templateSelect(ACTORS, {
    statuses: await lifecycleStatusesQuery(spec, ctx),
    where: where.length > 0 ? hAnd(where) : hConstant(true),
  });
  if (selection.node !== 'SelectQuery') throw new Error('lifecycle: actors template is not a SELECT');
  return selection;
}

function bucketIndexOf(spec: LifecycleSpec, day: string | number, ctx: InsightContext): number {
  const { buckets, interval } = spec.range;
  const wanted = String(day).replace('T', ' ');
  const index = buckets.findIndex((bucket) => bucketDay(bucket, interval, ctx.timezone) === wanted);
  if (index < 0) throw new HogQLError('unsupported', `day ${JSON.stringify(String(day).slice(0, 30))} is not a bucket of this query`);
  return index;
}
