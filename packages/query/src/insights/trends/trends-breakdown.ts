import { hCall, hCompare, hConstant, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER, breakdownValueExpr, type Breakdown } from '../breakdown.js';
import { alias, array, column, select } from './trends-ast.js';

const ROWS = 'breakdown_rows';

/**
 * The value a result is broken down by: a String (with the null placeholder), or an Array(String) for several
 * breakdowns. @example await breakdownKeyExpr([browser]) // ifNull(nullIf(toString(properties.$browser), ''), '$$_posthog_breakdown_null_$$')
 */
export async function breakdownKeyExpr(breakdowns: readonly Breakdown[]): Promise<HExpr> {
  const parts: HExpr[] = [];
  for (const b of breakdowns) parts.push(await breakdownValueExpr(b));
  return breakdowns.length === 1 ? parts[0] : array(parts);
}

/**
 * The Other bucket's value: the placeholder, or an array of placeholders for several breakdowns.
 * @example otherValue([browser]) // '$$_posthog_breakdown_other_$$'
 */
export function otherValue(breakdowns: readonly Breakdown[]): string | string[] {
  return breakdowns.length === 1 ? BREAKDOWN_OTHER : breakdowns.map(() => BREAKDOWN_OTHER);
}

/**
 * Keeps the `limit` breakdown values with the largest totals and merges the rest into Other, in ClickHouse. `rows` has
 * columns `total`, `day_start` (time series only) and `breakdown_value`; values rank as PostHog ranks them: real
 * values before the null placeholder, then by total descending, then by value. The result has columns
 * `merged_total`, `day_start` and `merged_breakdown`.
 * @example await withBreakdownLimit(rowsQuery, breakdowns, 25, true)
 */
export function withBreakdownLimit(rows: HSelectQuery, breakdowns: readonly Breakdown[], limit: number, timeSeries: boolean): HSelectQuery {
  const value = column('breakdown_value');
  const top = topValuesQuery(ROWS, breakdowns, limit);
  const merged = alias('merged_breakdown', hCall('if', hCompare('in', value, top), value, otherExpr(breakdowns)));
  const day = timeSeries ? [column('day_start')] : [];
  const query = select([alias('merged_total', hCall('sum', column('total'))), ...day, merged], ROWS, {
    groupBy: [...day, column('merged_breakdown')],
  });
  query.ctes = [{ node: 'CTE', name: ROWS, expr: rows, cte_type: 'subquery' }];
  return query;
}

/**
 * The top-`limit` breakdown values of a rows query or CTE (same ranking as withBreakdownLimit); actors of the Other
 * bucket are the ones outside it. @example topValuesQuery(rowsQuery, breakdowns, 25)
 */
export function topValuesQuery(rows: string | HSelectQuery, breakdowns: readonly Breakdown[], limit: number): HSelectQuery {
  const value = column('breakdown_value');
  const top = select([value], rows, { groupBy: [value] });
  top.order_by = [
    { node: 'OrderExpr', expr: rankExpr(value, breakdowns.length > 1), order: 'ASC' },
    { node: 'OrderExpr', expr: hCall('sum', column('total')), order: 'DESC' },
    { node: 'OrderExpr', expr: value, order: 'ASC' },
  ];
  top.limit = hConstant(limit);
  return top;
}

function otherExpr(breakdowns: readonly Breakdown[]): HExpr {
  const other = otherValue(breakdowns);
  return Array.isArray(other) ? array(other.map((v) => hConstant(v))) : hConstant(other);
}

/** 2 for Other, 1 for a value with a null part, 0 otherwise: real values rank first. */
function rankExpr(value: HExpr, multiple: boolean): HExpr {
  const is = (placeholder: string) => (multiple ? hCall('has', value, hConstant(placeholder)) : hCompare('==', value, hConstant(placeholder)));
  return hCall('if', is(BREAKDOWN_OTHER), hConstant(2), hCall('if', is(BREAKDOWN_NULL), hConstant(1), hConstant(0)));
}

/**
 * The same rank in JS, for ordering results. @example breakdownRank('$$_posthog_breakdown_null_$$') // => 1
 */
export function breakdownRank(value: unknown): number {
  const parts = Array.isArray(value) ? value : [value];
  if (parts.includes(BREAKDOWN_OTHER)) return 2;
  return parts.includes(BREAKDOWN_NULL) ? 1 : 0;
}

/**
 * True for the Other bucket's value. @example isOtherBreakdown(['a', '$$_posthog_breakdown_other_$$']) // => true
 */
export function isOtherBreakdown(value: unknown): boolean {
  return breakdownRank(value) === 2;
}

/**
 * How a breakdown value reads in a label: the value itself, parts joined with `::` for several breakdowns.
 * @example breakdownLabel(['Chrome', 'pro']) // => 'Chrome::pro'
 */
export function breakdownLabel(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join('::') : String(value);
}

/**
 * Orders breakdown values as ClickHouse does for `ORDER BY breakdown_value`: strings by code unit, arrays element-wise.
 * @example compareBreakdownValues('a', 'b') // => -1
 */
export function compareBreakdownValues(a: unknown, b: unknown): number {
  const left = Array.isArray(a) ? a.map(String) : [String(a)];
  const right = Array.isArray(b) ? b.map(String) : [String(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return compareCodePoints(left[i], right[i]);
  }
  return left.length - right.length;
}

/** Code point order, which is UTF-8 byte order (how ClickHouse sorts Strings). */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i].codePointAt(0) ?? 0) - (right[i].codePointAt(0) ?? 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return left.length - right.length;
}
