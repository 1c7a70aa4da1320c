import { hCall, type HExpr } from '../../hogql/hogql-ast.js';
import { alias, hx, ref } from './funnel-hogql.js';
import { keyOf, timeOf } from './funnel-key.js';
import type { FunnelLayout } from './funnel-layout.js';

/*
 * Array vocabulary of one actor row. Everything is computed with element-wise maps over arrays of equal length,
 * fills and cumulative sums — never by indexing one array with positions inside a lambda: ClickHouse copies a
 * captured array for every element of the array being mapped, which is quadratic in an actor's events (a bot with
 * 10 000 events would take seconds). Positions are only looked up outside lambdas, for the one conversion counted.
 *   T      event times in seconds (funnel-key.ts: microseconds)
 *   g_i    0/1: the event takes mandatory level i (step mandatory[i-1])
 *   xl_c   0/1: the event is an exclusion tainting level c
 *   f_k    0/1: the event matches step k (optional steps, unordered funnels)
 */

/** `T` over `ev2`. @example await baseArrays(layout) // [arrayMap(x -> intDiv(x, 8) / 1000000, ev2) AS T] */
export async function baseArrays(layout: FunnelLayout): Promise<HExpr[]> {
  return [alias(await hx`arrayMap(x -> ${await timeOf(layout.coding, keyOf(layout, ref('x')))}, ev2)`, 'T')];
}

/** The array moved one place right (element i holds the old element i-1), `first` in front. @example await shiftRight(ref('sf_1'), 0) // arrayShiftRight(sf_1, 1, 0) */
export async function shiftRight(array: HExpr, first: HExpr | number): Promise<HExpr> {
  return hx`arrayShiftRight(${array}, 1, ${first})`;
}

/** The array moved one place left (element i holds the old element i+1), `last` at the end. @example await shiftLeft(ref('a'), 0) */
export async function shiftLeft(array: HExpr, last: HExpr | number): Promise<HExpr> {
  return hx`arrayShiftLeft(${array}, 1, ${last})`;
}

/** Every 0 replaced by the last non-zero value before it. @example await fillForward(ref('rs')) // [0, 5, 0, 7, 0] → [0, 5, 5, 7, 7] */
export async function fillForward(array: HExpr): Promise<HExpr> {
  return hx`arrayFill(v -> v != 0, ${array})`;
}

/** Every 0 replaced by the first non-zero value after it. @example await fillBackward(ref('m')) // [0, 5, 0, 7, 0] → [5, 5, 7, 7, 0] */
export async function fillBackward(array: HExpr): Promise<HExpr> {
  return hx`arrayReverseFill(v -> v != 0, ${array})`;
}

/**
 * For each position, the first position at or after it whose flag is 1 (0 when none).
 * @example await nextPositions(ref('f_2')) // arrayReverseFill(v -> v != 0, arrayMap((f, i) -> if(f = 1, i, 0), f_2, arrayEnumerate(f_2)))
 */
export async function nextPositions(flags: HExpr): Promise<HExpr> {
  return fillBackward(await hx`arrayMap((f, i) -> if(f = 1, i, 0), ${flags}, arrayEnumerate(${flags}))`);
}

/**
 * `arrayMap((a, b, …) -> body, A, B, …)` over arrays of equal length.
 * @example mapOver(['s', 'q'], [ref('st'), ref('nx_1')], body)
 */
export function mapOver(args: string[], arrays: HExpr[], body: HExpr): HExpr {
  return hCall('arrayMap', { node: 'Lambda', args, expr: body }, ...arrays);
}

/** `greatest(a, b, …)`, or `a` alone. @example greatestOf([ref('q_1'), ref('op_2')]) // greatest(q_1, op_2) */
export function greatestOf(exprs: HExpr[]): HExpr {
  return exprs.length === 1 ? exprs[0] : hCall('greatest', ...exprs);
}

/** References for passing columns of the subquery through a SELECT. @example passThrough(['T', 'ss_1']) // [T, ss_1] */
export function passThrough(names: string[]): HExpr[] {
  return names.map((name) => ref(name));
}
