import { hCall, hConstant, type HExpr } from '../../hogql/hogql-ast.js';
import { fillBackward, greatestOf, shiftLeft } from './funnel-arrays.js';
import { alias, array, hx, ref, tuple } from './funnel-hogql.js';
import { gapSteps, taintedLevels, type FunnelLayout } from './funnel-layout.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * The conversion an actor is counted by, from the level stages (funnel-levels.ts): `lstar`, the furthest level any
 * conversion reached (tainted ones included), and `chosen`, the position of the level-`lstar` event of the
 * conversion PostHog's funnel UDF ends up keeping there — the first untainted one to reach `lstar` that no later
 * exclusion mark within its window hits (at the last level, the first to complete the funnel: the UDF stops there).
 * `chosen` is 0 when there is none; the actor is then not counted (excluded, or without a step-0 event).
 * One layer (a SELECT, see funnel-rows.ts): `chosen` reads the small `lstar` and `nm_i` as aliases of the same SELECT;
 * every SELECT more costs ClickHouse analysis and planning for each column passed through it.
 * @example await chosenColumns(spec, layout) // [[lstar, nm_1, …, chosen]]
 */
export async function chosenColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[][]> {
  const levels = layout.mandatory.length;
  const marked = new Set(taintedLevels(layout));
  const items: HExpr[] = [];
  const lstar: HExpr[] = [];
  for (let i = levels; i >= 1; i--) lstar.push(ref(`has_${i}`), hConstant(i));
  items.push(alias(hCall('multiIf', ...lstar, hConstant(0)), 'lstar'));
  const picks: HExpr[] = [];
  for (let i = levels; i >= 1; i--) {
    let pick: HExpr;
    if (i < levels && marked.has(i)) {
      items.push(alias(await shiftLeft(await fillBackward(await hx`arrayMap((r, t) -> if(r > 0, t, toFloat64(0)), ${ref(`rm_${i}`)}, T)`), await hx`toFloat64(0)`), `nm_${i}`));
      pick = await hx`arrayFirstIndex((s, m) -> s > 0 AND NOT (m > 0 AND m <= s + ${spec.windowSeconds}), ${ref(`ss_${i}`)}, ${ref(`nm_${i}`)})`;
    } else {
      pick = await hx`arrayFirstIndex(s -> s > 0, ${ref(`ss_${i}`)})`;
    }
    picks.push(await hx`lstar = ${i}`, pick);
  }
  return [[...items, alias(await hx`toInt64(${hCall('multiIf', ...picks, hConstant(0))})`, 'chosen')]];
}

/**
 * What the chosen conversion took: `start`, `q_l` the position of the event taking level l, and for each optional step o
 * whether the conversion took it (`d_o`: an event of o between the levels around it — or, past the last level
 * reached, within the window; strict funnels only until the first event that would break the conversion) and
 * where (`op_o`). Returned as layers: `counted`, `start` and every `q_l` in one (each `q_l` reads `q_{l+1}` as an
 * alias, which ClickHouse copies into it: a few small nodes per step, far cheaper than a SELECT per step), then the
 * optional steps' layers.
 * @example await takenColumns(spec, layout) // [[counted, start, q_3, q_2, q_1], [last_in], [d_2 …], [op_2 …]]
 */
