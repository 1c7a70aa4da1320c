import { bucketDay, bucketKey, bucketLabel, isoInTimezone } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { seriesActionObject, seriesLabel, type SeriesNode } from '../series.js';
import { breakdownLabel, breakdownRank, compareBreakdownValues, isOtherBreakdown } from './trends-breakdown.js';
import { applyFormulas } from './trends-formula-results.js';
import type { TrendsPeriod } from './trends-period.js';
import type { TrendsSpec } from './trends-spec.js';

/** One entry of a TrendsQuery response's `results` (rest-api.md 2.7). */
export interface TrendResult {
  data: number[];
  labels: string[];
  days: string[];
  count: number;
  aggregated_value?: number;
  label: string;
  filter: Record<string, never>;
  action: (ReturnType<typeof seriesActionObject> & { days: string[] }) | null;
  breakdown_value?: unknown;
  compare?: boolean;
  compare_label?: 'current' | 'previous';
}

/**
 * Turns the rows of every (period, series) statement into PostHog's results: buckets filled with 0, breakdown values
 * ordered, cumulative and smoothed values, formulas, the Other bucket hidden when asked. `hasMore` is true when an
 * Other bucket exists.
 * @example shapeTrends(spec, periods, results, ctx).results[0].data // [0, 0, 0, 0, 0, 0, 1, 3]
 */
export function shapeTrends(spec: TrendsSpec, periods: readonly TrendsPeriod[], results: readonly StatementResult[], ctx: InsightContext) {
  const perPeriod = periods.map((period, p) =>
    spec.series.map((node, s) => seriesResults(spec, node, s, period, results[p * spec.series.length + s], ctx)),
  );
  let shaped: TrendResult[];
  if (spec.formulas.length > 0) {
    shaped = spec.formulas.flatMap((formula) => perPeriod.flatMap((groups) => applyFormulas(spec, formula, groups)));
  } else {
    shaped = perPeriod.flatMap((groups) => groups.flat());
  }
  const hasMore = shaped.some((r) => isOtherBreakdown(r.breakdown_value));
  if (spec.hideOther) shaped = shaped.filter((r) => !isOtherBreakdown(r.breakdown_value));
  return { results: shaped, hasMore };
}

interface Entry {
  value: unknown;
  byBucket: Map<string, number>;
  sum: number;
}

/** The results of one series in one period: one per breakdown value (one in all without a breakdown). */
export function seriesResults(
  spec: TrendsSpec,
  node: SeriesNode,
  order: number,
  period: TrendsPeriod,
  result: StatementResult | undefined,
  ctx: InsightContext,
): TrendResult[] {
  const entries = collectRows(spec, result, ctx);
  const { buckets, interval } = period.range;
  const base = {
    labels: buckets.map((b) => bucketLabel(b, interval, ctx.timezone)),
    days: buckets.map((b) => bucketDay(b, interval, ctx.timezone)),
    action: { ...seriesActionObject(node, order, ctx), days: buckets.map((b) => isoInTimezone(b, ctx.timezone)) },
  };
  const name = seriesLabel(node, ctx);
  return entries.map((entry) => {
    const shaped: TrendResult = spec.totalValue
      ? { data: [], ...base, count: 0, aggregated_value: entry.sum, label: name, filter: {}, action: base.action }
      : { data: [], ...base, count: 0, label: name, filter: {} };
    if (!spec.totalValue) {
      const data = timeSeriesData(spec, buckets.map((b) => entry.byBucket.get(bucketKey(b, ctx.timezone)) ?? 0));
      shaped.data = data;
      shaped.count = spec.cumulative ? (data[data.length - 1] ?? 0) : sum(data);
    }
    if (spec.breakdowns.length > 0) {
      const valueLabel = breakdownLabel(entry.value);
      shaped.label = spec.series.length > 1 ? `${name} - ${valueLabel}` : valueLabel;
      shaped.breakdown_value = entry.value;
    }
    if (period.compareLabel) {
      shaped.compare = true;
      shaped.compare_label = period.compareLabel;
    }
    return shaped;
  });
}

/** Rows keyed by breakdown value, ordered as PostHog orders them: real values, then null, then Other; by total. */
function collectRows(spec: TrendsSpec, result: StatementResult | undefined, ctx: InsightContext): Entry[] {
  const withBreakdown = spec.breakdowns.length > 0;
  const entries = new Map<string, Entry>();
  if (!withBreakdown) entries.set('', { value: null, byBucket: new Map(), sum: 0 });
  for (const row of result?.rows ?? []) {
    const value = withBreakdown ? row[row.length - 1] : null;
    const key = withBreakdown ? JSON.stringify(value) : '';
    let entry = entries.get(key);
    if (!entry) {
      entry = { value, byBucket: new Map(), sum: 0 };
      entries.set(key, entry);
    }
    const total = toNumber(row[0]);
    entry.sum += total;
    if (!spec.totalValue) {
      const day = bucketText(row[1], ctx);
      entry.byBucket.set(day, (entry.byBucket.get(day) ?? 0) + total);
    }
  }
  return [...entries.values()].sort(
    (a, b) => breakdownRank(a.value) - breakdownRank(b.value) || b.sum - a.sum || compareBreakdownValues(a.value, b.value),
  );
}

/** Running totals for cumulative displays, then PostHog's moving average (floored) over `smoothingIntervals`. */
function timeSeriesData(spec: TrendsSpec, values: number[]): number[] {
  let data = values;
  if (spec.cumulative) {
    let running = 0;
    data = data.map((v) => (running += v));
  }
  if (spec.smoothing > 1) {
    const window = spec.smoothing;
    data = data.map((_, i) => {
      const slice = data.slice(Math.max(0, i - window + 1), i + 1);
      return Math.floor(sum(slice) / slice.length);
    });
  }
  return data;
}

/** ClickHouse prints bucket starts as `YYYY-MM-DD HH:MM:SS` in the project timezone (sometimes with fractions). */
function bucketText(value: unknown, ctx: InsightContext): string {
  if (value instanceof Date) return bucketKey(value, ctx.timezone);
  return String(value).slice(0, 19);
}

function toNumber(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
