import type { HQuery } from '../../hogql/hogql-ast.js';
import type { InsightContext } from '../insight-context.js';
import { cohortRowsQuery } from './cohort-rows.js';
import { templateSelect } from '../hogql-template.js';
import type { RetentionSpec } from './retention-filter.js';
import type { RetentionRange } from './retention-periods.js';

// Each actor has one cohort row per start period and distinct offsets in it, so count() counts distinct actors.
const COUNTS = `
  SELECT /*BREAKDOWN*/ start_index, arrayJoin(/*OFFSETS*/) AS offset, count() AS actors
  FROM {cohort_rows}
  GROUP BY /*BREAKDOWN*/ start_index, offset`;

/**
 * The retention matrix as rows of (`breakdown_value`,) `start_index`, `offset`, `actors`. Cumulative counts an actor
 * in every value up to the last period they came back in ("returned on or after").
 * @example await retentionCountsQuery(spec, range, ctx) // SELECT start_index, arrayJoin(offsets) AS offset, count() …
 */
export async function retentionCountsQuery(spec: RetentionSpec, range: RetentionRange, ctx: InsightContext): Promise<HQuery> {
  const template = COUNTS.replaceAll('/*BREAKDOWN*/', spec.breakdown ? 'breakdown_value,' : '').replace(
    '/*OFFSETS*/',
    spec.cumulative ? 'range(0, arrayMax(offsets) + 1)' : 'offsets',
  );
  return templateSelect(template, { cohort_rows: await cohortRowsQuery(spec, range, ctx) });
}