export async function takenColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[][]> {
  const levels = layout.mandatory.length;
  const starts: HExpr[] = [];
  for (let l = levels; l >= 1; l--) starts.push(await hx`lstar = ${l}`, await hx`${ref(`ss_${l}`)}[chosen]`);
  const layers: HExpr[][] = [[alias(await hx`chosen > 0`, 'counted'), alias(hCall('multiIf', ...starts, await hx`toFloat64(0)`), 'start')]];
  // Back from the chosen event: each level's event is the one the next level's stored conversion extended.
  layers[0].push(alias(await hx`if(lstar = ${levels}, chosen, toInt64(0))`, `q_${levels}`));
  for (let l = levels - 1; l >= 1; l--) layers[0].push(alias(await hx`if(lstar = ${l}, chosen, ${ref(`bp_${l + 1}`)}[${ref(`q_${l + 1}`)}])`, `q_${l}`));
  const optional = spec.optional.flatMap((o, k) => (o ? [k] : []));
  if (optional.length === 0) return layers;
  layers.push([alias(await hx`toInt64(arrayCount(t -> t <= start + ${spec.windowSeconds}, T))`, 'last_in')]);
  const taken: HExpr[] = [];
  const positions: HExpr[] = [];
  for (const o of optional) {
    const g = layout.gap[o];
    const before = ref(`q_${g}`);
    const open = spec.order === 'strict' ? await hx`if(${ref(`nb_${g}`)}[${before} + 1] > 0, toInt64(${ref(`nb_${g}`)}[${before} + 1]), toInt64(length(T) + 1))` : await hx`toInt64(length(T) + 1)`;
    const upper = g < levels ? await hx`if(lstar > ${g}, ${ref(`q_${g + 1}`)}, ${open})` : open;
    const count = await hx`${ref(`cs_${o}`)}[least(${upper}, last_in + 1) - 1] - ${ref(`cs_${o}`)}[${before}]`;
    taken.push(alias(await hx`if(counted, if(lstar >= ${g}, ${count} > 0, toUInt8(0)), toUInt8(0))`, `d_${o}`));
    positions.push(alias(await hx`if(${ref(`d_${o}`)}, toInt64(${ref(`nx_${o}`)}[${before} + 1]), toInt64(0))`, `op_${o}`));
  }
  return [...layers, taken, positions];
}

/**
 * `r_out` = (counted, reached per step, seconds from the previous step per step, seconds from funnelFromStep to
 * funnelToStep) and `r_rank`, by which held-property partitions of one actor compare (furthest level, then the
 * earliest to get there, then the latest start). A mandatory step's time runs from the later of the previous
 * mandatory step and the optional steps taken between; an optional step's from the mandatory step before it.
 * One layer: the reached flags (`rc_k`), and `r_out` and `r_rank` reading them as aliases.
 * Conditions over columns are written `if(a, b, 0)`, not `a AND b`: ClickHouse's and-compare-chain rewrite costs
 * ~100 ms of analysis per such AND on these deep subqueries (funnel-steps.ts and the charts do the same).
 * @example await outcomeColumns(spec, layout) // [[rc_0, …, r_out, r_rank]]
 */
export async function outcomeColumns(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr[][]> {
  const flags: HExpr[] = [];
  const reached: HExpr[] = [];
  const times: HExpr[] = [];
  const position = (k: number): HExpr => (spec.optional[k] ? ref(`op_${k}`) : ref(`q_${layout.mandatory.indexOf(k) + 1}`));
  for (let k = 0; k < layout.steps; k++) {
    const j = layout.mandatory.indexOf(k);
    flags.push(alias(j >= 0 ? await hx`if(counted, if(lstar > ${j}, 1, 0), 0)` : await hx`if(${ref(`d_${k}`)}, 1, 0)`, `rc_${k}`));
    reached.push(ref(`rc_${k}`));
    if (k === 0) {
      times.push(await hx`toFloat64(0)`);
      continue;
    }
    const previous = j >= 0 ? [ref(`q_${j}`), ...gapSteps(spec, layout, j).map((o) => ref(`op_${o}`))] : [ref(`q_${layout.gap[k]}`)];
    times.push(await hx`if(${reached[k]} = 1, T[${position(k)}] - T[${greatestOf(previous)}], toFloat64(0))`);
  }
  const ttc = await hx`if(${reached[spec.toStep]} = 1, T[${position(spec.toStep)}] - T[${position(spec.fromStep)}], toFloat64(0))`;
  const last = await hx`T[${hCall('multiIf', ...layout.mandatory.flatMap((_, j) => [hCall('equals', ref('lstar'), hConstant(j + 1)), ref(`q_${j + 1}`)]), hConstant(0))}]`;
  return [[...flags, alias(tuple([ref('counted'), array(reached), array(times), ttc]), 'r_out'), alias(await hx`tuple(counted, lstar, -${last}, start)`, 'r_rank')]];
}
