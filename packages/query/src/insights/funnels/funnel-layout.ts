import { keyCoding, type KeyCoding } from './funnel-key.js';
import type { FunnelExclusion, FunnelSpec } from './funnels-spec.js';

/**
 * How a funnel's steps group, and how an actor's events are held.
 *
 * Conversions advance over the mandatory steps (levels: level i = the first i mandatory steps taken); optional steps
 * are checked afterwards, in the gap between the mandatory steps around them. An exclusion taints a conversion at the
 * levels c it covers: after the conversion's level c was reached, before level c + 1.
 *
 * Each event of an actor is its key (funnel-key.ts: time, steps and exclusions in one UInt64), or, when a breakdown,
 * held property or trends bucket is asked for, a tuple `(key, [bd], [hold], [bucket])`.
 */
export interface FunnelLayout {
  steps: number;
  /** Step indices of the mandatory steps, in order (the first step is always one). */
  mandatory: number[];
  /** For every step, the index in `mandatory` of the next mandatory step at or after it (`mandatory.length` if none). */
  gap: number[];
  /** For every exclusion, the levels c (1 … mandatory.length) it taints. */
  exclusionLevels: number[][];
  hasBreakdown: boolean;
  hasHold: boolean;
  hasBucket: boolean;
  /** Events are tuples (with a breakdown, held values or a bucket), not bare keys. */
  tupled: boolean;
  coding: KeyCoding;
}

/**
 * The layout of a funnel. @example funnelLayout(spec).mandatory // => [0, 1, 2]
 */
export function funnelLayout(spec: FunnelSpec): FunnelLayout {
  const mandatory = spec.optional.flatMap((optional, i) => (optional ? [] : [i]));
  const gap = spec.steps.map((_, i) => {
    const next = mandatory.findIndex((m) => m >= i);
    return next === -1 ? mandatory.length : next;
  });
  const hasBreakdown = spec.breakdowns.length > 0;
  const hasHold = spec.hold.length > 0;
  const hasBucket = spec.viz === 'trends';
  return {
    steps: spec.steps.length,
    mandatory,
    gap,
    exclusionLevels: spec.exclusions.map((e) => levelsOf(e, mandatory)),
    hasBreakdown,
    hasHold,
    hasBucket,
    tupled: hasBreakdown || hasHold || hasBucket,
    coding: keyCoding({ steps: spec.steps.length, exclusions: spec.exclusions.length }),
  };
}

/**
 * An exclusion from step f to step t taints a conversion that reached the mandatory step at or before f and has not
 * reached the mandatory step at or after t (or, when t is past the last mandatory step, within the window).
 */
function levelsOf(exclusion: FunnelExclusion, mandatory: number[]): number[] {
  let a = 0;
  mandatory.forEach((m, j) => {
    if (m <= exclusion.from) a = j;
  });
  const after = mandatory.findIndex((m) => m >= exclusion.to);
  const b = after === -1 ? mandatory.length : after;
  const levels: number[] = [];
  for (let c = a + 1; c <= b; c++) levels.push(c);
  return levels;
}

/** The exclusions tainting level c. @example exclusionsAt(layout, 1) // => [0] */
export function exclusionsAt(layout: FunnelLayout, c: number): number[] {
  return layout.exclusionLevels.flatMap((levels, e) => (levels.includes(c) ? [e] : []));
}

/** The levels some exclusion taints, ascending. @example taintedLevels(layout) // => [1, 2] */
export function taintedLevels(layout: FunnelLayout): number[] {
  return [...new Set(layout.exclusionLevels.flat())].sort((a, b) => a - b);
}

/**
 * Whether level i needs a `has_i` column: a tainted extension counts for reaching level i without being stored, and
 * below the last level a tainted level's conversions may all be hit by marks; elsewhere a stored start says it.
 * @example hasColumn(layout, 2) // => true when an exclusion taints level 1
 */
export function hasColumn(layout: FunnelLayout, i: number): boolean {
  const tainted = taintedLevels(layout);
  return (i > 1 && tainted.includes(i - 1)) || (i < layout.mandatory.length && tainted.includes(i));
}

/** The optional steps between mandatory level i's step and the next mandatory step. @example gapSteps(spec, layout, 1) // => [1] */
export function gapSteps(spec: FunnelSpec, layout: FunnelLayout, level: number): number[] {
  return spec.optional.flatMap((optional, k) => (optional && layout.gap[k] === level ? [k] : []));
}

/** Position of the breakdown value (Array(String)) in an event tuple. @example breakdownField() // => 2 */
export function breakdownField(): number {
  return 2;
}

/** Position of the held values (Array(String)) in an event tuple. @example holdField(layout) // => 3 with a breakdown */
export function holdField(layout: FunnelLayout): number {
  return 2 + (layout.hasBreakdown ? 1 : 0);
}

/** Position of the trends bucket (String) in an event tuple. @example bucketField(layout) // => 2 without breakdown or held values */
export function bucketField(layout: FunnelLayout): number {
  return holdField(layout) + (layout.hasHold ? 1 : 0);
}

/**
 * The funnel a chart looks at: funnel trends drop the steps after `funnelToStep` (as PostHog does) and cut
 * exclusions to the steps left; time to convert draws one histogram, so it ignores breakdowns.
 * @example chartSpec(trendsSpec).steps.length // => spec.toStep + 1
 */
export function chartSpec(spec: FunnelSpec): FunnelSpec {
  if (spec.viz === 'time_to_convert') return { ...spec, breakdowns: [] };
  if (spec.viz !== 'trends' || spec.toStep === spec.steps.length - 1) return spec;
  const keep = spec.toStep + 1;
  const exclusions = spec.exclusions.filter((e) => e.from < spec.toStep).map((e) => ({ ...e, to: Math.min(e.to, spec.toStep) }));
  return { ...spec, steps: spec.steps.slice(0, keep), optional: spec.optional.slice(0, keep), exclusions };
}
