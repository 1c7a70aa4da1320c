import { BREAKDOWN_NULL, BREAKDOWN_OTHER } from '../breakdown.js';
import { bucketDay, bucketKey, bucketLabel, type QueryDateRange } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import type { StatementResult } from '../insight-statement.js';
import { seriesName, type SeriesNode } from '../series.js';
import type { FunnelSpec } from './funnels-spec.js';

/** One step of PostHog's funnel steps response (rest-api.md 2.8). */
export interface FunnelStepResult {
  action_id: string | number | null;
  name: string;
  custom_name: string | null;
  order: number;
  type: 'events' | 'actions';
  count: number;
  people: never[];
  average_conversion_time: number | null;
  median_conversion_time: number | null;
  breakdown?: string[];
  breakdown_value?: string[];
}

export interface TimeToConvertResult {
  average_conversion_time: number | null;
  median_conversion_time: number | null;
  bins: [number, number][];
}

export interface FunnelTrendResult {
  count: number;
  data: number[];
  days: string[];
  labels: string[];
  breakdown_value?: string[];
}

interface Group {
  value: string[];
  counts: number[];
  averages: (number | null)[];
  medians: (number | null)[];
}

/**
 * The steps response from the row of stepsChart: one list of steps, or with a breakdown one list per value (the top
 * values, then Other unless hidden). No actor at all gives `[]`, as PostHog.
 * @example stepsResults(spec, ctx, [result]) // [{ action_id: '$pageview', order: 0, count: 2, … }, …]
 */
export function stepsResults(spec: FunnelSpec, ctx: InsightContext, results: readonly StatementResult[]): FunnelStepResult[] | FunnelStepResult[][] {
  const row = namedRow(results[0]);
  if (spec.breakdowns.length === 0) {
    const counts = numbers(row.counts);
    const group = { value: [], counts, averages: nullableNumbers(row.averages), medians: nullableNumbers(row.medians) };
    return (counts[0] ?? 0) === 0 ? [] : stepList(spec, ctx, group, false);
  }
  const groups: Group[] = (row.top as unknown[][]).map(([value, counts, averages, medians]) => ({
    value: (value as unknown[]).map(String),
    counts: numbers(counts),
    averages: nullableNumbers(averages),
    medians: nullableNumbers(medians),
  }));
  if (Number(row.other_values) > 0 && !spec.hideOther) {
    groups.push({
      value: spec.breakdowns.map(() => BREAKDOWN_OTHER),
      counts: numbers(row.other_counts),
      averages: nullableNumbers(row.other_avg),
      medians: nullableNumbers(row.other_median),
    });
  }
  return groups.map((group) => stepList(spec, ctx, group, true));
}

function stepList(spec: FunnelSpec, ctx: InsightContext, group: Group, withBreakdown: boolean): FunnelStepResult[] {
  return spec.steps.map((node, k) => {
    const step: FunnelStepResult = {
      ...stepIdentity(spec, node, k, ctx),
      order: k,
      type: node.kind === 'ActionsNode' ? 'actions' : 'events',
      count: group.counts[k] ?? 0,
      people: [],
      average_conversion_time: k === 0 ? null : (group.averages[k - 1] ?? null),
      median_conversion_time: k === 0 ? null : (group.medians[k - 1] ?? null),
    };
    if (withBreakdown) Object.assign(step, { breakdown: group.value, breakdown_value: group.value });
    return step;
  });
}

function stepIdentity(spec: FunnelSpec, node: SeriesNode, k: number, ctx: InsightContext) {
  if (spec.order === 'unordered') {
    return { action_id: null, name: `Completed ${k + 1} step${k === 0 ? '' : 's'}`, custom_name: null };
  }
  return {
    action_id: node.kind === 'ActionsNode' ? node.id : (node.event ?? null),
    name: seriesName(node, ctx),
    custom_name: node.custom_name ?? null,
  };
}

/**
 * The time-to-convert response from the row of timeToConvertChart.
 * @example timeToConvertResults([result]) // { average_conversion_time: 5, median_conversion_time: 5, bins: [[0, 1], [60, 0]] }
 */
