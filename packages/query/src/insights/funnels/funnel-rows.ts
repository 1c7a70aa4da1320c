import type { HExpr, HSelectQuery } from '../../hogql/hogql-ast.js';
import type { InsightContext } from '../insight-context.js';
import { passThrough } from './funnel-arrays.js';
import { candidateRows } from './funnel-candidates.js';
import { chosenColumns, outcomeColumns, takenColumns } from './funnel-conversion.js';
import { actorEvents } from './funnel-events.js';
import { eventFlags } from './funnel-flags.js';
import { alias, hx, ref, select } from './funnel-hogql.js';
import type { FunnelLayout } from './funnel-layout.js';
import { levelStages, readAfterLevels } from './funnel-levels.js';
import { unorderedOutcome, unorderedStages } from './funnel-unordered.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * One row per actor and breakdown value (and, for funnel trends, bucket of the conversion's start): columns
 * `aggregation_target`, `bd_value`, [`bucket_value`], `counted` (0: the actor is not in the funnel; nothing else of
 * its row is read) and the conversion's `reached`, `times` [and `ttc`] (see outcomeColumns); held-property
 * partitions of one actor merged, the best one kept (reference: funnels-reference.ts). Every stage is its own SELECT:
 * ClickHouse expands a select alias wherever it is used, so chaining stages through aliases would grow the query
 * with every step.
 * @example await conversionRows(spec, layout, ctx) // SELECT aggregation_target, bd_value, counted, reached, times … FROM (SELECT …)
 */
export async function conversionRows(spec: FunnelSpec, layout: FunnelLayout, ctx: InsightContext): Promise<HSelectQuery> {
  const candidates = await candidateRows(spec, layout, await actorEvents(spec, layout, ctx));
  const keys = ['aggregation_target', 'bd_value', ...(layout.hasBucket ? ['bucket_value'] : [])];
  const partition = layout.hasHold ? ['hold_value'] : [];
  const flags = await eventFlags(spec, layout);
  const base = select({ select: [...passThrough([...keys, ...partition]), ...flags.items], from: candidates });
  const carry = [...keys, ...partition, ...flags.names];
  let outcome: HSelectQuery;
  if (spec.order === 'unordered') {
    const converted = await unorderedStages(spec, layout, base, carry);
    outcome = select({ select: [...passThrough([...keys, ...partition, 'counted']), ...(await unorderedOutcome(spec, layout))], from: converted });
  } else {
    const { query, outputs, pending } = await levelStages(spec, layout, base, carry);
    const after = [...keys, ...partition, ...readAfterLevels(flags.names)];
    const chosen = stack(query, [...after, ...outputs], [await chosenColumns(layout, pending)]);
    // The positions are small aliases: the outcome reads them in its own SELECT, one layer less, unless the optional
    // steps' layers read them first.
    const takenLayers = await takenColumns(spec, layout);
    const taken = stack(chosen.query, [...after, ...outputs.filter((name) => name.startsWith('ss_')), 'lstar', 'start'], takenLayers.slice(0, -1));
    const last = [...takenLayers[takenLayers.length - 1], ...(await outcomeColumns(spec, layout))];
    if (takenLayers.length > 1) last.unshift(ref('counted'));
    outcome = select({ select: [...passThrough([...keys, ...partition]), ...last], from: taken.query });
  }
  if (!layout.hasHold) return outcome;
  // Equal ranks (two held values starting at one instant) go to the larger held value, so the result is stable; the
  // rank is unique within an actor, so every column comes from the same partition.
  const best = await hx`tuple(r_rank, hold_value)`;
  const outcomes = ['counted', 'reached', 'times', ...(spec.viz === 'time_to_convert' ? ['ttc'] : [])];
  return select({
    select: [...passThrough(keys), ...(await Promise.all(outcomes.map(async (name) => alias(await hx`argMax(${ref(name)}, ${best})`, name))))],
    from: outcome,
    groupBy: passThrough(keys),
  });
}

/**
 * Layers of columns, each its own SELECT over the one before, passing `columns` and every earlier layer's aliases on.
 * @example stack(query, ['T'], [[alias(x, 'a')], [alias(y, 'b')]]) // { query: SELECT T, a, y AS b FROM (SELECT T, x AS a FROM …), columns: ['T', 'a', 'b'] }
 */
function stack(from: HSelectQuery, columns: string[], layers: HExpr[][]): { query: HSelectQuery; columns: string[] } {
  let query = from;
  let names = columns;
  for (const layer of layers) {
    query = select({ select: [...passThrough(names), ...layer], from: query });
    names = [...names, ...layer.map((item) => (item.node === 'Alias' ? item.alias : ''))];
  }
  return { query, columns: names };
}
