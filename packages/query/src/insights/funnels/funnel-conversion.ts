import { hCall, hConstant, type HExpr } from '../../hogql/hogql-ast.js';
import { fillBackward, greatestOf, shiftLeft } from './funnel-arrays.js';
import { alias, array, hx, ref } from './funnel-hogql.js';
import { gapSteps, hasColumn, taintedLevels, type FunnelLayout } from './funnel-layout.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * `a_i`: the start of the conversion PostHog's funnel UDF ends up keeping at level i — the first stored one (at the
 * last level, the first to complete the funnel: the UDF stops there), below the last level for a tainted level the
 * first no later exclusion mark within its window hits; 0 when there is none. Stored starts only grow along the
 * events, so the first stored start is the first one above 0. Reads `ss_i` (and `rm_i`, `T`) as columns: the level
 * stages compute it in layer firstStartLayer(layout, i).
 * @example await firstStart(spec, layout, 2) // arrayFirst(s -> s > 0, ss_2) AS a_2
 */
export async function firstStart(spec: FunnelSpec, layout: FunnelLayout, i: number): Promise<HExpr> {
  if (i < layout.mandatory.length && taintedLevels(layout).includes(i)) {
    // Per position, the time of the next new mark after it (0: none).
    const nextMark = await shiftLeft(await fillBackward(await hx`arrayMap((r, t) -> if(r > 0, t, toFloat64(0)), ${ref(`rm_${i}`)}, T)`), await hx`toFloat64(0)`);
    return alias(await hx`arrayFirst((s, m) -> s > 0 AND NOT (m > 0 AND m <= s + ${spec.windowSeconds}), ${ref(`ss_${i}`)}, ${nextMark})`, `a_${i}`);
  }
  return alias(await hx`arrayFirst(s -> s > 0, ${ref(`ss_${i}`)})`, `a_${i}`);
}

/**
 * The level layer (funnel-levels.ts) where `a_i`'s inputs are columns: the one after level i's marks for a tainted
 * level below the last (they come with level i+1), else the one after level i's. @example firstStartLayer(layout, 2) // => 2
 */
export function firstStartLayer(layout: FunnelLayout, i: number): number {
  return i < layout.mandatory.length && taintedLevels(layout).includes(i) ? i + 1 : i;
}

/**
 * The conversion an actor is counted by: `lstar`, the furthest level any conversion reached (tainted ones included),
 * and `start`, the start of the conversion counted there; 0 when there is none (the actor is not counted: excluded,
 * or without a step-0 event). Reaching a level means reaching every level before it, so the furthest is how many
 * were reached. One layer, after the levels, with the `a_i` the level stages left to it (`pending`, read as aliases).
 * @example await chosenColumns(spec, layout, [a_3]) // [a_3, arrayCount(x -> x > 0, [a_1, a_2, a_3]) AS lstar, [a_1, a_2, a_3][lstar] AS start]
 */
export async function chosenColumns(layout: FunnelLayout, pending: HExpr[]): Promise<HExpr[]> {
  const levels = layout.mandatory.map((_, j) => j + 1);
  const reached = levels.map((i) => ref(hasColumn(layout, i) ? `has_${i}` : `a_${i}`));
  return [
    ...pending,
    alias(await hx`arrayCount(x -> x > 0, ${array(reached)})`, 'lstar'),
    alias(await hx`${array(levels.map((i) => ref(`a_${i}`)))}[lstar]`, 'start'),
  ];
}

/**
 * What the chosen conversion took: `counted`, `q_l` the position of the event taking level l (where its start was
 * stored at level l: a start reaches a level at most once), and for each optional step o whether the conversion
 * took it (`d_o`: an event of o between the levels around it — or, past the last level reached, within the window;
 * strict funnels only until the first event that would break the conversion) and where (`op_o`). Returned as
 * layers: `counted` and every `q_l` in one, then the optional steps' layers. The positions of an actor not counted
 * mean nothing: every use of them is under `counted`.
 * @example await takenColumns(spec, layout) // [[counted, q_3, q_2, q_1], [last_in], [d_2 …], [op_2 …]]
 */
