import type { WebMetricCellApi, WebStatsTableResponseApi } from '@warren/shared/web-analytics-api';

/** A metric column the page knows how to show; others in a response are left out. */
export interface MetricColumn {
  /** The response's column name without its `context.columns.` prefix. */
  name: string;
  label: string;
  /** `fraction`: 0–1, shown as a percentage. */
  format: 'count' | 'fraction';
}

const KNOWN_METRICS: readonly MetricColumn[] = [
  { name: 'visitors', label: 'Visitors', format: 'count' },
  { name: 'views', label: 'Views', format: 'count' },
  { name: 'bounce_rate', label: 'Bounce rate', format: 'fraction' },
  // WebGoalsQuery's columns.
  { name: 'converting_users', label: 'Converting visitors', format: 'count' },
  { name: 'total_conversions', label: 'Conversions', format: 'count' },
  { name: 'conversion_rate', label: 'Conversion rate', format: 'fraction' },
];

/** The columns a row's label can come from: a breakdown value, or a goal's action name. */
const LABEL_COLUMNS = ['breakdown_value', 'action_name'];

export interface StatsRow {
  /** The breakdown value as the server sent it. */
  value: unknown;
  /** One `[current, previous]` per metric column, in the order of `StatsTable.metrics`. */
  cells: WebMetricCellApi[];
}

export interface StatsTable {
  metrics: MetricColumn[];
  rows: StatsRow[];
}

const bare = (column: string) => column.replace(/^context\.columns\./, '');

/**
 * The rows of a WebStatsTableQuery (or WebGoalsQuery) answer: the label column first, then every known metric
 * column as `[current, previous]` (a bare number counts as current only).
 * Example: statsTable({ columns: ['context.columns.breakdown_value', 'context.columns.visitors'], results: [['/', [3, null]]] })
 *   -> { metrics: [Visitors], rows: [{ value: '/', cells: [[3, null]] }] }
 */
export function statsTable(response: Pick<WebStatsTableResponseApi, 'columns' | 'results'>): StatsTable {
  const names = (response.columns ?? []).map(bare);
  const labelIndex = Math.max(0, names.findIndex((n) => LABEL_COLUMNS.includes(n)));
  const present = KNOWN_METRICS.map((metric) => ({ metric, index: names.indexOf(metric.name) }))
    .filter((m) => m.index >= 0)
    .sort((a, b) => a.index - b.index);
  return {
    metrics: present.map((m) => m.metric),
    rows: (response.results ?? []).map((row) => ({ value: row[labelIndex], cells: present.map((m) => metricCell(row[m.index])) })),
  };
}

function metricCell(raw: unknown): WebMetricCellApi {
  if (Array.isArray(raw)) return [numberOrNull(raw[0]), numberOrNull(raw[1])];
  return [numberOrNull(raw), null];
}

function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Each row's share of the largest first metric (visitors), 0–1, for the bar behind the row. */
export function barFractions(table: StatsTable): number[] {
  const firsts = table.rows.map((r) => r.cells[0]?.[0] ?? 0);
  const max = Math.max(0, ...firsts);
  return firsts.map((v) => (max > 0 ? Math.max(0, v) / max : 0));
}
