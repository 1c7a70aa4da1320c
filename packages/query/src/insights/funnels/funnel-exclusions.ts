import type { HExpr } from '../../hogql/hogql-ast.js';
import { fillForward, shiftRight } from './funnel-arrays.js';
import { alias, hx, ref } from './funnel-hogql.js';
import type { FunnelSpec } from './funnels-spec.js';

/*
 * Exclusions, as PostHog's funnel UDF applies them. An exclusion event of level c marks state c (the conversion that
 * reached level c with the latest start) when the event is within the window of its start, state c has not moved on
 * to level c+1 with that start yet, and it is not marked already. A marked state's extensions are tainted: they
 * count for how far the actor got but are never stored, so a tainted conversion ends one level past the mark. A
 * mark also hits the actor's furthest conversion when that one is at level c and the mark is within its window
 * (funnel-conversion.ts). An actor whose furthest level only tainted or hit conversions reached is dropped from the
 * funnel altogether.
 */

/**
 * For level c (below the last), over the events: `rm_c` the start each new mark hits (0 elsewhere) and `tadv` whether
 * extending state c at that event is tainted (marks at an event apply before its steps, as in the UDF). Needs `pvs`
 * (the start of state c one event earlier) and `prs` (the start of the previous candidate for level c+1, see
 * funnel-levels.ts).
 * @example await exclusionMarks(spec, 1) // [cm, pcm, rm_1, mf, tadv]
 */
export async function exclusionMarks(spec: FunnelSpec, c: number): Promise<HExpr[]> {
  const candidate = await hx`arrayMap((x, t, p, l) -> if(x = 1 AND p > 0 AND t - p <= ${spec.windowSeconds} AND l != p, p, toFloat64(0)), ${ref(`xl_${c}`)}, T, pvs, prs)`;
  return [
    alias(candidate, 'cm'),
    // A state is marked once: a later exclusion for the same start is not a new mark.
    alias(await shiftRight(await fillForward(ref('cm')), await hx`toFloat64(0)`), 'pcm'),
    alias(await hx`arrayMap((m, q) -> if(m > 0 AND m != q, m, toFloat64(0)), cm, pcm)`, `rm_${c}`),
    alias(await fillForward(ref(`rm_${c}`)), 'mf'),
    alias(await hx`arrayMap((p, m) -> p > 0 AND m = p, pvs, mf)`, 'tadv'),
  ];
}
