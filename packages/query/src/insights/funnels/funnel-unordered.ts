import { hCall, hConstant, hOr, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import type { SeriesNode } from '../series.js';
import { fillBackward, mapOver, passThrough, shiftRight } from './funnel-arrays.js';
import { alias, array, hx, ref, select } from './funnel-hogql.js';
import { anyExclusion, stepBit } from './funnel-key.js';
import type { FunnelLayout } from './funnel-layout.js';
import type { FunnelSpec } from './funnels-spec.js';

/** Groups of steps larger than this are bounded by their single steps and their whole set only. */
const MAX_EXACT_GROUP = 6;

/**
 * Unordered funnels. Every event that may start a conversion opens a window of the conversion window from its time;
 * the steps completed in it are the most steps its events can take, one event per step — a maximum matching, by
 * König's formula over the groups of steps whose events may coincide. A window holding an exclusion event does not
 * count. The actor's conversion is the earliest window with the most steps; its step times are the first event of
 * each step in it, in time order.
 *
 * Window contents come from one sort: the event times merged with every event's window end; a cumulative count
 * over the merged list read at the window ends gives, per window, the events up to its end (no per-window scan).
 * Emits, with `carry`, `lstar`, `counted`, `best` (the window's start position) and `ft` (its step times).
 * @example await unorderedStages(spec, layout, base, carry) // SELECT …, lstar, best, counted, ft FROM (SELECT … u …)
 */
export async function unorderedStages(spec: FunnelSpec, layout: FunnelLayout, base: HSelectQuery, carry: string[]): Promise<HSelectQuery> {
  const window = spec.windowSeconds;
  const merged = select({
    select: [...passThrough(carry), alias(await hx`arraySort(arrayConcat(arrayMap((t, c) -> tuple(t, toUInt8(0), c), T, cd), arrayMap(t -> tuple(t + ${window}, toUInt8(1), toUInt64(0)), T)))`, 'u')],
    from: base,
  });
  const counts = select({ select: [...passThrough(carry), ...(await windowColumns(spec, layout))], from: merged });
  return select({ select: [...passThrough(carry), ...(await conversionColumns(spec, layout))], from: counts });
}

/** `lv`: per event position, the steps its window completes (0 when it may not start one or holds an exclusion). */
async function windowColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[]> {
  const steps = layout.steps;
  const items: HExpr[] = [];
  const groups = matchingGroups(spec.steps);
  const subsets = groups.flat();
  const matches = (subset: number[]) => async (key: HExpr) => hOr(await Promise.all(subset.map((k) => stepBit(layout.coding, key, k))));
  const counted = [...subsets.map(matches), ...(spec.exclusions.length > 0 ? [(key: HExpr) => anyExclusion(key, spec.exclusions.map((_, e) => e))] : [])];
  for (const [i, predicate] of counted.entries()) items.push(alias(await windowCount(predicate), `e_${i}`));
  const names = counted.map((_, i) => `c${i}`);
  let deficiency: HExpr = hConstant(0);
  let offset = 0;
  for (const group of groups) {
    const terms: HExpr[] = [hConstant(0)];
    group.forEach((subset, j) => terms.push(hCall('minus', hConstant(subset.length), ref(names[offset + j]))));
    offset += group.length;
    deficiency = hCall('plus', deficiency, hCall('greatest', ...terms));
  }
  let body: HExpr = hCall('minus', hConstant(steps), deficiency);
  if (spec.exclusions.length > 0) body = hCall('if', hCall('greater', ref(names[names.length - 1]), hConstant(0)), hConstant(0), body);
  body = hCall('if', hCall('equals', ref('a'), hConstant(1)), body, hConstant(0));
  items.push(alias(mapOver(['a', ...names], [ref('sf'), ...counted.map((_, i) => ref(`e_${i}`))], body), 'lv'));
  return items;
}

/** The earliest window with the most steps (`best`, 0 for none) and its step times `ft`. */
async function conversionColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[]> {
  const window = spec.windowSeconds;
  const items: HExpr[] = [];
  items.push(
    alias(await hx`arrayMax(lv)`, 'lstar'),
    alias(await hx`arrayFirstIndex(l -> l > 0 AND l = lstar, lv)`, 'best'),
    alias(await hx`best > 0`, 'counted'),
  );
  const firsts: HExpr[] = [];
  for (let k = 0; k < layout.steps; k++) {
    items.push(alias(await fillBackward(await hx`arrayMap((f, t) -> if(f = 1, t, toFloat64(0)), ${ref(`f_${k}`)}, T)`), `nt_${k}`));
    firsts.push(await hx`if(${ref(`nt_${k}`)}[best] > 0, if(${ref(`nt_${k}`)}[best] <= T[best] + ${window}, ${ref(`nt_${k}`)}[best], toFloat64(0)), toFloat64(0))`);
  }
  items.push(alias(await hx`arraySort(arrayFilter(v -> v > 0, ${array(firsts)}))`, 'ft'));
  return items;
}

/**
 * The outcome columns (see outcomeColumns in funnel-conversion.ts) of an unordered conversion: step k is "completed
 * k + 1 steps", timed from the step before in `ft`. @example await unorderedOutcome(spec, layout) // [reached, times]
 */
export async function unorderedOutcome(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[]> {
  const reached: HExpr[] = [];
  const times: HExpr[] = [await hx`toFloat64(0)`];
  for (let k = 0; k < layout.steps; k++) reached.push(await hx`if(counted, if(lstar > ${k}, 1, 0), 0)`);
  for (let k = 1; k < layout.steps; k++) times.push(await hx`if(${reached[k]} = 1, ft[${k + 1}] - ft[${k}], toFloat64(0))`);
  const items = [alias(array(reached), 'reached'), alias(array(times), 'times')];
  if (spec.viz === 'time_to_convert') {
    items.push(alias(await hx`if(${reached[spec.toStep]} = 1, ft[${spec.toStep + 1}] - ft[${spec.fromStep + 1}], toFloat64(0))`, 'ttc'));
  }
  if (layout.hasHold) items.push(alias(await hx`tuple(counted, lstar, -T[best], T[best])`, 'r_rank'));
  return items;
}

/**
 * Per event position, how many events from it to the end of its window match: the merged
 * cumulative count at the window's end minus the count before the position.
 */
async function windowCount(has: (key: HExpr) => Promise<HExpr>): Promise<HExpr> {
  const merged = await hx`arrayCumSum(arrayMap(x -> if(tupleElement(x, 2) = 0 AND ${await has(await hx`tupleElement(x, 3)`)}, 1, 0), u))`;
  const atEnds = await hx`arrayFilter((v, x) -> tupleElement(x, 2) = 1, ${merged}, u)`;
  const before = await shiftRight(await hx`arrayCumSum(arrayMap(c -> if(${await has(ref('c'))}, 1, 0), cd))`, await hx`toInt64(0)`);
  return hx`arrayMap((e, b) -> toInt64(e) - toInt64(b), ${atEnds}, ${before})`;
}

/**
 * The step subsets König's formula needs, per group of steps whose events may coincide (two EventsNodes of different
 * events never do): every non-empty subset of the group, up to MAX_EXACT_GROUP steps.
 * @example matchingGroups([pageview, pageview, signup]) // => [[[0], [1], [0, 1]], [[2]]]
 */
export function matchingGroups(steps: SeriesNode[]): number[][][] {
  const groups: number[][] = [];
  steps.forEach((_, k) => {
    const joined = groups.filter((g) => g.some((other) => mayCoincide(steps[k], steps[other])));
    const merged = [...joined.flat(), k].sort((a, b) => a - b);
    groups.splice(0, groups.length, ...groups.filter((g) => !joined.includes(g)), merged);
  });
  groups.sort((a, b) => a[0] - b[0]);
  return groups.map((group) => {
    if (group.length > MAX_EXACT_GROUP) return [...group.map((k) => [k]), group];
    const subsets: number[][] = [];
    for (let bits = 1; bits < 1 << group.length; bits++) subsets.push(group.filter((_, i) => bits & (1 << i)));
    return subsets;
  });
}

function mayCoincide(a: SeriesNode, b: SeriesNode): boolean {
  return !(a.kind === 'EventsNode' && b.kind === 'EventsNode' && a.event && b.event && a.event !== b.event);
}
