import { BREAKDOWN_OTHER } from '../breakdown.js';
import type { StatementResult } from '../insight-statement.js';
import type { RetentionSpec } from './retention-filter.js';
import { periodDate, periodLabel, type RetentionRange } from './retention-periods.js';

/** One row of PostHog's retention `results`. */
export interface RetentionResultRow {
  label: string;
  date: string;
  values: { count: number; label: string }[];
  breakdown_value?: string;
}

/** counts.get(breakdown)[start][offset] */
type Matrix = number[][];

/**
 * Turns the counts statement's rows into PostHog's triangular rows, oldest first: row i has `totalIntervals - i`
 * values. With a breakdown, the values with the largest cohorts (then by value) come first, each with all its rows,
 * and those beyond the limit are summed into `$$_posthog_breakdown_other_$$`.
 * @example shapeRetention(result, spec, range, 'UTC')[0] // { label: 'Day 0', date: '…', values: [{ count: 3, label: 'Day 0' }, …] }
 */
export function shapeRetention(result: StatementResult, spec: RetentionSpec, range: RetentionRange, timezone: string): RetentionResultRow[] {
  const n = spec.totalIntervals;
  const matrices = readMatrices(result, n);
  const rows = (matrix: Matrix, breakdown?: string): RetentionResultRow[] =>
    matrix.map((counts, start) => ({
      label: periodLabel(spec.period, start),
      date: periodDate(range.starts[start], timezone),
      values: counts.slice(0, n - start).map((count, offset) => ({ count, label: periodLabel(spec.period, offset) })),
      ...(breakdown === undefined ? {} : { breakdown_value: breakdown }),
    }));
  if (!spec.breakdown) return rows(matrices.get('') ?? emptyMatrix(n));
  const ranked = rankBreakdowns(matrices);
  const kept = ranked.slice(0, spec.breakdownLimit);
  const others = ranked.slice(spec.breakdownLimit);
  const out = kept.flatMap((value) => rows(matrices.get(value)!, value));
  if (others.length > 0) out.push(...rows(sumMatrices(others.map((v) => matrices.get(v)!), n), BREAKDOWN_OTHER));
  return out;
}

/**
 * Breakdown values by total cohort size (the sum of every row's value 0), largest first, then by value in
 * ClickHouse's byte order so the actors query can rank them the same way.
 * @example rankBreakdowns(new Map([['a', [[1]]], ['b', [[2]]]])) // => ['b', 'a']
 */
export function rankBreakdowns(matrices: ReadonlyMap<string, Matrix>): string[] {
  const total = (m: Matrix) => m.reduce((sum, row) => sum + row[0], 0);
  return [...matrices.keys()].sort((a, b) => total(matrices.get(b)!) - total(matrices.get(a)!) || compareCodePoints(a, b));
}

function readMatrices(result: StatementResult, n: number): Map<string, Matrix> {
  const column = (name: string) => result.columns.findIndex((c) => c.name === name);
  const [breakdown, start, offset, actors] = ['breakdown_value', 'start_index', 'offset', 'actors'].map(column);
  const matrices = new Map<string, Matrix>();
  for (const row of result.rows) {
    const key = breakdown < 0 ? '' : String(row[breakdown]);
    const i = Number(row[start]);
    const j = Number(row[offset]);
    if (!(i >= 0 && i < n && j >= 0 && i + j < n)) continue;
    if (!matrices.has(key)) matrices.set(key, emptyMatrix(n));
    matrices.get(key)![i][j] += Number(row[actors]);
  }
  return matrices;
}

function emptyMatrix(n: number): Matrix {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

function sumMatrices(matrices: Matrix[], n: number): Matrix {
  const sum = emptyMatrix(n);
  for (const m of matrices) m.forEach((row, i) => row.forEach((count, j) => (sum[i][j] += count)));
  return sum;
}

/** UTF-8 byte order, which is code point order (JS's `<` compares UTF-16 units). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let k = 0; k < Math.min(x.length, y.length); k++) {
    const d = x[k].codePointAt(0)! - y[k].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
