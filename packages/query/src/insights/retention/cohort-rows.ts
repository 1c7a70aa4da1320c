import { hAnd, hCompare, hConstant, hField, hNot, hOr, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { breakdownValueExpr } from '../breakdown.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions } from '../insight-filters.js';
import { seriesCondition } from '../series.js';
import { templateSelect } from '../hogql-template.js';
import type { RetentionSpec } from './retention-filter.js';
import { periodIndexExpr, type RetentionRange } from './retention-periods.js';

/*
 * Retention in three steps, each a subquery of the next, so the events are read once:
 *  1. per actor and period (one pass over events): how many target and returning events, when the first target
 *     (and, for first-ever, the first unfiltered target) happened, the breakdown value of the period's first target;
 *  2. per actor: the cohort periods (`starts`) and the periods they came back in (`return_periods`);
 *  3. per actor and cohort period: `offsets`, the 0-based periods within the row the actor counts in (0 = cohort).
 * Periods before the range are folded into -1 and after it into N, so the first step stays small.
 */

const PER_PERIOD = `
  SELECT {actor} AS actor_id,
         greatest(-1, least({n}, {period_index})) AS period_index,
         countIf({is_target}) AS targets,
         countIf({is_return}) AS returns
         /*FIRST*/
         /*BREAKDOWN*/
  FROM events
  WHERE {where}
  GROUP BY actor_id, period_index`;

const FIRST_COLUMNS = `,
         minIf(timestamp, {is_target}) AS first_target,
         countIf({is_first}) AS firsts,
         minIf(timestamp, {is_first}) AS first_at`;

const BREAKDOWN_COLUMN = `,
         argMinIf({breakdown}, timestamp, {is_target}) AS breakdown_value`;

const RETURNS = `groupArrayIf(period_index, returns >= {min_occurrences} AND period_index >= 0 AND period_index < {n}) AS return_periods`;

const PER_ACTOR_RECURRING = `
  SELECT actor_id,
         groupArrayIf(/*START*/, targets > 0 AND period_index >= 0 AND period_index < {n}) AS starts,
         ${RETURNS}
  FROM {per_period}
  GROUP BY actor_id`;

// First-time: the cohort is the period of the actor's first target event ever. First-ever occurrence also
// requires that first event (ignoring the entity's own filters) to match them: then both firsts are the same event.
const PER_ACTOR_FIRST = `
  SELECT actor_id,
         argMinIf(period_index, first_at, firsts > 0) AS first_period,
         /*FIRST_BREAKDOWN*/
         if(sum(targets) > 0 AND minIf(first_target, targets > 0) = minIf(first_at, firsts > 0)
              AND first_period >= 0 AND first_period < {n}, [/*START*/], []) AS starts,
         ${RETURNS}
  FROM {per_period}
  GROUP BY actor_id`;

const PER_COHORT_ROW = `
  SELECT actor_id,
         arrayJoin(starts) AS start,
         /*START_INDEX*/ AS start_index,
         /*BREAKDOWN_VALUE*/
         arrayConcat([0], arrayFilter(o -> o > 0, arrayMap(r -> r - start_index, return_periods))) AS offsets
  FROM {per_actor}`;

/**
 * One row per actor and cohort period: `actor_id`, `start_index` (the row), `breakdown_value` (with a breakdown)
 * and `offsets` (the row's values the actor counts in, 0 = the cohort itself).
 * @example await cohortRowsQuery(spec, range, ctx) // SELECT actor_id, start_index, offsets FROM (…)
 */
export async function cohortRowsQuery(spec: RetentionSpec, range: RetentionRange, ctx: InsightContext): Promise<HSelectQuery> {
  const withBreakdown = spec.breakdown !== null;
  const perPeriod = await templateSelect(
    PER_PERIOD.replace('/*FIRST*/', spec.retentionType === 'retention_recurring' ? '' : FIRST_COLUMNS).replace(
      '/*BREAKDOWN*/',
      withBreakdown ? BREAKDOWN_COLUMN : '',
    ),
    await perPeriodNodes(spec, range, ctx),
  );
  const recurring = spec.retentionType === 'retention_recurring';
  const perActorTemplate = (recurring ? PER_ACTOR_RECURRING : PER_ACTOR_FIRST)
    .replace('/*START*/', startItem(recurring, withBreakdown))
    .replace('/*FIRST_BREAKDOWN*/', withBreakdown ? 'argMinIf(breakdown_value, first_target, targets > 0) AS first_breakdown,' : '');
  const perActor = await templateSelect(perActorTemplate, {
    per_period: perPeriod,
    n: hConstant(spec.totalIntervals),
    min_occurrences: hConstant(spec.minimumOccurrences),
  });
  const cohortRows = PER_COHORT_ROW.replace('/*START_INDEX*/', withBreakdown ? 'start.1' : 'start').replace(
    '/*BREAKDOWN_VALUE*/',
    withBreakdown ? 'start.2 AS breakdown_value,' : '',
  );
  return (await templateSelect(cohortRows, { per_actor: perActor })) as HSelectQuery;
}

function startItem(recurring: boolean, withBreakdown: boolean): string {
  if (recurring) return withBreakdown ? 'tuple(period_index, breakdown_value)' : 'period_index';
  return withBreakdown ? 'tuple(first_period, first_breakdown)' : 'first_period';
}

async function perPeriodNodes(spec: RetentionSpec, range: RetentionRange, ctx: InsightContext): Promise<Record<string, HExpr>> {
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
