import { HogQLError } from '../../hogql/hogql-error.js';
import { hCall, hCompare, hConstant, hField, type HCall, type HExpr } from '../../hogql/hogql-ast.js';
import { parseHogQLExpr } from '../../hogql/parse-hogql.js';
import type { Interval } from '../date-range.js';
import type { SeriesNode } from '../series.js';
import { floatZero } from './trends-ast.js';

/** Maths that aggregate each bucket's events directly. */
const DIRECT_MATHS = ['total', 'dau', 'unique_session', 'unique_group', 'hogql'] as const;
/** Unique persons over a trailing window of days ending at each bucket. */
export const ACTIVE_WINDOW_DAYS: Readonly<Record<string, number>> = { weekly_active: 7, monthly_active: 30 };
const FIRST_TIME_MATHS = ['first_time_for_user', 'first_matching_event_for_user'] as const;

type Aggregate = { fn: 'sum' | 'avg' | 'min' | 'max' } | { quantile: number };

const AGGREGATES: Readonly<Record<string, Aggregate>> = {
  sum: { fn: 'sum' },
  avg: { fn: 'avg' },
  min: { fn: 'min' },
  max: { fn: 'max' },
  median: { quantile: 0.5 },
  p75: { quantile: 0.75 },
  p90: { quantile: 0.9 },
  p95: { quantile: 0.95 },
  p99: { quantile: 0.99 },
};

const PER_ACTOR_SUFFIX = '_count_per_actor';
const PROPERTY_TYPES = ['event_properties', 'person_properties', 'session_properties'];

/**
 * How a series' math is computed: `direct` aggregates each bucket's events; `property` aggregates a numeric property;
 * `active` counts persons over a trailing window; `first_time` counts persons at their first event; `per_actor`
 * counts events per person, then aggregates those counts.
 */
export type MathKind = 'direct' | 'property' | 'active' | 'first_time' | 'per_actor';

/**
 * The kind of a (checked) math name. @example mathKind('p90_count_per_actor') // => 'per_actor'
 */
export function mathKind(math: string): MathKind {
  if (Object.hasOwn(AGGREGATES, math)) return 'property';
  if (Object.hasOwn(ACTIVE_WINDOW_DAYS, math)) return 'active';
  if ((FIRST_TIME_MATHS as readonly string[]).includes(math)) return 'first_time';
  if (math.endsWith(PER_ACTOR_SUFFIX) && Object.hasOwn(AGGREGATES, math.slice(0, -PER_ACTOR_SUFFIX.length))) return 'per_actor';
  return 'direct';
}

/**
 * Checks a series' math and the fields it needs (`math_property`, `math_hogql`, `math_group_type_index`).
 * @example checkSeriesMath({ kind: 'EventsNode', event: 'buy', math: 'sum' }, 'series[0]') // throws: needs math_property
 */
export function checkSeriesMath(node: SeriesNode, where: string): void {
  const math = node.math ?? 'total';
  if (typeof math !== 'string' || !isKnownMath(math)) throw bad(`${where}: unsupported math ${JSON.stringify(math)?.slice(0, 50)}`);
  if (node.custom_name !== undefined && node.custom_name !== null && typeof node.custom_name !== 'string') {
    throw bad(`${where}: custom_name must be a string`);
  }
  if (mathKind(math) === 'property') {
    if (typeof node.math_property !== 'string' || node.math_property === '') throw bad(`${where}: math ${math} needs math_property`);
    const type = node.math_property_type;
    if (type !== undefined && type !== null && !PROPERTY_TYPES.includes(type)) {
      throw bad(`${where}: math_property_type must be one of ${PROPERTY_TYPES.join(', ')}`);
    }
  }
  if (math === 'hogql' && (typeof node.math_hogql !== 'string' || node.math_hogql.trim() === '')) {
    throw bad(`${where}: math hogql needs math_hogql`);
  }
  if (math === 'unique_group' && !isGroupIndex(node.math_group_type_index)) {
    throw bad(`${where}: math unique_group needs math_group_type_index 0–4`);
  }
  const multiplier = node.math_multiplier;
  if (multiplier !== undefined && multiplier !== null && !(typeof multiplier === 'number' && Number.isFinite(multiplier))) {
    throw bad(`${where}: math_multiplier must be a number`);
  }
}

function isKnownMath(math: string): boolean {
  return (DIRECT_MATHS as readonly string[]).includes(math) || mathKind(math) !== 'direct';
}

function isGroupIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4;
}

/**
 * PostHog's conversion of active-user maths on intervals too coarse for their window: weekly_active on week or month
 * and monthly_active on month become dau. @example effectiveMath('weekly_active', 'week') // => 'dau'
 */
