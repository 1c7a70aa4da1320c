import type { HExpr, HSelectQuery } from '../../hogql/hogql-ast.js';
import { BREAKDOWN_NULL } from '../breakdown.js';
import { alias, array, hx, ref, select } from './funnel-hogql.js';
import { anyExclusion, anyStep, keyOf, matchesNothing, stepBit, timeOf } from './funnel-key.js';
import { breakdownField, bucketField, exclusionsAt, holdField, type FunnelLayout } from './funnel-layout.js';
import type { FunnelSpec } from './funnels-spec.js';

/**
 * Breakdown attribution, held properties and trends buckets, as PostHog's funnel UDF does it: each actor row becomes
 * one row per candidate breakdown value (`bd_value`, Array(String)), per value held at step 0 (`hold_value`) and,
 * for funnel trends, per bucket a conversion may start in (`bucket_value`); `ev2` is the events that row may use.
 * - first_touch / last_touch: the value of the actor's first / last event that has one; every event stays.
 * - all_events: every value the actor's events carry; a conversion uses only events with that value.
 * - step: every value the actor's events of that step carry; that step must be taken by an event with the value
 *   (stepFlags). Unordered funnels: the first event of the conversion must carry it.
 * - holdConstant: every value step-0 events carry; a conversion uses only events with that value.
 * - trends: every bucket holding a step-0 event (any step event for unordered funnels); the conversion must start
 *   there (stepFlags, startFlags).
 * Takes the actor rows of actorEvents; gives `aggregation_target`, `bd_value`, [`hold_value`], [`bucket_value`], `ev2`.
 * @example await candidateRows(spec, layout, actors) // SELECT aggregation_target, … AS bd_value, …, … AS ev2 FROM (…)
 */
export async function candidateRows(spec: FunnelSpec, layout: FunnelLayout, actors: HSelectQuery): Promise<HSelectQuery> {
  // One arrayJoin per SELECT, each over the rows of the one before.
  const ev = ref('ev');
  let events: HExpr = ev;
  if (layout.hasBreakdown && spec.attribution === 'all_events') events = await hx`arrayFilter(x -> tupleElement(x, ${breakdownField()}) = bd_value, ${ev})`;
  const keys = ['aggregation_target', 'bd_value'];
  let rows = select({ select: [ref('aggregation_target'), alias(await breakdownCandidate(spec, layout), 'bd_value'), ref('ev'), alias(events, 'ev2')], from: actors });
  const starts = await hx`arrayFilter(x -> ${await startBit(spec, layout, ref('x'))}, ev)`;
  if (layout.hasHold) {
    const hold = holdField(layout);
    rows = select({
      select: [...keys.map(ref), ref('ev'), alias(await hx`arrayJoin(arrayDistinct(arrayMap(x -> tupleElement(x, ${hold}), ${starts})))`, 'hold_value'), alias(await hx`arrayFilter(x -> tupleElement(x, ${hold}) = hold_value, ev2)`, 'ev3')],
      from: rows,
    });
    rows = select({ select: [...keys.map(ref), ref('hold_value'), ref('ev'), alias(ref('ev3'), 'ev2')], from: rows });
  }
  if (layout.hasBucket) {
    const bucket = await hx`arrayJoin(arrayDistinct(arrayMap(x -> tupleElement(x, ${bucketField(layout)}), ${starts})))`;
    rows = select({ select: [...keys.map(ref), ...(layout.hasHold ? [ref('hold_value')] : []), alias(bucket, 'bucket_value'), ref('ev2')], from: rows });
    keys.push('bucket_value');
    rows = await bucketSlice(spec, layout, [...keys, ...(layout.hasHold ? ['hold_value'] : [])], rows);
  }
  if (!layout.tupled) return collapsed(spec, layout, keys, rows);
  const all = [...keys, ...(layout.hasHold ? ['hold_value'] : [])];
  // A candidate without events of its own (a held value only other breakdown values carry) converts nothing.
  const kept = select({ select: [...all.map(ref), ref('ev2')], from: rows, where: await hx`notEmpty(ev2)` });
  return collapsed(spec, layout, all, kept);
}

/**
 * A trends candidate only needs the events from its bucket's first start to its last start plus the window: nothing
 * before a start or after every window matters (this keeps heavy actors with starts on many days affordable).
 */
async function bucketSlice(spec: FunnelSpec, layout: FunnelLayout, keys: string[], rows: HSelectQuery): Promise<HSelectQuery> {
  const time = await timeOf(layout.coding, keyOf(layout, ref('x')));
  const inBucket = await hx`${await startBit(spec, layout, ref('x'))} AND tupleElement(x, ${bucketField(layout)}) = bucket_value`;
  const starts = await hx`arrayMap(x -> ${time}, arrayFilter(x -> ${inBucket}, ev2))`;
  // The bounds are columns of their own: a lambda capturing an array copies it for every element it maps.
  const bounds = select({
    select: [...keys.map(ref), ref('ev2'), alias(await hx`arrayMin(${starts})`, 'lo'), alias(await hx`arrayMax(${starts}) + ${spec.windowSeconds}`, 'hi')],
    from: rows,
  });
  return select({ select: [...keys.map(ref), alias(await hx`arrayFilter(x -> ${time} >= lo AND ${time} <= hi, ev2)`, 'ev2')], from: bounds });
}

