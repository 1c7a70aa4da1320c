import { hAnd, hCompare, hConstant, hField, hNot, hOr, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { breakdownValueExpr } from '../breakdown.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions } from '../insight-filters.js';
import { seriesCondition } from '../series.js';
import { templateSelect } from '../hogql-template.js';
import { perActorByPeriod } from './per-actor-by-period.js';
import { onePassAnswers, perActorOnePass } from './per-actor-one-pass.js';
import type { RetentionSpec } from './retention-filter.js';
import { periodIndexExpr, type RetentionRange } from './retention-periods.js';

/*
 * Retention in steps, each a subquery of the next, so the events are read once:
 *  1. per actor: the cohort periods (`starts`) and the periods they came back in (`return_periods`), in one
 *     aggregation over events when it can (per-actor-one-pass.ts), else through a per-period one
 *     (per-actor-by-period.ts);
 *  2. per actor and cohort period: `offsets`, the 0-based periods within the row the actor counts in (0 = cohort).
 */

const PER_COHORT_ROW = `
  SELECT actor_id,
         arrayJoin(starts) AS start,
         /*START_INDEX*/ AS start_index,
         /*BREAKDOWN_VALUE*/
         arrayConcat([0], arrayFilter(o -> o > 0, arrayMap(r -> r - start_index, return_periods))) AS offsets
  FROM {per_actor}`;

/** How step 1 aggregates: tests pick 'by-period' for specs one pass answers, to check both forms agree. */
export type PerActorForm = 'one-pass' | 'by-period';

/**
 * One row per actor and cohort period: `actor_id`, `start_index` (the row), `breakdown_value` (with a breakdown)
 * and `offsets` (the row's values the actor counts in, 0 = the cohort itself).
 * @example await cohortRowsQuery(spec, range, ctx) // SELECT actor_id, start_index, offsets FROM (…)
 */
export async function cohortRowsQuery(
  spec: RetentionSpec,
  range: RetentionRange,
  ctx: InsightContext,
  form: PerActorForm = onePassAnswers(spec) ? 'one-pass' : 'by-period',
): Promise<HSelectQuery> {
  if (form === 'one-pass' && !onePassAnswers(spec)) throw new Error('This retention query needs the per-period form');
  const withBreakdown = spec.breakdown !== null;
  const nodes = await eventNodes(spec, range, ctx);
  const perActor = form === 'one-pass' ? await perActorOnePass(spec, range, ctx, nodes) : await perActorByPeriod(spec, nodes);
  const cohortRows = PER_COHORT_ROW.replace('/*START_INDEX*/', withBreakdown ? 'start.1' : 'start').replace(
    '/*BREAKDOWN_VALUE*/',
    withBreakdown ? 'start.2 AS breakdown_value,' : '',
  );
  return (await templateSelect(cohortRows, { per_actor: perActor })) as HSelectQuery;
}

/** The event-level expressions both per-actor forms are built from, and the WHERE that reads only the events needed. */
async function eventNodes(spec: RetentionSpec, range: RetentionRange, ctx: InsightContext): Promise<Record<string, HExpr>> {
  const isTarget = (await seriesCondition(spec.target, ctx)) ?? hConstant(true);
  const isReturn = (await seriesCondition(spec.returning, ctx)) ?? hConstant(true);
  const isFirst =
    spec.retentionType === 'retention_first_ever_occurrence'
      ? ((await seriesCondition({ ...spec.target, properties: null, fixedProperties: null }, ctx)) ?? hConstant(true))
      : isTarget;
  const timestamp = hField('timestamp');
  const inRange = hCompare('>=', timestamp, hConstant(range.starts[0]));
  const where: HExpr[] = [...(await insightFilterConditions(spec.filters, ctx)), hCompare('<', timestamp, hConstant(range.end))];
  const actor = spec.groupTypeIndex === null ? hField('person_id') : hField(`$group_${spec.groupTypeIndex}`);
  if (spec.groupTypeIndex !== null) where.push(hNot(hCompare('==', actor, hConstant(''))));
  // Recurring cohorts only need the range; first-time cohorts need every earlier target event to find the first.
  if (spec.retentionType === 'retention_recurring') where.push(inRange, hOr([isTarget, isReturn]));
  else where.push(hOr([isFirst, hAnd([isReturn, inRange])]));
  const nodes: Record<string, HExpr> = {
    actor,
    n: hConstant(spec.totalIntervals),
    period_index: periodIndexExpr(range, ctx),
    is_target: isTarget,
    is_return: isReturn,
    is_first: isFirst,
    where: hAnd(where),
  };
  if (spec.breakdown) nodes.breakdown = await breakdownValueExpr(spec.breakdown);
  return nodes;
}