export function effectiveMath(math: string, interval: Interval): string {
  if (math === 'weekly_active' && (interval === 'week' || interval === 'month')) return 'dau';
  if (math === 'monthly_active' && interval === 'month') return 'dau';
  return math;
}

/**
 * Who a person-counting math counts: the person after merges, or a group of the query's aggregation group type.
 * @example actorExpr(null) // person_id
 */
export function actorExpr(groupTypeIndex: number | null): HExpr {
  return groupTypeIndex === null ? hField('person_id') : hField(`$group_${groupTypeIndex}`);
}

/**
 * Extra event conditions a math implies: unique_group and group aggregation skip events without that group.
 * @example mathConditions({ math: 'unique_group', math_group_type_index: 0 }, null) // [$group_0 != '']
 */
export function mathConditions(node: SeriesNode, groupTypeIndex: number | null): HExpr[] {
  const conditions: HExpr[] = [];
  if (node.math === 'unique_group') conditions.push(hCompare('!=', hField(`$group_${node.math_group_type_index}`), hConstant('')));
  const kind = mathKind(node.math ?? 'total');
  const countsActors = ['dau', 'weekly_active', 'monthly_active'].includes(node.math ?? '') || kind === 'per_actor' || kind === 'first_time';
  if (groupTypeIndex !== null && countsActors) conditions.push(hCompare('!=', hField(`$group_${groupTypeIndex}`), hConstant('')));
  return conditions;
}

/**
 * The aggregate of a `direct` or `property` math over a bucket's events; empty buckets and all-NULL property values
 * give 0. @example await aggregationExpr({ math: 'p90', math_property: 'ms' }, null) // ifNull(quantile(0.9)(toFloat(properties.ms)), 0)
 */
export async function aggregationExpr(node: SeriesNode, groupTypeIndex: number | null): Promise<HExpr> {
  const math = node.math ?? 'total';
  switch (math) {
    case 'total':
      return hCall('count');
    case 'dau':
      return distinctCount(actorExpr(groupTypeIndex));
    case 'unique_session':
      return distinctCount(hCall('nullIf', hField('$session_id'), hConstant('')));
    case 'unique_group':
      return distinctCount(hField(`$group_${node.math_group_type_index}`));
    case 'hogql':
      return parseHogQLExpr(node.math_hogql as string);
  }
  return aggregateOf(math, propertyValue(node));
}

/**
 * The numeric value a property math reads from an event: `toFloat` of the property (NULL when missing or not a
 * number), times `math_multiplier`. @example propertyValue({ math_property: '$revenue' }) // toFloat(properties.$revenue)
 */
export function propertyValue(node: SeriesNode): HExpr {
  const key = node.math_property as string;
  const field = node.math_property_type === 'person_properties' ? hField('person', 'properties', key) : hField('properties', key);
  const value = hCall('toFloat', field);
  const multiplier = node.math_multiplier;
  return typeof multiplier === 'number' ? { node: 'ArithmeticOperation', op: '*', left: value, right: hConstant(multiplier) } : value;
}

/**
 * True when a property math reads a session property (`$session_duration`, or any key typed `session_properties`):
 * each session then counts once, not once per event. @example readsSessionProperty({ math_property: '$session_duration' }) // => true
 */
export function readsSessionProperty(node: SeriesNode): boolean {
  return mathKind(node.math ?? 'total') === 'property' && (node.math_property === '$session_duration' || node.math_property_type === 'session_properties');
}

/**
 * A property math's aggregate over an already numeric column (one value per session for session properties).
 * @example propertyAggregate('p90', hField('v')) // ifNull(quantile(0.9)(v), 0)
 */
export function propertyAggregate(math: string, value: HExpr): HExpr {
  return aggregateOf(math, value);
}

/**
 * How a per-actor math aggregates the per-person event counts in column `field`.
 * @example perActorAggregate('median_count_per_actor', hField('n')) // ifNull(quantile(0.5)(toFloat(n)), 0)
 */
export function perActorAggregate(math: string, field: HExpr): HExpr {
  return aggregateOf(math.slice(0, -PER_ACTOR_SUFFIX.length), hCall('toFloat', field));
}

function aggregateOf(name: string, value: HExpr): HExpr {
  const aggregate = AGGREGATES[name];
  if (!aggregate) throw bad(`Unsupported math ${name}`);
  const call: HCall = 'fn' in aggregate ? hCall(aggregate.fn, value) : { ...hCall('quantile', value), params: [hConstant(aggregate.quantile)] };
  return hCall('ifNull', call, floatZero());
}

function distinctCount(expr: HExpr): HExpr {
  return { ...hCall('count', expr), distinct: true };
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
