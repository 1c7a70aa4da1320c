import type { FunnelStepApi, FunnelTimeToConvertApi, FunnelTrendApi } from '@warren/shared/funnels-api';
import type { InsightActorsSource } from '../insight-kind';
import type { FunnelsQuery } from './funnel-query-model';
import { formatDuration } from './number-format';

/** The server's placeholders for "the rest of the values" and "no value" in breakdowns (rest-api.md 2.7). */
export const BREAKDOWN_OTHER = '$$_posthog_breakdown_other_$$';
export const BREAKDOWN_NULL = '$$_posthog_breakdown_null_$$';

/** One step as the steps view draws it. Ratios are 0–1; step 0 has no previous step and no drop-off. */
export interface FunnelStepRow {
  /** 0-based. */
  index: number;
  name: string;
  count: number;
  /** Share of those who entered (step 1) who reached this step. */
  fromFirst: number | null;
  /** Share of those who reached the previous step who reached this one. */
  fromPrevious: number | null;
  /** Reached the previous step but not this one. */
  droppedOff: number;
  averageSeconds: number | null;
  medianSeconds: number | null;
}

/** One breakdown value's steps. */
export interface FunnelBreakdownGroup {
  /** As the server sent it: passed back in `funnelStepBreakdown`. */
  value: string[];
  label: string;
  rows: FunnelStepRow[];
}

/**
 * Steps with their conversion and drop-off. Example: stepRows([{count: 4,…}, {count: 3,…}])[1] -> { fromFirst: 0.75,
 * fromPrevious: 0.75, droppedOff: 1, … }
 */
export function stepRows(steps: readonly FunnelStepApi[]): FunnelStepRow[] {
  const first = steps[0]?.count ?? 0;
  return steps.map((step, index) => {
    const previous = index === 0 ? null : steps[index - 1]!.count;
    return {
      index,
      name: step.custom_name ?? step.name,
      count: step.count,
      fromFirst: first > 0 ? step.count / first : null,
      fromPrevious: previous === null ? null : previous > 0 ? step.count / previous : null,
      droppedOff: previous === null ? 0 : Math.max(0, previous - step.count),
      averageSeconds: step.average_conversion_time,
      medianSeconds: step.median_conversion_time,
    };
  });
}

/** True when the steps response is one list per breakdown value. */
export function isBreakdownSteps(results: unknown): results is FunnelStepApi[][] {
  return Array.isArray(results) && results.length > 0 && Array.isArray(results[0]);
}

/** Per breakdown value, its label and step rows, in the server's order (largest first, Other last). */
export function breakdownGroups(results: readonly FunnelStepApi[][]): FunnelBreakdownGroup[] {
  return results
    .filter((steps) => steps.length > 0)
    .map((steps) => {
      const value = (steps[0]!.breakdown_value ?? []).map(String);
      return { value, label: breakdownLabel(value), rows: stepRows(steps) };
    });
}

/**
 * A breakdown value as people read it: the server's placeholders as words, several properties joined.
 * Example: breakdownLabel(['Chrome']) -> 'Chrome'; breakdownLabel(['$$_posthog_breakdown_null_$$']) -> '(none)'
 */
export function breakdownLabel(value: unknown): string {
  const parts = Array.isArray(value) ? value : [value];
  return parts
    .map((part) => {
      if (part === BREAKDOWN_OTHER) return 'Other';
      if (part === BREAKDOWN_NULL || part === null || part === undefined || part === '') return '(none)';
      return String(part);
    })
    .join(', ');
}

/** The overall conversion of a funnel: last step over first. */
export function totalConversion(rows: readonly FunnelStepRow[]): number | null {
  const first = rows[0]?.count ?? 0;
  const last = rows[rows.length - 1]?.count ?? 0;
  return first > 0 ? last / first : null;
}

/** Time-to-convert bins as chart labels and counts. Example: bins [[0, 2], [300, 1]] -> labels ['0s', '5m'], counts [2, 1] */
export function timeToConvertBars(result: FunnelTimeToConvertApi): { labels: string[]; counts: number[] } {
  const bins = result.bins ?? [];
  return { labels: bins.map(([start]) => formatDuration(start)), counts: bins.map(([, count]) => count) };
}

/** Funnel trends as chart series: one line per breakdown value (named by its value), or one called "Conversion". */
export function trendLines(results: readonly FunnelTrendApi[]): { labels: string[]; days: string[]; series: { label: string; data: number[] }[] } {
  const first = results[0];
  return {
    labels: first?.labels ?? [],
    days: first?.days ?? [],
    series: results.map((r) => ({ label: r.breakdown_value ? breakdownLabel(r.breakdown_value) : 'Conversion rate (%)', data: r.data })),
  };
}

/**
 * Who is behind a step's number: those who reached step `index` (0-based), or with `dropped` those who reached the
 * step before it but not it (PostHog's 1-based `funnelStep`, negative for drop-offs).
 * Example: stepActors(q, 1, true) -> { kind: 'InsightActorsQuery', source: q, funnelStep: -2 }
 */
export function stepActors(query: FunnelsQuery, index: number, dropped: boolean, breakdownValue?: string[]): InsightActorsSource {
  const source: InsightActorsSource = { kind: 'InsightActorsQuery', source: query, funnelStep: dropped ? -(index + 1) : index + 1 };
  if (breakdownValue) source.funnelStepBreakdown = breakdownValue;
  return source;
}

/** Who entered the funnel in one period of the trends view and converted (or, with `dropped`, did not). */
export function trendActors(query: FunnelsQuery, day: string, dropped: boolean, breakdownValue?: string[]): InsightActorsSource {
  const source: InsightActorsSource = {
    kind: 'InsightActorsQuery',
    source: query,
    funnelTrendsEntrancePeriodStart: day,
    funnelTrendsDropOff: dropped,
  };
  if (breakdownValue) source.funnelStepBreakdown = breakdownValue;
  return source;
}