/**
 * Strict funnels read every event of an actor, but of a run of events that match no step and no exclusion only the
 * first matters (it breaks what came before; the others break nothing more): keep only that one.
 */
async function collapsed(spec: FunnelSpec, layout: FunnelLayout, keys: string[], rows: HSelectQuery): Promise<HSelectQuery> {
  if (spec.order !== 'strict') return rows;
  const unrelated = await hx`arrayMap(x -> ${await matchesNothing(layout.coding, keyOf(layout, ref('x')))}, ev2)`;
  const previous = await hx`arrayShiftRight(${unrelated}, 1, toUInt8(0))`;
  return select({ select: [...keys.map(ref), alias(await hx`arrayFilter((x, u, p) -> NOT (u AND p), ev2, ${unrelated}, ${previous})`, 'ev2')], from: rows });
}

async function breakdownCandidate(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr> {
  if (!layout.hasBreakdown) return array([]);
  const ev = ref('ev');
  const bd = breakdownField();
  const nulls = array(spec.breakdowns.map(() => ({ node: 'Constant', value: BREAKDOWN_NULL }) as HExpr));
  const known = await hx`x -> arrayExists(v -> v != ${BREAKDOWN_NULL}, tupleElement(x, ${bd}))`;
  switch (spec.attribution) {
    case 'first_touch':
      return hx`if(arrayExists(${known}, ${ev}), tupleElement(arrayFirst(${known}, ${ev}), ${bd}), ${nulls})`;
    case 'last_touch':
      return hx`if(arrayExists(${known}, ${ev}), tupleElement(arrayLast(${known}, ${ev}), ${bd}), ${nulls})`;
    case 'all_events':
      return hx`arrayJoin(arrayDistinct(arrayMap(x -> tupleElement(x, ${bd}), ${ev})))`;
    case 'step': {
      const atStep = await hx`arrayFilter(x -> ${await stepBit(layout.coding, keyOf(layout, ref('x')), spec.attributionStep)}, ${ev})`;
      return hx`arrayJoin(arrayDistinct(arrayMap(x -> tupleElement(x, ${bd}), ${atStep})))`;
    }
  }
}

/** An event that may start a conversion: step 0 (ordered, strict), any step (unordered). */
async function startBit(spec: FunnelSpec, layout: FunnelLayout, x: HExpr): Promise<HExpr> {
  const key = keyOf(layout, x);
  if (spec.order === 'unordered') return anyStep(layout.coding, key);
  return stepBit(layout.coding, key, 0);
}

/**
 * The 0/1 flags of step k over `ev2`: with step attribution on k, only events carrying the candidate value count;
 * for funnel trends, step 0 only in the candidate bucket.
 * @example await stepFlags(spec, layout, 1) // arrayMap(x -> intDiv(x, 2) % 2 = 0, ev2)
 */
export async function stepFlags(spec: FunnelSpec, layout: FunnelLayout, k: number): Promise<HExpr> {
  const conditions = [await stepBit(layout.coding, keyOf(layout, ref('x')), k)];
  if (layout.hasBreakdown && spec.attribution === 'step' && spec.attributionStep === k && spec.order !== 'unordered') {
    conditions.push(await hx`tupleElement(x, ${breakdownField()}) = bd_value`);
  }
  if (layout.hasBucket && k === 0 && spec.order !== 'unordered') conditions.push(await hx`tupleElement(x, ${bucketField(layout)}) = bucket_value`);
  return hx`arrayMap(x -> ${{ node: 'And', exprs: conditions }}, ev2)`;
}

/**
 * The 0/1 flags of the exclusion level c over `ev2`: events of an exclusion tainting level c.
 * @example await exclusionFlags(layout, 1) // arrayMap(x -> intDiv(x, 1) % 2 = 1, ev2)
 */
export async function exclusionFlags(layout: FunnelLayout, c: number): Promise<HExpr> {
  return hx`arrayMap(x -> ${await anyExclusion(keyOf(layout, ref('x')), exclusionsAt(layout, c))}, ev2)`;
}

/**
 * Unordered funnels: the events a conversion may start at — any step event, carrying the candidate value with step
 * attribution, in the candidate bucket for trends.
 * @example await startFlags(spec, layout) // arrayMap(x -> intDiv(x % 8, 1) != 7, ev2)
 */
export async function startFlags(spec: FunnelSpec, layout: FunnelLayout): Promise<HExpr> {
  const conditions = [await startBit(spec, layout, ref('x'))];
  if (layout.hasBreakdown && spec.attribution === 'step') conditions.push(await hx`tupleElement(x, ${breakdownField()}) = bd_value`);
  if (layout.hasBucket) conditions.push(await hx`tupleElement(x, ${bucketField(layout)}) = bucket_value`);
  return hx`arrayMap(x -> ${{ node: 'And', exprs: conditions }}, ev2)`;
}
