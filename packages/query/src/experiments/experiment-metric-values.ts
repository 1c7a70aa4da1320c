import { hCall, hConstant, type HExpr } from '../hogql/hogql-ast.js';
import { alias, hx, ref } from '../insights/funnels/funnel-hogql.js';
import type { ElementLayout } from './experiment-person-rows.js';
import type { ExperimentSpec, MetricSource } from './experiment-spec.js';

/*
 * Per-person metric values, read from a person's sorted event tuples `evs` (experiment-person-rows.ts) between `lo`
 * (inclusive) and `hi` (exclusive), both in milliseconds. Every expression only maps and filters the person's own
 * array with scalar bounds captured, so the cost grows with the events read.
 */

/**
 * A mean or ratio source's value for one person: how many events (`total`), whether any (`dau`), distinct sessions,
 * or the sum, average, minimum or maximum of the property (0 when the person has no such event).
 * @example await sourceValue(spec.sources[0], 2, layout, ref('exposed_at'), ref('hi')) // length(arrayFilter(e -> …, evs))
 */
export async function sourceValue(source: MetricSource, k: number, layout: ElementLayout, lo: HExpr, hi: HExpr): Promise<HExpr> {
  const flag = layout.flags[k];
  const events = await hx`arrayFilter(e -> tupleElement(e, 1) >= ${lo} AND tupleElement(e, 1) < ${hi} AND tupleElement(e, ${flag}) = 1, evs)`;
  switch (source.math) {
    case 'total':
      return hx`toFloat64(length(${events}))`;
    case 'dau':
      return hx`toFloat64(notEmpty(${events}))`;
    case 'unique_session':
      return hx`toFloat64(arrayUniq(arrayFilter(s -> s != '', arrayMap(e -> tupleElement(e, ${layout.session as number}), ${events}))))`;
    default: {
      const values = await hx`arrayMap(x -> assumeNotNull(x), arrayFilter(x -> isNotNull(x), arrayMap(e -> tupleElement(e, ${layout.values[k] as number}), ${events})))`;
      const reduce = { sum: 'arraySum', avg: 'arrayAvg', min: 'arrayMin', max: 'arrayMax' }[source.math];
      return hx`if(empty(${values}), toFloat64(0), toFloat64(${hCall(reduce, values)}))`;
    }
  }
}

/** `w`: the person's metric events in [lo, hi), for funnels. @example await windowEvents(ref('exposed_at'), ref('hi')) */
export async function windowEvents(lo: HExpr, hi: HExpr): Promise<HExpr> {
  return alias(await hx`arrayFilter(e -> tupleElement(e, 1) >= ${lo} AND tupleElement(e, 1) < ${hi}, evs)`, 'w');
}

/**
 * The layers of an ordered funnel over `w`: `p_1` the position of the first step-1 event, then `p_j` the first
 * step-j event after `p_{j-1}` (0 once a step is missing) — the furthest step any order-respecting chain reaches,
 * since taking the earliest event for each step never blocks a later one. One layer per step: each reads the
 * previous position as a column.
 * @example await orderedPositions(spec, layout) // [[p_1], [p_2], [p_3]]
 */
export async function orderedPositions(spec: ExperimentSpec, layout: ElementLayout): Promise<HExpr[][]> {
  const layers: HExpr[][] = [[alias(await hx`arrayFirstIndex(e -> tupleElement(e, ${layout.flags[0]}) = 1, w)`, 'p_1')]];
  for (let j = 2; j <= spec.sources.length; j++) {
    const previous = ref(`p_${j - 1}`);
    const next = await hx`arrayFirstIndex((e, i) -> i > ${previous} AND tupleElement(e, ${layout.flags[j - 1]}) = 1, w, arrayEnumerate(w))`;
    layers.push([alias(await hx`if(${previous} = 0, 0, ${next})`, `p_${j}`)]);
  }
  return layers;
}

/**
 * The 0/1 reached flags `r_1 … r_n` of a funnel: ordered funnels read the positions; unordered ones count the
 * distinct steps with an event in the window (PostHog's "completed n steps").
 * @example await reachedFlags(spec, layout) // [if(p_1 > 0, 1, 0) AS r_1, …]
 */
export async function reachedFlags(spec: ExperimentSpec, layout: ElementLayout): Promise<HExpr[]> {
  const n = spec.sources.length;
  const flags: HExpr[] = [];
  if (spec.order === 'ordered') {
    for (let j = 1; j <= n; j++) flags.push(alias(await hx`toFloat64(if(${ref(`p_${j}`)} > 0, 1, 0))`, `r_${j}`));
    return flags;
  }
  const present: HExpr[] = [];
  for (let j = 1; j <= n; j++) present.push(await hx`arrayExists(e -> tupleElement(e, ${layout.flags[j - 1]}) = 1, w)`);
  const completed = present.reduce((sum, p) => ({ node: 'ArithmeticOperation', op: '+', left: sum, right: p }) as HExpr, hConstant(0) as HExpr);
  for (let j = 1; j <= n; j++) flags.push(alias(await hx`toFloat64(if(${completed} >= ${j}, 1, 0))`, `r_${j}`));
  return flags;
}
