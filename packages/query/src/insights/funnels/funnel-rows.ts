import type { HExpr, HSelectQuery } from '../../hogql/hogql-ast.js';
import type { InsightContext } from '../insight-context.js';
import { passThrough } from './funnel-arrays.js';
import { candidateRows } from './funnel-candidates.js';
import { chosenColumns, outcomeColumns, takenColumns } from './funnel-conversion.js';
import { actorEvents } from './funnel-events.js';
import { eventFlags } from './funnel-flags.js';
import { alias, hx, select } from './funnel-hogql.js';
import type { FunnelLayout } from './funnel-layout.js';
import { levelStages } from './funnel-levels.js';
import { unorderedOutcome, unorderedStages } from './funnel-unordered.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * One row per actor and breakdown value (and, for funnel trends, bucket of the conversion's start): columns
 * `aggregation_target`, `bd_value`, [`bucket_value`], `r_out` (the actor's conversion, see outcomeColumns) and
 * `r_rank`; held-property partitions of one actor merged, the best one kept (reference: funnels-reference.ts). Every stage is its own SELECT:
 * ClickHouse expands a select alias wherever it is used, so chaining stages through aliases would grow the query
 * with every step.
 * @example await conversionRows(spec, layout, ctx) // SELECT aggregation_target, bd_value, r_out … FROM (SELECT …)
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
    outcome = select({ select: [...passThrough([...keys, ...partition]), ...(await unorderedOutcome(spec, layout))], from: converted });
  } else {
    const { query, outputs } = await levelStages(spec, layout, base, carry);
    const chosen = stack(query, [...carry, ...outputs], await chosenColumns(spec, layout));
    const levelArrays = outputs.filter((name) => /^(ss|bp)_/.test(name));
    const taken = stack(chosen.query, [...carry, ...levelArrays, 'lstar', 'chosen'], await takenColumns(spec, layout));
    const outcomeLayers = await outcomeColumns(spec, layout);
    const flagged = stack(taken.query, taken.columns, outcomeLayers.slice(0, -1));
    outcome = select({ select: [...passThrough([...keys, ...partition]), ...outcomeLayers[outcomeLayers.length - 1]], from: flagged.query });
  }
  if (!layout.hasHold) return outcome;
  return select({
    // Equal ranks (two held values starting at one instant) go to the larger held value, so the result is stable.
    select: [...passThrough(keys), alias(await hx`argMax(r_out, tuple(r_rank, hold_value))`, 'r_out')],
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
