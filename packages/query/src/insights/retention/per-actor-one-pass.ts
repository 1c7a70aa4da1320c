import { hField, type HExpr, type HQuery } from '../../hogql/hogql-ast.js';
import type { InsightContext } from '../insight-context.js';
import { templateSelect } from '../hogql-template.js';
import type { RetentionSpec } from './retention-filter.js';
import { periodIndexExpr, periodStartExpr, periodStartIndexExpr, type RetentionRange } from './retention-periods.js';

/*
 * Per actor in a single aggregation over events, as lean as a hand-written query: the events only give their
 * period's start (`toStartOfWeek(timestamp)`…), collected as distinct values per actor, and only those few starts
 * are turned into period indexes. The WHERE ends the range; returns before it (first-time queries read earlier target
 * events too) get negative indexes, which cohort-rows.ts drops with every offset not after the cohort.
 */

const RETURNS = `arrayMap(s -> {start_index}, groupUniqArray(if({is_return}, {period_start}, NULL))) AS return_periods`;

const PER_ACTOR_RECURRING = `
  SELECT {actor} AS actor_id,
         arrayMap(s -> {start_index}, groupUniqArray(if({is_target}, {period_start}, NULL))) AS starts,
         ${RETURNS}
  FROM events
  WHERE {where}
  GROUP BY actor_id`;

// First-time: the cohort is the period of the actor's first target event ever. First-ever occurrence also requires
// that first event (ignoring the entity's own filters) to match them: then both firsts are the same event.
const PER_ACTOR_FIRST = `
  SELECT {actor} AS actor_id,
         minIf(timestamp, {is_target}) AS first_target,
         minIf(timestamp, {is_first}) AS first_at,
         {first_period} AS first_period,
         /*FIRST_BREAKDOWN*/
         if(countIf({is_target}) > 0 AND first_target = first_at AND first_period >= 0 AND first_period < {n},
            [/*START*/], []) AS starts,
         ${RETURNS}
  FROM events
  WHERE {where}
  GROUP BY actor_id`;

/**
 * Whether one pass can answer: every cohort but a recurring one broken down per period, with one returning event
 * per period enough.
 * @example onePassAnswers(parseRetentionQuery({ kind: 'RetentionQuery' }, ctx)) // => true
 */
export function onePassAnswers(spec: RetentionSpec): boolean {
  return spec.minimumOccurrences === 1 && !(spec.retentionType === 'retention_recurring' && spec.breakdown !== null);
}

/**
 * One row per actor: `actor_id`, `starts` (cohort period indexes, or (index, breakdown value) tuples) and
 * `return_periods` (distinct indexes of the periods they came back in), in one aggregation. `nodes` are the
 * event-level expressions of cohort-rows.ts; only for specs where `onePassAnswers`.
 * @example await perActorOnePass(spec, range, ctx, nodes) // SELECT actor_id, …, starts, return_periods FROM events … GROUP BY actor_id
 */
export async function perActorOnePass(spec: RetentionSpec, range: RetentionRange, ctx: InsightContext, nodes: Record<string, HExpr>): Promise<HQuery> {
  const withBreakdown = spec.breakdown !== null;
  const template =
    spec.retentionType === 'retention_recurring'
      ? PER_ACTOR_RECURRING
      : PER_ACTOR_FIRST.replace('/*START*/', withBreakdown ? 'tuple(first_period, first_breakdown)' : 'first_period').replace(
          '/*FIRST_BREAKDOWN*/',
          withBreakdown ? 'argMinIf({breakdown}, timestamp, {is_target}) AS first_breakdown,' : '',
        );
  return templateSelect(template, {
    ...nodes,
    period_start: periodStartExpr(range, ctx),
    start_index: periodStartIndexExpr(range, hField('s')),
    first_period: periodIndexExpr(range, ctx, hField('first_at')),
  });
}
