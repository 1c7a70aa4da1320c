import { hAnd, hCall, hCompare, hConstant, hField, hOr, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { parseHogQLExpr } from '../../hogql/parse-hogql.js';
import { BREAKDOWN_NULL, breakdownValueExpr } from '../breakdown.js';
import { bucketExpr, dateWindow } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions } from '../insight-filters.js';
import { seriesCondition, type SeriesNode } from '../series.js';
import { alias, array, hx, ref, select, tuple } from './funnel-hogql.js';
import { eventKey } from './funnel-key.js';
import type { FunnelLayout } from './funnel-layout.js';
import type { FunnelSpec, FunnelTarget } from './funnels-spec.js';

/**
 * One row per funnel actor (person, group or HogQL value) in column `aggregation_target`, with `ev`: the actor's
 * events in the date range as keys or tuples (FunnelLayout), sorted by time and, at one instant, by step. Strict
 * funnels keep every event of the actor (any other event breaks a strict conversion); the others keep only events
 * that match a step or an exclusion.
 * @example await actorEvents(spec, layout, ctx) // SELECT aggregation_target, arraySort(groupArray(key)) AS ev …
 */
export async function actorEvents(spec: FunnelSpec, layout: FunnelLayout, ctx: InsightContext): Promise<HSelectQuery> {
  const events = await eventRows(spec, layout, ctx);
  const extras = [...(layout.hasBreakdown ? ['bd'] : []), ...(layout.hasHold ? ['hold'] : []), ...(layout.hasBucket ? ['bucket'] : [])];
  // Bare keys sort and group fastest; tuples only when values travel with the events.
  const element = layout.tupled ? tuple(['key', ...extras].map(ref)) : ref('key');
  return select({
    select: [ref('aggregation_target'), alias(await hx`arraySort(groupArray(${element}))`, 'ev')],
    from: events,
    groupBy: [ref('aggregation_target')],
  });
}

async function eventRows(spec: FunnelSpec, layout: FunnelLayout, ctx: InsightContext): Promise<HSelectQuery> {
  const stepConditions = await Promise.all(spec.steps.map(async (node) => (await seriesCondition(node, ctx)) ?? hConstant(true)));
  const exclusionConditions = await Promise.all(spec.exclusions.map(async (e) => (await seriesCondition(e.node, ctx)) ?? hConstant(true)));
  const target = await targetExpr(spec.target);
  // A condition may be NULL (a missing property): the flag is 0 then. The event name alone never is.
  const flag = (condition: HExpr) => hCall('toUInt8', hCall('if', condition, hConstant(1), hConstant(0)));
  const nodes = [...spec.steps, ...spec.exclusions.map((e) => e.node)];
  const flagOf = (condition: HExpr, i: number) => (spec.order === 'strict' ? undefined : filteredFlag(nodes, i)) ?? flag(condition);
  const columns: HExpr[] = [
    alias(target, 'aggregation_target'),
    ...stepConditions.map((condition, k) => alias(flagOf(condition, k), `s_${k}`)),
    ...exclusionConditions.map((condition, e) => alias(flagOf(condition, spec.steps.length + e), `x_${e}`)),
    alias(await eventKey(layout.coding), 'key'),
  ];
  if (layout.hasBreakdown) {
    const values: HExpr[] = [];
    for (const b of spec.breakdowns) values.push(await breakdownValueExpr(b));
    columns.push(alias(array(values), 'bd'));
  }
  if (layout.hasHold) columns.push(alias(array(spec.hold.map(heldValue)), 'hold'));
  if (layout.hasBucket) columns.push(alias(hCall('toString', bucketExpr(spec.interval, ctx)), 'bucket'));
  const where = [...dateWindow(spec.range), ...(await insightFilterConditions(spec.query, ctx)), ...targetPresent(spec.target, target)];
  if (spec.order !== 'strict') where.push(hOr([...stepConditions, ...exclusionConditions]));
  return select({ select: columns, from: hField('events'), where: hAnd(where) });
}

/**
 * The flag of node i as the event name alone, when the WHERE (every node's full condition, OR-ed) already implies
 * the rest: every node names one event and no other node names node i's, so an event of that name passed the WHERE
 * through node i's own condition. Reading properties again after the filter made ClickHouse carry the properties
 * column through the overrides join (about 40 ms of CPU at 10M events, docs/performance.md). Undefined otherwise.
 */
function filteredFlag(nodes: SeriesNode[], i: number): HExpr | undefined {
  const name = (node: SeriesNode) => (node.kind === 'EventsNode' && typeof node.event === 'string' ? node.event : null);
  const own = name(nodes[i]);
  if (own === null || nodes.some((node, j) => j !== i && (name(node) === null || name(node) === own))) return undefined;
  return hCompare('==', hField('event'), hConstant(own));
}

async function targetExpr(target: FunnelTarget): Promise<HExpr> {
  if (target.kind === 'person') return hField('person_id');
  if (target.kind === 'group') return hField(`$group_${target.index}`);
  return parseHogQLExpr(target.expr);
}

/** Events without a group of the counted type, or whose HogQL target is NULL, belong to no actor. */
function targetPresent(target: FunnelTarget, expr: HExpr): HExpr[] {
  if (target.kind === 'group') return [hCall('notEmpty', expr)];
  if (target.kind === 'hogql') return [hCall('isNotNull', expr)];
  return [];
}

/** A held property's value as a String; a missing value is a value of its own. */
function heldValue(property: { type: 'event' | 'person'; key: string }): HExpr {
  const field = property.type === 'person' ? hField('person', 'properties', property.key) : hField('properties', property.key);
  return hCall('ifNull', hCall('toString', field), hConstant(BREAKDOWN_NULL));
}
