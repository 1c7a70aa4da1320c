import type { HExpr, HSelectQuery } from '../../hogql/hogql-ast.js';
import { fillForward, passThrough, shiftRight } from './funnel-arrays.js';
import { exclusionMarks } from './funnel-exclusions.js';
import { alias, hx, ref, select } from './funnel-hogql.js';
import { firstStart, firstStartLayer } from './funnel-conversion.js';
import { hasColumn, taintedLevels, type FunnelLayout } from './funnel-layout.js';
import { strictState } from './funnel-strict.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * Ordered and strict funnels as PostHog's funnel UDF runs them, computed for all of an actor's events at once.
 *
 * The UDF walks the events keeping, per level i, the conversion that reached it with the latest start ("state i"):
 * an event taking level i+1 extends state i when it is within the window of state i's start, unless the previous such
 * extension had the same start (the first way a start reaches a level is kept). Here state i after each event is
 * `sf_i`, its start time (0: no state), and level i+1 is derived from it one position earlier: candidates (`rs`)
 * where the event takes level i+1, kept when their start differs from the previous candidate's; the kept ones are
 * stored (`ss_<i+1>`: their start at their position) and filled forward. Strict funnels clear a state at any event
 * that neither takes its level nor is one of the optional steps after it (funnel-strict.ts). Exclusions mark states
 * and make their extensions tainted (funnel-exclusions.ts): tainted extensions count for how far the actor got
 * (`has_<i>`) but are never stored. Marks of the last level change nothing: the counted conversion there is the
 * first stored one whatever comes after it.
 *
 * A start reaches a level at most once: stored starts only grow along the events, so the conversion counted is found
 * back from its start alone (funnel-conversion.ts), and no positions are kept. Where no mark and no strict clearing
 * touch a level (levelIsRaw), its candidates are its stored conversions as far as anyone reads them — the first
 * position holding a start is where it was stored, and filling the candidates forward gives the state — so `ss_i` is
 * the candidates themselves and the dedup is left out.
 *
 * Each level is its own SELECT (layer 0 builds level 1; layer i builds level i+1 from state i and marks level i), so
 * no column's expression grows with the number of steps; it passes on `carry` without the columns no later layer
 * reads (g_i, k_i, xl_c once used). Outputs: `ss_i` per level; `has_i` where it cannot be read from `ss_i`
 * (hasColumn); and `a_i` (firstStart) from the layer whose columns it reads. `pending`: the `a_i` left to compute
 * after the levels.
 * @example await levelStages(spec, layout, base, ['aggregation_target', 'bd_value', 'T', 'g_1', 'g_2']) // { query: SELECT … FROM (SELECT … FROM (…)), outputs: ['ss_1', 'a_1', 'ss_2'], pending: [a_2] }
 */
