import { hCall, hConstant, hOr, type HExpr } from '../../hogql/hogql-ast.js';
import { baseArrays, mapOver, nextPositions } from './funnel-arrays.js';
import { exclusionFlags, startFlags, stepFlags } from './funnel-candidates.js';
import { alias, hx, ref } from './funnel-hogql.js';
import { keyOf } from './funnel-key.js';
import { gapSteps, taintedLevels, type FunnelLayout } from './funnel-layout.js';
import { hasOptionalAfter } from './funnel-strict.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * The per-event arrays the conversion stages read (vocabulary in funnel-arrays.ts), as select items over `ev2`,
 * with the names to pass on. Ordered and strict funnels: `g_i` per mandatory level, `xl_c` per tainted level, and for
 * optional steps their flags `f_o`, counts `cs_o`, next positions `nx_o`, plus for strict funnels `k_i` (the
 * optional steps after level i) and `nb_i` (the next event that would break a conversion at level i). Unordered
 * funnels: `f_k` per step, `sf` (events a conversion may start at) and `cd` (the event keys).
 * @example await eventFlags(spec, layout) // { items: [T, g_1, g_2, …], names: ['T', 'g_1', 'g_2', …] }
 */
export async function eventFlags(spec: FunnelSpec, layout: FunnelLayout): Promise<{ items: HExpr[]; names: string[] }> {
  const items = await baseArrays(layout);
  if (spec.order === 'unordered') {
    for (let k = 0; k < layout.steps; k++) items.push(alias(await stepFlags(spec, layout, k), `f_${k}`));
    items.push(alias(await startFlags(spec, layout), 'sf'), alias(await hx`arrayMap(x -> ${keyOf(layout, ref('x'))}, ev2)`, 'cd'));
    return { items, names: names(items) };
  }
  const levels = layout.mandatory.length;
  for (let i = 1; i <= levels; i++) items.push(alias(await stepFlags(spec, layout, layout.mandatory[i - 1]), `g_${i}`));
  for (const c of taintedLevels(layout)) items.push(alias(await exclusionFlags(layout, c), `xl_${c}`));
  for (let o = 0; o < layout.steps; o++) {
    if (!spec.optional[o]) continue;
    items.push(alias(await stepFlags(spec, layout, o), `f_${o}`));
    items.push(alias(await hx`arrayCumSum(${ref(`f_${o}`)})`, `cs_${o}`), alias(await nextPositions(ref(`f_${o}`)), `nx_${o}`));
  }
  if (spec.order === 'strict') {
    for (let i = 1; i <= levels; i++) {
      if (!hasOptionalAfter(spec, i)) continue;
      const optional = gapSteps(spec, layout, i);
      const args = optional.map((o) => `o${o}`);
      const any = hOr(args.map((a) => hCall('equals', ref(a), hConstant(1))));
      items.push(alias(mapOver(args, optional.map((o) => ref(`f_${o}`)), any), `k_${i}`));
      items.push(alias(await nextPositions(await hx`arrayMap((a, b) -> if(a = 1 OR b = 1, 0, 1), ${ref(`g_${i}`)}, ${ref(`k_${i}`)})`), `nb_${i}`));
    }
  }
  return { items, names: names(items) };
}

function names(items: HExpr[]): string[] {
  return items.map((item) => (item.node === 'Alias' ? item.alias : ''));
}
