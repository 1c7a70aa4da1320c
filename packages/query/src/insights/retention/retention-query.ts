import type { ActorsPoint, ActorsSelection } from '../actors.js';
import { resolvedDateRangeJson } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightPlan } from '../insight-statement.js';
import { retentionActorsQuery } from './retention-actors.js';
import { retentionCountsQuery } from './retention-counts.js';
import { parseRetentionQuery, type RetentionQuery } from './retention-filter.js';
import { retentionRange } from './retention-periods.js';
import { shapeRetention, type RetentionResultRow } from './retention-shape.js';

export type { RetentionQuery } from './retention-filter.js';

/**
 * Compiles a RetentionQuery (rest-api.md 2.9) into one statement and the shaping of its rows into PostHog's
 * triangular `results`; `extra.resolved_date_range` spans the cohort periods.
 * @example await planRetention({ kind: 'RetentionQuery', retentionFilter: { period: 'Week', totalIntervals: 4 } }, ctx)
 */
export async function planRetention(query: RetentionQuery, ctx: InsightContext): Promise<InsightPlan<RetentionResultRow[]>> {
  const spec = parseRetentionQuery(query, ctx);
  const range = retentionRange(spec.dateRange, spec.period, spec.totalIntervals, ctx);
  const statement = compileInsightStatement(await retentionCountsQuery(spec, range, ctx), ctx);
  return {
    statements: [statement],
    shape: ([result]) => shapeRetention(result, spec, range, ctx.timezone),
    extra: { resolved_date_range: resolvedDateRangeJson({ from: range.starts[0], to: new Date(range.end.getTime() - 1) }) },
  };
}

/**
 * The persons (or groups) of one retention cell: cohort row `point.interval` (0-based), optionally only those who
 * came back in `point.period` (0-based offset within the row), as a HogQL SELECT with column `actor_id`.
 * @example await retentionActors(query, { interval: 1, period: 2 }, ctx)
 */
export async function retentionActors(query: RetentionQuery, point: ActorsPoint, ctx: InsightContext): Promise<ActorsSelection> {
  const spec = parseRetentionQuery(query, ctx);
  const range = retentionRange(spec.dateRange, spec.period, spec.totalIntervals, ctx);
  return retentionActorsQuery(spec, range, point, ctx);
}