export async function levelStages(spec: FunnelSpec, layout: FunnelLayout, base: HSelectQuery, carry: string[]): Promise<{ query: HSelectQuery; outputs: string[]; pending: HExpr[] }> {
  const levels = layout.mandatory.length;
  const tainted = new Set(taintedLevels(layout));
  const outputs: string[] = [];
  const passing = (layer: number) => passThrough([...carry.filter((name) => lastLayerOf(name) >= layer), ...outputs]);
  const first: HExpr[] = [...passing(0), ...(await firstLevel(spec, layout))];
  outputs.push('ss_1', ...(hasColumn(layout, 1) ? ['has_1'] : []));
  if (levels > 1) first.push(await state(spec, 1));
  let query = select({ select: first, from: base });
  for (let i = 1; i < levels; i++) {
    const items: HExpr[] = passing(i);
    for (let l = 1; l <= levels; l++) {
      if (firstStartLayer(layout, l) !== i) continue;
      items.push(await firstStart(spec, layout, l));
      outputs.push(`a_${l}`);
    }
    items.push(alias(await shiftRight(ref(`sf_${i}`), await hx`toFloat64(0)`), 'pvs'));
    const candidates = await hx`arrayMap((g, t, p) -> if(g AND p > 0 AND t - p <= ${spec.windowSeconds}, p, toFloat64(0)), ${ref(`g_${i + 1}`)}, T, pvs)`;
    if (levelIsRaw(spec, layout, i + 1)) {
      items.push(alias(candidates, `ss_${i + 1}`));
    } else {
      items.push(alias(candidates, 'rs'), alias(await shiftRight(await fillForward(ref('rs')), await hx`toFloat64(0)`), 'prs'));
      // rm_i is read (by a_i) in the next SELECT only: it is not passed on.
      if (tainted.has(i)) items.push(...(await exclusionMarks(spec, i)));
      // A new start for level i+1 is stored unless it extends a marked state (then it only counts in has).
      const stored = tainted.has(i)
        ? await hx`arrayMap((s, l, a) -> if(s > 0 AND s != l AND NOT a, s, toFloat64(0)), rs, prs, tadv)`
        : await hx`arrayMap((s, l) -> if(s > 0 AND s != l, s, toFloat64(0)), rs, prs)`;
      items.push(alias(stored, `ss_${i + 1}`));
    }
    outputs.push(`ss_${i + 1}`);
    if (hasColumn(layout, i + 1)) {
      // The first candidate is always kept: the level was reached when any candidate exists, tainted or not.
      items.push(alias(await hx`arrayMax(rs) > 0`, `has_${i + 1}`));
      outputs.push(`has_${i + 1}`);
    }
    if (i + 1 < levels) items.push(await state(spec, i + 1));
    query = select({ select: items, from: query });
  }
  const placed = new Set(outputs);
  const pending: HExpr[] = [];
  for (let l = 1; l <= levels; l++) if (!placed.has(`a_${l}`)) pending.push(await firstStart(spec, layout, l));
  return { query, outputs, pending };
}

/**
 * Whether level i's candidates may stand for its stored conversions: no mark reads its dedup (no marks at level i
 * below the last, none at the level before it) and, above level 1, no strict clearing can let a start come back
 * after its state was cleared.
 * @example levelIsRaw(spec, layout, 2) // => true for an ordered funnel without exclusions
 */
function levelIsRaw(spec: FunnelSpec, layout: FunnelLayout, i: number): boolean {
  const tainted = taintedLevels(layout);
  if ((tainted.includes(i) && i < layout.mandatory.length) || tainted.includes(i - 1)) return false;
  return i === 1 || spec.order === 'ordered';
}

/** The columns of the base read after the level stages (the times, the optional steps' arrays). @example readAfterLevels(['T', 'g_1']) // => ['T'] */
export function readAfterLevels(names: string[]): string[] {
  return names.filter((name) => lastLayerOf(name) === Infinity);
}

/**
 * The last layer reading a column of the base: g_i and k_i build level i (in layer i - 1), xl_c marks level c (in
 * layer c); the rest is read after the levels.
 */
function lastLayerOf(name: string): number {
  const match = /^(g|k|xl)_(\d+)$/.exec(name);
  if (!match) return Infinity;
  return match[1] === 'xl' ? Number(match[2]) : Number(match[2]) - 1;
}

/**
 * Level 1: every step-0 event starts a conversion. One at the same instant as the step-0 event before it is not a new
 * one; only a mark tells the two apart (levelIsRaw), so the dedup is written out only then.
 */
async function firstLevel(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[]> {
  const starts = await hx`arrayMap((g, t) -> if(g, t, toFloat64(0)), g_1, T)`;
  const items: HExpr[] = [];
  if (!levelIsRaw(spec, layout, 1)) {
    const previousStart = await shiftRight(await fillForward(starts), await hx`toFloat64(0)`);
    items.push(alias(await hx`arrayMap((g, t, l) -> if(g AND t != l, t, toFloat64(0)), g_1, T, ${previousStart})`, 'ss_1'));
  } else {
    items.push(alias(starts, 'ss_1'));
  }
  if (hasColumn(layout, 1)) items.push(alias(await hx`arrayExists(g -> g = 1, g_1)`, 'has_1'));
  return items;
}

/** State i after each event (`sf_i`): the last stored conversion (ordered), cleared when broken (strict). */
async function state(spec: FunnelSpec, i: number): Promise<HExpr> {
  if (spec.order === 'strict') return strictState(spec, i);
  return alias(await fillForward(ref(`ss_${i}`)), `sf_${i}`);
}
