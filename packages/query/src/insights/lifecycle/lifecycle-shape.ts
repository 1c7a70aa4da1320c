import { bucketDay, bucketLabel, type QueryDateRange } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { seriesActionObject, seriesName, type SeriesNode } from '../series.js';
import { LIFECYCLE_STATUSES, type LifecycleStatus } from './lifecycle-spec.js';

/** One of the four results of a LifecycleQuery (rest-api.md 2.12). */
export interface LifecycleResult {
  action: ReturnType<typeof seriesActionObject>;
  data: number[];
  count: number;
  labels: string[];
  days: string[];
  label: string;
  status: LifecycleStatus;
}

/**
 * Turns `(period, status, actors)` rows into PostHog's four results, always in the order new, returning,
 * resurrecting, dormant, with a zero for every bucket nobody was in and dormant counts negative.
 * @example shapeLifecycle(rows, series, range, ctx).map((r) => r.status) // => ['new', 'returning', 'resurrecting', 'dormant']
 */
export function shapeLifecycle(result: StatementResult, series: SeriesNode, range: QueryDateRange, ctx: InsightContext): LifecycleResult[] {
  const data = new Map<string, number[]>(LIFECYCLE_STATUSES.map((status) => [status, range.buckets.map(() => 0)]));
  const column = (name: string) => result.columns.findIndex((c) => c.name === name);
  const [period, status, actors] = [column('period'), column('status'), column('actors')];
  for (const row of result.rows) {
    const values = data.get(String(row[status]));
    const index = Number(row[period]);
    if (!values || !(index >= 0 && index < values.length)) continue;
    values[index] += (row[status] === 'dormant' ? -1 : 1) * Number(row[actors]);
  }
  const name = seriesName(series, ctx);
  // PostHog reports every lifecycle series as plain `total` math, whatever the node says.
  const action = { ...seriesActionObject(series, 0, ctx), math: 'total' };
  const labels = range.buckets.map((bucket) => bucketLabel(bucket, range.interval, ctx.timezone));
  const days = range.buckets.map((bucket) => bucketDay(bucket, range.interval, ctx.timezone));
  return LIFECYCLE_STATUSES.map((s) => {
    const values = data.get(s) as number[];
    return { action, data: values, count: values.reduce((a, b) => a + b, 0), labels, days, label: `${name} - ${s}`, status: s };
  });
}
