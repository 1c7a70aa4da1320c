import { hCall, hConstant, hField, hOr, type HExpr } from '../../hogql/hogql-ast.js';
import { HogQLError } from '../../hogql/hogql-error.js';
import { hx } from './funnel-hogql.js';
import type { FunnelLayout } from './funnel-layout.js';

/*
 * An event of an actor is one UInt64 key: its time in ticks × 2^bits + its rank. The rank's high N bits say which
 * steps the event matches (complemented, step 0 most significant, so at one instant events sort in step order and
 * events matching no step last); its low E bits which exclusions. Sorting keys sorts events; every flag the
 * conversion needs is read back from the key. Ticks are microseconds while N + E ≤ 13, else milliseconds (a UInt64
 * has 64 bits; microseconds since 1970 take 51).
 */

const MICRO_BITS = 13;
const MILLI_BITS = 23;

export interface KeyCoding {
  steps: number;
  exclusions: number;
  bits: number;
  /** Ticks per second. */
  scale: number;
}

/**
 * How keys are laid out for a funnel. @example keyCoding({ steps: 3, exclusions: 1 }) // => { bits: 4, scale: 1e6, … }
 */
export function keyCoding(counts: { steps: number; exclusions: number }): KeyCoding {
  const bits = counts.steps + counts.exclusions;
  if (bits > MILLI_BITS) throw new HogQLError('unsupported', `A funnel takes at most ${MILLI_BITS} steps and exclusions together`);
  return { ...counts, bits, scale: bits <= MICRO_BITS ? 1_000_000 : 1_000 };
}

/**
 * The key of an event in the events query (`s_k`, `x_e` are its step and exclusion flags, 0/1).
 * @example await eventKey(keyCoding({ steps: 2, exclusions: 0 })) // toUInt64(toUInt64(round(toFloat64(timestamp) * 1000000)) * 4 + (3 - (s_0 * 2 + s_1)))
 */
export async function eventKey(coding: KeyCoding): Promise<HExpr> {
  const n = coding.steps;
  const flag = (name: string, weight: number): HExpr => (weight === 1 ? hField(name) : hCall('multiply', hField(name), hConstant(weight)));
  const sum = (terms: HExpr[]): HExpr => terms.reduce((total, term) => hCall('plus', total, term));
  const steps = sum(Array.from({ length: n }, (_, k) => flag(`s_${k}`, 2 ** (n - 1 - k))));
  let rank = await hx`${2 ** n - 1} - ${steps}`;
  if (coding.exclusions > 0) rank = await hx`${rank} * ${2 ** coding.exclusions} + ${sum(Array.from({ length: coding.exclusions }, (_, e) => flag(`x_${e}`, 2 ** e)))}`;
  return hx`toUInt64(toUInt64(round(toFloat64(timestamp) * ${coding.scale})) * ${2 ** coding.bits} + ${rank})`;
}

/** The key of an element of `ev` / `ev2`: the element itself, or the first field of a tuple. @example keyOf(layout, ref('x')) // x */
export function keyOf(layout: FunnelLayout, element: HExpr): HExpr {
  return layout.tupled ? hCall('tupleElement', element, hConstant(1)) : element;
}

/** Whether the event of a key matches step k. @example await stepBit(coding, ref('x'), 0) // intDiv(x, 2) % 2 = 0 (2 steps) */
export async function stepBit(coding: KeyCoding, key: HExpr, k: number): Promise<HExpr> {
  return hx`intDiv(${key}, ${2 ** (coding.exclusions + coding.steps - 1 - k)}) % 2 = 0`;
}

/** Whether the event of a key matches exclusion e. @example await exclusionBit(ref('x'), 0) // intDiv(x, 1) % 2 = 1 */
export async function exclusionBit(key: HExpr, e: number): Promise<HExpr> {
  return hx`intDiv(${key}, ${2 ** e}) % 2 = 1`;
}

/** Whether the event matches any of the exclusions listed. @example await anyExclusion(ref('x'), [0, 1]) */
export async function anyExclusion(key: HExpr, exclusions: number[]): Promise<HExpr> {
  return hOr(await Promise.all(exclusions.map((e) => exclusionBit(key, e))));
}

/** Whether the event matches some step. @example await anyStep(coding, ref('x')) // intDiv(x % 4, 1) != 3 (2 steps) */
export async function anyStep(coding: KeyCoding, key: HExpr): Promise<HExpr> {
  return hx`intDiv(${key} % ${2 ** coding.bits}, ${2 ** coding.exclusions}) != ${2 ** coding.steps - 1}`;
}

/** Whether the event matches no step and no exclusion. @example await matchesNothing(coding, ref('x')) // x % 4 = 3 */
export async function matchesNothing(coding: KeyCoding, key: HExpr): Promise<HExpr> {
  return hx`${key} % ${2 ** coding.bits} = ${(2 ** coding.steps - 1) * 2 ** coding.exclusions}`;
}

/** The event's time in seconds. @example await timeOf(coding, ref('x')) // intDiv(x, 4) / 1000000 */
export async function timeOf(coding: KeyCoding, key: HExpr): Promise<HExpr> {
  return hx`intDiv(${key}, ${2 ** coding.bits}) / ${coding.scale}`;
}

/**
 * The rank of an event in JS, as eventKey computes it (for the reference).
 * @example eventRank([true, false], [false]) // => (3 - 2) * 2 + 0 = 2
 */
export function eventRank(steps: boolean[], exclusions: boolean[]): number {
  const n = steps.length;
  const matched = steps.reduce((sum, on, k) => sum + (on ? 2 ** (n - 1 - k) : 0), 0);
  return (2 ** n - 1 - matched) * 2 ** exclusions.length + exclusions.reduce((sum, on, e) => sum + (on ? 2 ** e : 0), 0);
}