export function timeToConvertResults(results: readonly StatementResult[]): TimeToConvertResult {
  const row = namedRow(results[0]);
  const starts = numbers(row.bin_starts);
  const counts = numbers(row.bin_counts);
  return {
    average_conversion_time: nullableNumber(row.average_time),
    median_conversion_time: nullableNumber(row.median_time),
    bins: starts.map((start, i): [number, number] => [start, counts[i] ?? 0]),
  };
}

/**
 * The funnel trends response from the rows of trendsChart (bd_value, bucket, entered, converted): per breakdown
 * value the conversion rate of each bucket (actors converting / actors entering, in %, 2 decimals, 0 without
 * entrants). Values rank by actors entering; the rest merge into Other unless hidden.
 * @example trendsResults(spec, ctx, [result]) // [{ count: 8, data: [50, 0, …], days: ['2024-05-01', …], labels: ['1-May-2024', …] }]
 */
export function trendsResults(spec: FunnelSpec, ctx: InsightContext, results: readonly StatementResult[]): FunnelTrendResult[] {
  const byValue = new Map<string, { value: string[]; buckets: Map<string, [number, number]>; entered: number }>();
  for (const row of results[0].rows) {
    const [value, bucket, entered, converted] = row;
    const parts = (value as unknown[]).map(String);
    const key = JSON.stringify(parts);
    const entry = byValue.get(key) ?? { value: parts, buckets: new Map(), entered: 0 };
    entry.buckets.set(String(bucket), [Number(entered), Number(converted)]);
    entry.entered += Number(entered);
    byValue.set(key, entry);
  }
  if (spec.breakdowns.length === 0) {
    return [trendSeries(spec.range, ctx, [...byValue.values()][0]?.buckets ?? new Map())];
  }
  const ranked = [...byValue.values()].sort(
    (a, b) => nullRank(a.value) - nullRank(b.value) || b.entered - a.entered || compareValues(a.value, b.value),
  );
  const top = ranked.slice(0, spec.breakdownLimit);
  const rest = ranked.slice(spec.breakdownLimit);
  const series = top.map((entry) => ({ ...trendSeries(spec.range, ctx, entry.buckets), breakdown_value: entry.value }));
  if (rest.length > 0 && !spec.hideOther) {
    const merged = new Map<string, [number, number]>();
    for (const entry of rest) {
      for (const [bucket, [entered, converted]] of entry.buckets) {
        const sum = merged.get(bucket) ?? [0, 0];
        merged.set(bucket, [sum[0] + entered, sum[1] + converted]);
      }
    }
    series.push({ ...trendSeries(spec.range, ctx, merged), breakdown_value: spec.breakdowns.map(() => BREAKDOWN_OTHER) });
  }
  return series;
}

function trendSeries(range: QueryDateRange, ctx: InsightContext, buckets: Map<string, [number, number]>): FunnelTrendResult {
  const data = range.buckets.map((start) => {
    const [entered, converted] = buckets.get(bucketKey(start, ctx.timezone)) ?? [0, 0];
    return entered > 0 ? Math.round((converted / entered) * 10_000) / 100 : 0;
  });
  return {
    count: data.length,
    data,
    days: range.buckets.map((start) => bucketDay(start, range.interval, ctx.timezone)),
    // PostHog labels funnel trends by day whatever the interval.
    labels: range.buckets.map((start) => bucketLabel(start, 'day', ctx.timezone)),
  };
}

function nullRank(value: string[]): number {
  return value.includes(BREAKDOWN_NULL) ? 1 : 0;
}

/** ClickHouse's order for Array(String): element-wise, by UTF-8 bytes. @example compareValues(['a'], ['b']) // => -1 */
export function compareValues(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return Buffer.compare(Buffer.from(a[i]), Buffer.from(b[i]));
  }
  return a.length - b.length;
}

function namedRow(result: StatementResult): Record<string, unknown> {
  const row = result.rows[0] ?? [];
  return Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]]));
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number) : [];
}

function nullableNumbers(value: unknown): (number | null)[] {
  return Array.isArray(value) ? value.map(nullableNumber) : [];
}

function nullableNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
