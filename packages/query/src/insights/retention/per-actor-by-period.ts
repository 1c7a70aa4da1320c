import { hConstant, type HExpr, type HQuery } from '../../hogql/hogql-ast.js';
import { templateSelect } from '../hogql-template.js';
import type { RetentionSpec } from './retention-filter.js';

/*
 * Per actor in two aggregations, for what one pass cannot count: a minimum number of returning events per period,
 * and recurring cohorts broken down by the first target event of each period.
 *  1. per actor and period (one pass over events): how many target and returning events, when the first target
 *     (and, for first-ever, the first unfiltered target) happened, the breakdown value of the period's first target;
 *  2. per actor: the cohort periods (`starts`) and the periods they came back in (`return_periods`).
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

/**
 * One row per actor: `actor_id`, `starts` (cohort period indexes, or (index, breakdown value) tuples) and
 * `return_periods` (indexes of the periods with at least `minimumOccurrences` returning events), through a
 * per-period aggregation. `nodes` are the event-level expressions of cohort-rows.ts, with `period_index`.
 * @example await perActorByPeriod(spec, nodes) // SELECT actor_id, …, starts, return_periods FROM (SELECT … GROUP BY actor_id, period_index) …
 */
export async function perActorByPeriod(spec: RetentionSpec, nodes: Record<string, HExpr>): Promise<HQuery> {
  const withBreakdown = spec.breakdown !== null;
  const recurring = spec.retentionType === 'retention_recurring';
  const perPeriod = await templateSelect(
    PER_PERIOD.replace('/*FIRST*/', recurring ? '' : FIRST_COLUMNS).replace('/*BREAKDOWN*/', withBreakdown ? BREAKDOWN_COLUMN : ''),
    nodes,
  );
  const perActorTemplate = (recurring ? PER_ACTOR_RECURRING : PER_ACTOR_FIRST)
    .replace('/*START*/', startItem(recurring, withBreakdown))
    .replace('/*FIRST_BREAKDOWN*/', withBreakdown ? 'argMinIf(breakdown_value, first_target, targets > 0) AS first_breakdown,' : '');
  return templateSelect(perActorTemplate, {
    per_period: perPeriod,
    n: hConstant(spec.totalIntervals),
    min_occurrences: hConstant(spec.minimumOccurrences),
  });
}

function startItem(recurring: boolean, withBreakdown: boolean): string {
  if (recurring) return withBreakdown ? 'tuple(period_index, breakdown_value)' : 'period_index';
  return withBreakdown ? 'tuple(first_period, first_breakdown)' : 'first_period';
}
