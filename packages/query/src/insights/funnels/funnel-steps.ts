import type { HExpr, HSelectQuery } from '../../hogql/hogql-ast.js';
import { BREAKDOWN_NULL } from '../breakdown.js';
import { alias, array, hx, ref, select, tuple } from './funnel-hogql.js';
import type { FunnelLayout } from './funnel-layout.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * The steps chart, in one row. Without a breakdown: `counts` (actors per step), `averages` and `medians` (seconds
 * from the previous step, per step from step 1 on). With one: `top` (the first `breakdownLimit` breakdown values,
 * each as (value, actors per step, average and median seconds from the previous step per step)) and the merged rest
 * (`other_values`, `other_counts`, `other_avg`, `other_median`). Values rank as PostHog ranks funnel breakdowns — by
 * actors who reached the last step, then the step before, and so on — with values holding the null placeholder after
 * the others, as trends ranks them. Averages and medians of the merged rest come from the merged times, so they are
 * exact. Times of 0 s are left out of averages and medians, as PostHog's funnel query does.
 * @example await stepsChart(spec, layout, rows) // SELECT counts, arrayMap(t -> …, times) AS averages, … FROM (SELECT [sum(reached[1]), …] AS counts, …)
 */
export async function stepsChart(spec: FunnelSpec, layout: FunnelLayout, rows: HSelectQuery): Promise<HSelectQuery> {
  if (!layout.hasBreakdown) {
    return select({
      select: [ref('counts'), alias(await hx`arrayMap(t -> ${await averageOf(ref('t'))}, times)`, 'averages'), alias(await hx`arrayMap(t -> ${await medianOf(ref('t'))}, times)`, 'medians')],
      from: select({ select: [alias(await stepCounts(layout), 'counts'), alias(await stepTimes(layout), 'times')], from: rows, where: ref('counted') }),
    });
  }
  const steps = layout.steps;
  const sorted = await rankedGroups(layout, rows);
  const limit = spec.breakdownLimit;
  const top = await hx`arraySlice(groups, 1, ${limit})`;
  const rest = await hx`arraySlice(groups, ${limit + 1})`;
  const summary = await hx`arrayMap(g -> tuple(tupleElement(g, 2), tupleElement(g, 3), arrayMap(t -> ${await averageOf(ref('t'))}, tupleElement(g, 4)), arrayMap(t -> ${await medianOf(ref('t'))}, tupleElement(g, 4))), ${top})`;
  const restTimes = await hx`arrayMap(k -> arrayFlatten(arrayMap(g -> tupleElement(g, 4)[k], ${rest})), range(1, ${steps}))`;
  return select({
    select: [
      alias(summary, 'top'),
      alias(await hx`length(${rest})`, 'other_values'),
      alias(await hx`arrayMap(k -> arraySum(arrayMap(g -> tupleElement(g, 3)[k], ${rest})), range(1, ${steps + 1}))`, 'other_counts'),
      alias(await hx`arrayMap(t -> ${await averageOf(ref('t'))}, ${restTimes})`, 'other_avg'),
      alias(await hx`arrayMap(t -> ${await medianOf(ref('t'))}, ${restTimes})`, 'other_median'),
    ],
    from: sorted,
  });
}

/**
 * One row, `groups`: per breakdown value (rank, value, actors per step, seconds from the previous step per step from
 * step 1 on), sorted by rank. @example await rankedGroups(layout, rows) // SELECT arraySort(groupArray(((…), bd_value, counts, times))) AS groups …
 */
export async function rankedGroups(layout: FunnelLayout, rows: HSelectQuery): Promise<HSelectQuery> {
  const steps = layout.steps;
  const byValue = select({
    select: [ref('bd_value'), alias(await stepCounts(layout), 'counts'), alias(await stepTimes(layout), 'times')],
    from: rows,
    where: ref('counted'),
    groupBy: [ref('bd_value')],
  });
  const rank: HExpr[] = [await hx`if(has(bd_value, ${BREAKDOWN_NULL}), 1, 0)`];
  for (let k = steps; k >= 1; k--) rank.push(await hx`-counts[${k}]`);
  return select({
    select: [alias(await hx`arraySort(groupArray(${tuple([tuple(rank), ref('bd_value'), ref('counts'), ref('times')])}))`, 'groups')],
    from: byValue,
  });
}

/** Over the counted rows, actors per step. */
async function stepCounts(layout: FunnelLayout): Promise<HExpr> {
  const counts: HExpr[] = [];
  for (let k = 1; k <= layout.steps; k++) counts.push(await hx`sum(reached[${k}])`);
  return array(counts);
}

/**
 * Over the counted rows, per step from step 1 on the seconds from the previous step of those who reached it in more
 * than 0 s (a step not reached has a time of at most 0, see outcomeColumns).
 */
async function stepTimes(layout: FunnelLayout): Promise<HExpr> {
  const times: HExpr[] = [];
  for (let k = 2; k <= layout.steps; k++) times.push(await hx`groupArrayIf(times[${k}], times[${k}] > 0)`);
  return array(times);
}

async function averageOf(times: HExpr): Promise<HExpr> {
  return hx`if(empty(${times}), NULL, arrayAvg(${times}))`;
}

/** The exact median (the mean of the two middle values for an even count, as ClickHouse's median interpolates). */
async function medianOf(times: HExpr): Promise<HExpr> {
  return hx`if(empty(${times}), NULL, (arraySort(${times})[intDiv(length(${times}) + 1, 2)] + arraySort(${times})[intDiv(length(${times}), 2) + 1]) / 2)`;
}