export async function takenColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[][]> {
  const levels = layout.mandatory.length;
  const optional = spec.optional.flatMap((o, k) => (o ? [k] : []));
  const positions: HExpr[] = [alias(await hx`start > 0`, 'counted')];
  for (let l = levels; l >= 1; l--) {
    // Optional steps compare positions with Int64 bounds.
    const at = await hx`indexOf(${ref(`ss_${l}`)}, start)`;
    positions.push(alias(optional.length > 0 ? hCall('toInt64', at) : at, `q_${l}`));
  }
  const layers: HExpr[][] = [positions];
  if (optional.length === 0) return layers;
  layers.push([alias(await hx`toInt64(arrayCount(t -> t <= start + ${spec.windowSeconds}, T))`, 'last_in')]);
  const taken: HExpr[] = [];
  const optionalPositions: HExpr[] = [];
  for (const o of optional) {
    const g = layout.gap[o];
    const before = ref(`q_${g}`);
    const open = spec.order === 'strict' ? await hx`if(${ref(`nb_${g}`)}[${before} + 1] > 0, toInt64(${ref(`nb_${g}`)}[${before} + 1]), toInt64(length(T) + 1))` : await hx`toInt64(length(T) + 1)`;
    const upper = g < levels ? await hx`if(lstar > ${g}, ${ref(`q_${g + 1}`)}, ${open})` : open;
    const count = await hx`${ref(`cs_${o}`)}[least(${upper}, last_in + 1) - 1] - ${ref(`cs_${o}`)}[${before}]`;
    taken.push(alias(await hx`if(counted, if(lstar >= ${g}, ${count} > 0, toUInt8(0)), toUInt8(0))`, `d_${o}`));
    optionalPositions.push(alias(await hx`if(${ref(`d_${o}`)}, toInt64(${ref(`nx_${o}`)}[${before} + 1]), toInt64(0))`, `op_${o}`));
  }
  return [...layers, taken, optionalPositions];
}

/**
 * The conversion's outcome, as the columns every chart reads: `reached` (0/1 per step), `times` (seconds from the
 * previous step per step: 0 for step 0, at most 0 for a step not reached, whose position 0 reads as time 0), `ttc`
 * (seconds from funnelFromStep to funnelToStep, for the time-to-convert chart, meaningful where funnelToStep was
 * reached) and, with held properties, `r_rank`, by which held-property partitions of one actor compare (counted,
 * furthest level, then the earliest to get there, then the latest start). A mandatory step's time runs from the later
 * of the previous mandatory step and the optional steps taken between; an optional step's from the mandatory step
 * before it. Only rows with `counted` are read, so the outcome of the others is left as it comes.
 * @example await outcomeColumns(spec, layout) // [[lstar > 0, lstar > 1, …] AS reached, [0, T[q_2] - start, …] AS times]
 */
export async function outcomeColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[]> {
  const reached: HExpr[] = [];
  const times: HExpr[] = [await hx`toFloat64(0)`];
  const position = (k: number): HExpr => (spec.optional[k] ? ref(`op_${k}`) : ref(`q_${layout.mandatory.indexOf(k) + 1}`));
  // Step 0's event is the conversion's start.
  const timeOf = async (k: number): Promise<HExpr> => (k === 0 ? ref('start') : hx`T[${position(k)}]`);
  for (let k = 0; k < layout.steps; k++) {
    const j = layout.mandatory.indexOf(k);
    reached.push(j >= 0 ? await hx`lstar > ${j}` : ref(`d_${k}`));
    if (k === 0) continue;
    const previous = j >= 0 ? [ref(`q_${j}`), ...gapSteps(spec, layout, j).map((o) => ref(`op_${o}`))] : [ref(`q_${layout.gap[k]}`)];
    const from = previous.length === 1 && j === 1 ? ref('start') : await hx`T[${greatestOf(previous)}]`;
    times.push(await hx`${await timeOf(k)} - ${from}`);
  }
  const items = [alias(array(reached), 'reached'), alias(array(times), 'times')];
  if (spec.viz === 'time_to_convert') items.push(alias(await hx`${await timeOf(spec.toStep)} - ${await timeOf(spec.fromStep)}`, 'ttc'));
  if (layout.hasHold) {
    const last = await hx`T[${hCall('multiIf', ...layout.mandatory.flatMap((_, j) => [hCall('equals', ref('lstar'), hConstant(j + 1)), ref(`q_${j + 1}`)]), hConstant(0))}]`;
    items.push(alias(await hx`tuple(counted, lstar, -${last}, start)`, 'r_rank'));
  }
  return items;
}
