import type { HExpr, HSelectQuery } from '../../hogql/hogql-ast.js';
import { fillForward, passThrough, shiftRight } from './funnel-arrays.js';
import { exclusionMarks } from './funnel-exclusions.js';
import { alias, hx, ref, select } from './funnel-hogql.js';
import { taintedLevels, type FunnelLayout } from './funnel-layout.js';
import { strictState } from './funnel-strict.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * Ordered and strict funnels as PostHog's funnel UDF runs them, computed for all of an actor's events at once.
 *
 * The UDF walks the events keeping, per level i, the conversion that reached it with the latest start ("state i"):
 * an event taking level i+1 extends state i when it is within the window of state i's start, unless state i+1
 * already holds that start (the first way a start reaches a level is kept). Here `s_i` is state i after each event —
 * a chain `[start time, positions of the events taking levels 1 … i]`, or `[]` — and level i+1 is derived from
 * `s_i` one position earlier: candidates where the event takes level i+1, kept when their start differs from the
 * previous candidate's (`stored_<i+1>`), then filled forward. Strict funnels clear a state at any event that neither
 * takes its level nor is one of the optional steps after it (funnel-strict.ts). Exclusions mark states and make
 * their extensions tainted (funnel-exclusions.ts): tainted extensions count for how far the actor got (`has_<i>`)
 * but are never stored.
 *
 * Each level is its own SELECT, passing through `carry`, so no column's expression grows with the number of steps.
 * Outputs per level: `has_i` (some conversion reached it), `stored_i` (per position, the untainted chain that reached
 * it there, or []), `rm_i` (per position, the start an exclusion marked at level i, or 0).
 * @example await levelStages(spec, layout, base, ['aggregation_target', 'bd_value', 'T', 'idx']) // SELECT … FROM (SELECT … FROM (…))
 */
export async function levelStages(spec: FunnelSpec, layout: FunnelLayout, base: HSelectQuery, carry: string[]): Promise<{ query: HSelectQuery; outputs: string[] }> {
  const levels = layout.mandatory.length;
  const tainted = new Set(taintedLevels(layout));
  const outputs = ['has_1', 'stored_1'];
  let query = select({ select: [...passThrough(carry), ...(await firstLevel()), alias(await state(spec, 1), 's_1')], from: base });
  for (let i = 1; i <= levels; i++) {
    const items: HExpr[] = [...passThrough([...carry, ...outputs]), alias(await shiftRight(ref(`s_${i}`), await hx`[]`), 'pv')];
    const next = i < levels;
    if (next) items.push(...(await candidates(spec, i)));
    if (tainted.has(i)) {
      items.push(...(await exclusionMarks(spec, i, next)));
      outputs.push(`rm_${i}`);
    }
    if (next) {
      items.push(alias(tainted.has(i) ? await hx`arrayMap((c, k, a) -> if(k AND NOT a, c, []), rc, keep, tadv)` : await hx`arrayMap((c, k) -> if(k, c, []), rc, keep)`, `stored_${i + 1}`));
      items.push(alias(await hx`arrayExists(k -> k, keep)`, `has_${i + 1}`));
      items.push(alias(await state(spec, i + 1), `s_${i + 1}`));
      outputs.push(`has_${i + 1}`, `stored_${i + 1}`);
    }
    query = select({ select: items, from: query });
  }
  return { query, outputs };
}

/** Level 1: every step-0 event starts a chain, except one at the same instant as the step-0 event before it. */
async function firstLevel(): Promise<HExpr[]> {
  const previousStart = await shiftRight(await fillForward(await hx`arrayMap((g, t) -> if(g = 1, t, toFloat64(0)), g_1, T)`), await hx`toFloat64(0)`);
  return [
    alias(await hx`arrayMap((g, t, j, l) -> if(g = 1 AND t != l, [t, j], []), g_1, T, idx, ${previousStart})`, 'stored_1'),
    alias(await hx`arrayExists(g -> g = 1, g_1)`, 'has_1'),
  ];
}

/**
 * `rc`: per position, state i one position earlier extended by this event when it takes level i+1 within the
 * window; `rs` its start; `prs` the start of the previous such candidate; `keep`: a new start for level i+1.
 */
async function candidates(spec: FunnelSpec, i: number): Promise<HExpr[]> {
  const window = spec.windowSeconds;
  return [
    alias(await hx`arrayMap((g, t, p, j) -> if(g = 1 AND notEmpty(p) AND t - p[1] <= ${window}, arrayPushBack(p, j), []), ${ref(`g_${i + 1}`)}, T, pv, idx)`, 'rc'),
    alias(await hx`arrayMap(c -> if(notEmpty(c), c[1], toFloat64(0)), rc)`, 'rs'),
    alias(await shiftRight(await fillForward(ref('rs')), await hx`toFloat64(0)`), 'prs'),
    alias(await hx`arrayMap((s, l) -> s > 0 AND s != l, rs, prs)`, 'keep'),
  ];
}

/** State i after each event: the last stored chain (ordered), cleared by events that break it (strict). */
async function state(spec: FunnelSpec, i: number): Promise<HExpr> {
  if (spec.order === 'strict') return strictState(spec, i);
  return hx`arrayFill(x -> notEmpty(x), ${ref(`stored_${i}`)})`;
}
