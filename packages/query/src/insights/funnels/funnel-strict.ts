import type { HExpr } from '../../hogql/hogql-ast.js';
import { alias, hx, ref } from './funnel-hogql.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * State i of a strict funnel after each event, `sf_i` (see funnel-levels.ts). As in PostHog's funnel UDF, a strict
 * conversion's state survives only events that take its own level again (a repeated event of the step just taken)
 * and, Warren's extension, events of the optional steps right after it (`k_i`); any other event of the actor —
 * unrelated events included, strict funnels read them all — clears it. A stored conversion replaces the state, a
 * surviving event leaves it as it was (0, filled forward), a clearing event resets it (-1, then 0).
 * @example await strictState(spec, 2) // arrayMap(s -> if(s < 0, 0, s), arrayFill(…)) AS sf_2
 */
export async function strictState(spec: FunnelSpec, i: number): Promise<HExpr> {
  const survives = hasOptionalAfter(spec, i) ? await hx`arrayMap((g, o) -> g OR o, ${ref(`g_${i}`)}, ${ref(`k_${i}`)})` : ref(`g_${i}`);
  const start = await hx`arrayMap((s, v) -> if(s > 0, s, if(v, toFloat64(0), toFloat64(-1))), ${ref(`ss_${i}`)}, ${survives})`;
  return alias(await hx`arrayMap(s -> if(s < 0, toFloat64(0), s), arrayFill(x -> x != 0, ${start}))`, `sf_${i}`);
}

/** Whether optional steps sit between mandatory level i's step and the next mandatory step. @example hasOptionalAfter(spec, 1) // => true for [a, b?, c] */
export function hasOptionalAfter(spec: FunnelSpec, i: number): boolean {
  const mandatory = spec.optional.flatMap((optional, k) => (optional ? [] : [k]));
  const from = mandatory[i - 1];
  const to = i < mandatory.length ? mandatory[i] : spec.steps.length;
  return spec.optional.slice(from + 1, to).some(Boolean);
}
