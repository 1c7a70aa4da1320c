import { hAnd, hCall, hCompare, hConstant, hField, hNot, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import type { ActorsPoint } from '../actors.js';
import { BREAKDOWN_OTHER } from '../breakdown.js';
import type { InsightContext } from '../insight-context.js';
import { cohortRowsQuery } from './cohort-rows.js';
import { templateSelect } from '../hogql-template.js';
import type { RetentionSpec } from './retention-filter.js';
import type { RetentionRange } from './retention-periods.js';

// Ranked as shapeRetention ranks them (largest cohorts, then value), so "other" means the same actors as its row.
const TOP_BREAKDOWNS = `
  SELECT breakdown_value FROM {cohort_rows}
  GROUP BY breakdown_value
  ORDER BY count() DESC, breakdown_value ASC
  LIMIT {limit}`;

/**
 * The actors of one cell: cohort row `point.interval`, and when `point.period` is given only those who count in that
 * value of the row (returned in that period, or on or after it when cumulative; period 0 is the whole cohort).
 * @example await retentionActorsQuery(spec, range, { interval: 0, period: 2 }, ctx) // SELECT actor_id FROM (…) WHERE …
 */
export async function retentionActorsQuery(spec: RetentionSpec, range: RetentionRange, point: ActorsPoint, ctx: InsightContext): Promise<HSelectQuery> {
  const n = spec.totalIntervals;
  const interval = pointIndex(point.interval, n - 1, 'interval');
  if (interval === null) throw new HogQLError('unsupported', 'Retention actors need the cohort row: interval');
  const period = pointIndex(point.period, n - 1 - interval, 'period');
  const conditions: HExpr[] = [hCompare('==', hField('start_index'), hConstant(interval))];
  if (period !== null && period > 0) {
    conditions.push(
      spec.cumulative
        ? hCompare('>=', hCall('arrayMax', hField('offsets')), hConstant(period))
        : hCall('has', hField('offsets'), hConstant(period)),
    );
  }
  const breakdown = breakdownOfPoint(point.breakdown);
  if (spec.breakdown && breakdown !== null) conditions.push(await breakdownCondition(breakdown, spec, range, ctx));
  const query = (await templateSelect('SELECT actor_id FROM {cohort_rows} WHERE {where}', {
    cohort_rows: await cohortRowsQuery(spec, range, ctx),
    where: hAnd(conditions),
  })) as HSelectQuery;
  return query;
}

async function breakdownCondition(value: string, spec: RetentionSpec, range: RetentionRange, ctx: InsightContext): Promise<HExpr> {
  const field = hField('breakdown_value');
  if (value !== BREAKDOWN_OTHER) return hCompare('==', field, hConstant(value));
  const top = await templateSelect(TOP_BREAKDOWNS, { cohort_rows: await cohortRowsQuery(spec, range, ctx), limit: hConstant(spec.breakdownLimit) });
  return hNot(hCompare('in', field, top));
}

function pointIndex(value: unknown, max: number, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new HogQLError('unsupported', `${name} must be an integer from 0 to ${max}`);
  }
  return value;
}

function breakdownOfPoint(value: unknown): string | null {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (single === undefined || single === null) return null;
  if (typeof single !== 'string' && typeof single !== 'number') throw new HogQLError('unsupported', 'breakdown must be a string');
  return String(single);
}
