import type { HExpr } from '../../hogql/hogql-ast.js';
import { hx, ref } from './funnel-hogql.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * State i of a strict funnel after each event (see funnel-levels.ts). As in PostHog's funnel UDF, a strict
 * conversion's state survives only events that take its own level again (a repeated event of the step just taken)
 * and, Warren's extension, events of the optional steps right after it (`k_i`); any other event of the actor —
 * unrelated events included, strict funnels read them all — clears it. A stored chain replaces the state; a
 * surviving event leaves it as it was; a clearing event resets it.
 * @example await strictState(spec, 2) // arrayMap(s -> if(… = -1, [], s), arrayFill(x -> notEmpty(x), arrayMap((s, g) -> …, stored_2, g_2)))
 */
export async function strictState(spec: FunnelSpec, i: number): Promise<HExpr> {
  const stored = ref(`stored_${i}`);
  const takes = ref(`g_${i}`);
  const marked = hasOptionalAfter(spec, i)
    ? await hx`arrayMap((s, g, o) -> if(notEmpty(s), s, if(g = 1 OR o = 1, [], [toFloat64(-1)])), ${stored}, ${takes}, ${ref(`k_${i}`)})`
    : await hx`arrayMap((s, g) -> if(notEmpty(s), s, if(g = 1, [], [toFloat64(-1)])), ${stored}, ${takes})`;
  return hx`arrayMap(s -> if(notEmpty(s) AND s[1] = -1, [], s), arrayFill(x -> notEmpty(x), ${marked}))`;
}

/** Whether optional steps sit between mandatory level i's step and the next mandatory step. */
export function hasOptionalAfter(spec: FunnelSpec, i: number): boolean {
  const mandatory = spec.optional.flatMap((optional, k) => (optional ? [] : [k]));
  const from = mandatory[i - 1];
  const to = i < mandatory.length ? mandatory[i] : spec.steps.length;
  return spec.optional.slice(from + 1, to).some(Boolean);
}
