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
 * an event taking level i+1 extends state i when it is within the window of state i's start, unless the previous such
 * extension had the same start (the first way a start reaches a level is kept). Here state i after each event is two
 * arrays — `sf_i`, its start time, and `pf_i`, the position of its level-i event (0: no state) — and level i+1 is
 * derived from them one position earlier: candidates where the event takes level i+1, kept when their start differs
 * from the previous candidate's; the kept ones are stored (`ss_<i+1>` their start at their position, `bp_<i+1>` the
 * position of the level-i event they extend) and filled forward. Strict funnels clear a state at any event that
 * neither takes its level nor is one of the optional steps after it (funnel-strict.ts). Exclusions mark states and
 * make their extensions tainted (funnel-exclusions.ts): tainted extensions count for how far the actor got
 * (`has_<i>`) but are never stored.
 *
 * Each level is its own SELECT passing `carry` on, so no column's expression grows with the number of steps. Outputs
 * per level: `has_i`, `ss_i`, `bp_i` and, for levels exclusions taint, `rm_i` (the start a new mark hits).
 * @example await levelStages(spec, layout, base, ['aggregation_target', 'bd_value', 'T', 'idx']) // SELECT … FROM (SELECT … FROM (…))
 */
export async function levelStages(spec: FunnelSpec, layout: FunnelLayout, base: HSelectQuery, carry: string[]): Promise<{ query: HSelectQuery; outputs: string[] }> {
  const levels = layout.mandatory.length;
  const tainted = new Set(taintedLevels(layout));
  const outputs = ['has_1', 'ss_1', 'bp_1'];
  let query = select({ select: [...passThrough(carry), ...(await firstLevel()), ...(await state(spec, 1))], from: base });
  for (let i = 1; i <= levels; i++) {
    // The last level only needs a SELECT of its own when an exclusion marks it.
    if (i === levels && !tainted.has(i)) break;
    const items: HExpr[] = [
      ...passThrough([...carry, ...outputs]),
      alias(await shiftRight(ref(`sf_${i}`), await hx`toFloat64(0)`), 'pvs'),
      alias(await shiftRight(ref(`pf_${i}`), await hx`toInt64(0)`), 'pvp'),
    ];
    const next = i < levels;
    if (next) items.push(...(await candidates(spec, i)));
    if (tainted.has(i)) {
      items.push(...(await exclusionMarks(spec, i, next)));
      outputs.push(`rm_${i}`);
    }
    if (next) {
      // A new start for level i+1 is stored unless it extends a marked state (then it only counts in has).
      const stored = tainted.has(i)
        ? await hx`arrayMap((s, l, a) -> if(s > 0 AND s != l AND NOT a, s, toFloat64(0)), rs, prs, tadv)`
        : await hx`arrayMap((s, l) -> if(s > 0 AND s != l, s, toFloat64(0)), rs, prs)`;
      items.push(
        alias(stored, `ss_${i + 1}`),
        alias(await hx`arrayMap((s, p) -> if(s > 0, p, toInt64(0)), ${ref(`ss_${i + 1}`)}, pvp)`, `bp_${i + 1}`),
        alias(await hx`arrayExists((s, l) -> s > 0 AND s != l, rs, prs)`, `has_${i + 1}`),
        ...(await state(spec, i + 1)),
      );
      outputs.push(`has_${i + 1}`, `ss_${i + 1}`, `bp_${i + 1}`);
    }
    query = select({ select: items, from: query });
  }
  return { query, outputs };
}

/** Level 1: every step-0 event starts a conversion, except one at the same instant as the step-0 event before it. */
async function firstLevel(): Promise<HExpr[]> {
  const previousStart = await shiftRight(await fillForward(await hx`arrayMap((g, t) -> if(g = 1, t, toFloat64(0)), g_1, T)`), await hx`toFloat64(0)`);
  return [
    alias(await hx`arrayMap((g, t, l) -> if(g = 1 AND t != l, t, toFloat64(0)), g_1, T, ${previousStart})`, 'ss_1'),
    alias(await hx`arrayMap(s -> toInt64(0), ss_1)`, 'bp_1'),
    alias(await hx`arrayExists(g -> g = 1, g_1)`, 'has_1'),
  ];
}

/**
 * `rs`: per position, the start of state i one position earlier when this event takes level i+1 within its window
 * (else 0); `prs` the start of the previous such candidate (a candidate with the same start is not a new one).
 */
async function candidates(spec: FunnelSpec, i: number): Promise<HExpr[]> {
  const window = spec.windowSeconds;
  return [
    alias(await hx`arrayMap((g, t, p) -> if(g = 1 AND p > 0 AND t - p <= ${window}, p, toFloat64(0)), ${ref(`g_${i + 1}`)}, T, pvs)`, 'rs'),
    alias(await shiftRight(await fillForward(ref('rs')), await hx`toFloat64(0)`), 'prs'),
  ];
}

/** State i after each event (`sf_i`, `pf_i`): the last stored conversion (ordered), cleared when broken (strict). */
async function state(spec: FunnelSpec, i: number): Promise<HExpr[]> {
  if (spec.order === 'strict') return strictState(spec, i);
  return [
    alias(await fillForward(ref(`ss_${i}`)), `sf_${i}`),
    alias(await fillForward(await hx`arrayMap((s, j) -> if(s > 0, toInt64(j), toInt64(0)), ${ref(`ss_${i}`)}, idx)`), `pf_${i}`),
  ];
}
