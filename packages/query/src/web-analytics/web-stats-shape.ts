import type { StatementResult } from '../insights/insight-statement.js';
import type { WebStatsMetric, WebStatsSettings } from './web-stats-settings.js';

/** A metric cell: the current period's value and the previous one's (null without compare). */
export type MetricCell = [current: number | null, previous: number | null];

/** The table's column names, as PostHog's web app reads them. @example statsColumns(['visitors']) // ['context.columns.breakdown_value', 'context.columns.visitors'] */
export function statsColumns(metrics: readonly WebStatsMetric[]): string[] {
  return ['context.columns.breakdown_value', ...metrics.map((m) => `context.columns.${m}`)];
}

/**
 * Rows of the stats table statement to PostHog's `results`: `[value, [current, previous], …]` per row, at most
 * `limit` of them; `hasMore` when the statement found the extra row it asks for.
 * @example shapeStatsTable(result, settings, false).results[0] // ['GB', [2, null], [4, null], [0, null]]
 */
export function shapeStatsTable(result: StatementResult, settings: WebStatsSettings, compared: boolean): { results: unknown[][]; hasMore: boolean } {
  const index = new Map(result.columns.map((c, i) => [c.name, i]));
  const at = (row: readonly unknown[], name: string) => row[index.get(name) ?? -1];
  const rows = result.rows.slice(0, settings.limit).map((row) => [
    at(row, 'breakdown_value') ?? null,
    ...settings.metrics.map((m): MetricCell => [numberOrNull(at(row, m)), compared ? numberOrNull(at(row, `previous_${m}`)) : null]),
  ]);
  return { results: rows, hasMore: result.rows.length > settings.limit };
}

/** Engine numbers (UInt64 may arrive as text) as numbers; NULL and NaN (an average over nothing) as null. */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isNaN(n) ? null : n;
}
