import type { RetentionRowApi } from '@warren/shared/retention-api';
import { breakdownLabel } from '../funnels/funnel-results-model';
import type { InsightActorsSource } from '../insight-kind';
import type { RetentionPeriod, RetentionQuery } from './retention-query-model';

export interface RetentionCell {
  /** 0-based period after the cohort's own. */
  period: number;
  count: number;
  /** count / cohort size; null for an empty cohort. */
  ratio: number | null;
}

export interface RetentionCohort {
  /** 0-based row within its breakdown value: the `interval` an actors query names. */
  interval: number;
  date: string;
  /** The cohort's period in words, e.g. "6 May 2024". */
  label: string;
  size: number;
  cells: RetentionCell[];
  /** The server's breakdown value (absent without a breakdown). */
  breakdown?: string;
  breakdownLabel?: string;
}

export interface RetentionGrid {
  /** Column headings after the size: "Week 0", "Week 1", … */
  periods: string[];
  cohorts: RetentionCohort[];
  /** Per period, the mean share retained over the cohorts that have reached it and are not empty. */
  mean: (number | null)[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The retention response as a grid: one cohort per row with its size and, per period, how many returned and what
 * share that is of the cohort. Example: retentionGrid([{ date, values: [{count: 4}, {count: 2}] }, …], 'Week')
 * .cohorts[0].cells[1].ratio -> 0.5
 */
export function retentionGrid(rows: readonly RetentionRowApi[], period: RetentionPeriod): RetentionGrid {
  const width = rows.reduce((max, row) => Math.max(max, row.values.length), 0);
  const periods = Array.from({ length: width }, (_, i) => rows.find((r) => r.values[i])?.values[i]!.label ?? `${period} ${i}`);
  const rowInValue = new Map<string, number>();
  const cohorts = rows.map((row): RetentionCohort => {
    const key = row.breakdown_value ?? '';
    const interval = rowInValue.get(key) ?? 0;
    rowInValue.set(key, interval + 1);
    const size = row.values[0]?.count ?? 0;
    const cohort: RetentionCohort = {
      interval,
      date: row.date,
      label: cohortLabel(row.date, period),
      size,
      cells: row.values.map((value, i) => ({ period: i, count: value.count, ratio: size > 0 ? value.count / size : null })),
    };
    if (row.breakdown_value !== undefined) {
      cohort.breakdown = row.breakdown_value;
      cohort.breakdownLabel = breakdownLabel(row.breakdown_value);
    }
    return cohort;
  });
  const mean = periods.map((_, i) => {
    const ratios = cohorts.map((c) => c.cells[i]?.ratio).filter((r): r is number => r !== null && r !== undefined);
    return ratios.length > 0 ? ratios.reduce((a, b) => a + b, 0) / ratios.length : null;
  });
  return { periods, cohorts, mean };
}

/**
 * A cohort's period start in words, read from the date as the server wrote it (already in the project timezone).
 * Example: cohortLabel('2024-05-06T00:00:00Z', 'Week') -> '6 May 2024'; cohortLabel('2024-05-06T13:00:00+02:00', 'Hour') -> '6 May 13:00'
 */
export function cohortLabel(date: string, period: RetentionPeriod): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(date);
  if (!match) return date;
  const [, year, month, day, hour = '00', minute = '00'] = match;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  if (period === 'Month') return `${monthName} ${year}`;
  if (period === 'Hour') return `${Number(day)} ${monthName} ${hour}:${minute}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/**
 * A cell's background: the accent blue, more opaque the larger the share, so the grid reads as a heat map. It stops
 * at 60% opacity, where the dark text still has better than 4.5:1 contrast. Example: cellShade(1) -> 'rgba(29, 74, 255, 0.6)'
 */
export function cellShade(ratio: number | null): string {
  if (ratio === null) return 'transparent';
  const alpha = Math.round((0.05 + 0.55 * Math.max(0, Math.min(1, ratio))) * 100) / 100;
  return `rgba(29, 74, 255, ${alpha})`;
}

/**
 * Who is behind a cell: cohort row `interval` and, past period 0, those of it who returned in `period` (the server's
 * retention actors, rest-api.md 2.13). Example: cellActors(q, cohort, 2) -> { kind: 'InsightActorsQuery', source: q,
 * interval: 0, period: 2 }
 */
export function cellActors(query: RetentionQuery, cohort: RetentionCohort, period: number): InsightActorsSource {
  const source: InsightActorsSource = { kind: 'InsightActorsQuery', source: query, interval: cohort.interval, period };
  if (cohort.breakdown !== undefined) source.breakdown = cohort.breakdown;
  return source;
}
