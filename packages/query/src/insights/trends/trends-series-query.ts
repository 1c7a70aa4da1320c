import { hAnd, hCall, hCompare, hConstant, hField, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import { propertyFiltersToHogQL } from '../../hogql/property-filter.js';
import { bucketExpr, dateWindow } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions, propertyFilterOptions } from '../insight-filters.js';
import { seriesCondition, type SeriesNode } from '../series.js';
import { alias, array, column, lambda, select } from './trends-ast.js';
import { breakdownKeyExpr, withBreakdownLimit } from './trends-breakdown.js';
import {
  ACTIVE_WINDOW_DAYS,
  actorExpr,
  aggregationExpr,
  mathConditions,
  mathKind,
  perActorAggregate,
  propertyAggregate,
  readsSessionProperty,
} from './trends-math.js';
import { activeUnit, activeWindow, totalActiveStart, type TrendsPeriod } from './trends-period.js';
import type { TrendsSpec } from './trends-spec.js';

/** The conditions selecting a series' events, apart from time: which events, and everything else they must satisfy. */
export interface SeriesFilters {
  /** The event name or action; undefined for all events. */
  event?: HExpr;
  /** Series properties, top-level properties, test-account filters, and what the math implies. */
  properties: HExpr[];
}

/**
 * The filters of one series within a query. @example await seriesFilters(spec, spec.series[0], ctx)
 */
export async function seriesFilters(spec: TrendsSpec, node: SeriesNode, ctx: InsightContext): Promise<SeriesFilters> {
  const event = await seriesCondition({ ...node, properties: null, fixedProperties: null }, ctx);
  const properties: HExpr[] = [];
  for (const filters of [node.properties, node.fixedProperties]) {
    const condition = await propertyFiltersToHogQL(filters ?? undefined, propertyFilterOptions(ctx));
    if (condition) properties.push(condition);
  }
  properties.push(...(await insightFilterConditions(spec.query, ctx)), ...mathConditions(node, spec.groupTypeIndex));
  return event ? { event, properties } : { properties };
}

/**
 * One series' numbers for one period as a HogQL SELECT, aggregated in ClickHouse: columns `total`, `day_start` (the
 * bucket start, time series only) and, with a breakdown, the breakdown value (beyond the limit merged into Other).
 * Columns are read by position: total, then day_start, then the breakdown.
 * @example await seriesQuery(spec, spec.series[0], periods[0], ctx)
 */
export async function seriesQuery(spec: TrendsSpec, node: SeriesNode, period: TrendsPeriod, ctx: InsightContext): Promise<HSelectQuery> {
  const rows = await seriesRowsQuery(spec, node, period, ctx);
  if (spec.breakdowns.length === 0) return rows;
  return withBreakdownLimit(rows, spec.breakdowns, spec.breakdownLimit, !spec.totalValue);
}

/**
 * The series' numbers per bucket and breakdown value before the breakdown limit: columns `total`, `day_start` (time
 * series only), `breakdown_value` (with a breakdown). @example await seriesRowsQuery(spec, node, period, ctx)
 */
export async function seriesRowsQuery(spec: TrendsSpec, node: SeriesNode, period: TrendsPeriod, ctx: InsightContext): Promise<HSelectQuery> {
  const parts: RowsParts = {
    spec,
    node,
    period,
    ctx,
    filters: await seriesFilters(spec, node, ctx),
    breakdown: spec.breakdowns.length > 0 ? await breakdownKeyExpr(spec.breakdowns) : undefined,
    timeSeries: !spec.totalValue,
  };
  const math = node.math ?? 'total';
  switch (mathKind(math)) {
    case 'active':
      return parts.timeSeries ? activeRows(parts, ACTIVE_WINDOW_DAYS[math]) : activeTotalRows(parts, ACTIVE_WINDOW_DAYS[math]);
    case 'first_time':
      return firstTimeRows(parts, math === 'first_matching_event_for_user');
    case 'per_actor':
      return perActorRows(parts, math);
    case 'property':
      if (readsSessionProperty(node)) return sessionPropertyRows(parts, math);
      return directRows(parts, await aggregationExpr(node, spec.groupTypeIndex));
    default:
      if (parts.timeSeries && spec.cumulative && (math === 'dau' || math === 'unique_group')) return cumulativeUniqueRows(parts);
      return directRows(parts, await aggregationExpr(node, spec.groupTypeIndex));
  }
}

interface RowsParts {
  spec: TrendsSpec;
  node: SeriesNode;
  period: TrendsPeriod;
  ctx: InsightContext;
  filters: SeriesFilters;
  breakdown?: HExpr;
  timeSeries: boolean;
}

function where(parts: RowsParts, window: { from: Date; to: Date }): HExpr {
  const { event, properties } = parts.filters;
  return hAnd([...(event ? [event] : []), ...properties, ...dateWindow(window)]);
}

function periodWindow(parts: RowsParts): { from: Date; to: Date } {
  return { from: parts.period.lower, to: parts.period.range.to };
}

function bucket(parts: RowsParts, timestamp?: HExpr): HExpr {
  return bucketExpr(parts.period.range.interval, parts.ctx, timestamp);
}

/** `[day_start AS …]` and `[breakdown_value AS …]` select items and their GROUP BY columns, as the query has them. */
function dims(parts: RowsParts, day?: HExpr, breakdown?: HExpr): { items: HExpr[]; groupBy: HExpr[] } {
  const items: HExpr[] = [];
  const groupBy: HExpr[] = [];
  if (parts.timeSeries && day) {
    items.push(alias('day_start', day));
    groupBy.push(column('day_start'));
  }
  if (parts.breakdown && breakdown) {
    items.push(alias('breakdown_value', breakdown));
    groupBy.push(column('breakdown_value'));
  }
  return { items, groupBy };
}

/** Outer dimensions that pass the inner query's columns through. */
function passDims(parts: RowsParts): { items: HExpr[]; groupBy: HExpr[] } {
  return dims(parts, column('day_start'), column('breakdown_value'));
}

function directRows(parts: RowsParts, aggregate: HExpr): HSelectQuery {
  const d = dims(parts, bucket(parts), parts.breakdown);
  return select([alias('total', aggregate), ...d.items], 'events', { where: where(parts, periodWindow(parts)), groupBy: d.groupBy });
}

/** Cumulative unique persons (or groups): each counts once, in the bucket of its first event in the range. */
function cumulativeUniqueRows(parts: RowsParts): HSelectQuery {
  const node = parts.node;
  const actor = node.math === 'unique_group' ? hField(`$group_${node.math_group_type_index}`) : actorExpr(parts.spec.groupTypeIndex);
  const d = dims(parts, hCall('min', bucket(parts)), parts.breakdown);
  const inner = select(d.items, 'events', { where: where(parts, periodWindow(parts)), groupBy: [actor, ...(parts.breakdown ? [column('breakdown_value')] : [])] });
  const outer = passDims(parts);
  return select([alias('total', hCall('count')), ...outer.items], inner, { groupBy: outer.groupBy });
}

/** A session property (`$session_duration`, …) counts once per session in each bucket, then is aggregated. */
function sessionPropertyRows(parts: RowsParts, math: string): HSelectQuery {
  const d = dims(parts, bucket(parts), parts.breakdown);
  const key = parts.node.math_property as string;
  const value = hCall('any', hCall('toFloat', hField('session', key)));
  const inner = select([alias('session_value', value), ...d.items], 'events', {
    where: hAnd([where(parts, periodWindow(parts)), hCompare('!=', hField('$session_id'), hConstant(''))]),
    groupBy: [hField('$session_id'), ...d.groupBy],
  });
  const outer = passDims(parts);
  return select([alias('total', propertyAggregate(math, column('session_value'))), ...outer.items], inner, { groupBy: outer.groupBy });
}

/** Events per person in each bucket, then an aggregate of those counts. */
function perActorRows(parts: RowsParts, math: string): HSelectQuery {
  const d = dims(parts, bucket(parts), parts.breakdown);
  const inner = select([alias('n', hCall('count')), ...d.items], 'events', {
    where: where(parts, periodWindow(parts)),
    groupBy: [actorExpr(parts.spec.groupTypeIndex), ...d.groupBy],
  });
  const outer = passDims(parts);
  return select([alias('total', perActorAggregate(math, column('n'))), ...outer.items], inner, { groupBy: outer.groupBy });
}

/**
 * Weekly/monthly active: each (truncated time, person) pair counts in every bucket whose trailing window holds it, so
 * the events are read once and fanned out to at most `days` buckets.
 */
function activeRows(parts: RowsParts, days: number): HSelectQuery {
  const { range } = parts.period;
  const unit = activeUnit(range.interval);
  const truncated = hCall(unit === 'minute' ? 'toStartOfMinute' : unit === 'hour' ? 'toStartOfHour' : 'toStartOfDay', hField('timestamp'));
  const first = activeWindow(range.buckets[0], days, range.interval, parts.ctx).start;
  const d = dims(parts, undefined, parts.breakdown);
  const inner = select([alias('t', truncated), alias('actor', actorExpr(parts.spec.groupTypeIndex)), ...d.items], 'events', {
    where: where(parts, { from: first, to: range.to }),
    groupBy: [column('t'), column('actor'), ...d.groupBy],
  });
  const t = column('t');
  const inWindow = hAnd([hCompare('>=', hField('b'), t), hCompare('<', hField('b'), { node: 'ArithmeticOperation', op: '+', left: t, right: hCall('toIntervalDay', hConstant(days)) })]);
  const buckets = array(range.buckets.map((b) => hConstant(b)));
  const day = hCall('toDateTime', hCall('arrayJoin', hCall('arrayFilter', lambda(['b'], inWindow), buckets)));
  const outer = dims(parts, day, column('breakdown_value'));
  return select([alias('total', { ...hCall('count', column('actor')), distinct: true }), ...outer.items], inner, { groupBy: outer.groupBy });
}

/** On total-value displays weekly/monthly active count the persons of the last `days` days of the range. */
function activeTotalRows(parts: RowsParts, days: number): HSelectQuery {
  const { range } = parts.period;
  const d = dims(parts, undefined, parts.breakdown);
  const actors = { ...hCall('count', actorExpr(parts.spec.groupTypeIndex)), distinct: true };
  return select([alias('total', actors), ...d.items], 'events', {
    where: where(parts, { from: totalActiveStart(range, days, parts.ctx), to: range.to }),
    groupBy: d.groupBy,
  });
}

/**
 * First time for user: a person counts once, in the bucket of their first-ever event of the series (or, for
 * first_matching_event_for_user, their first event that also passes the filters), when that event passes the filters
 * and lies in the range.
 */
function firstTimeRows(parts: RowsParts, firstMatching: boolean): HSelectQuery {
  const inner = firstTimePersonsQuery(parts, firstMatching);
  const outer = dims(parts, bucket(parts, column('cond_ts')), column('breakdown_value'));
  return select([alias('total', hCall('count')), ...outer.items], inner, { groupBy: outer.groupBy });
}

/**
 * The persons a first-time math counts, one row each: `actor_id`, `cond_ts` (the counted event's time) and, with a
 * breakdown, `breakdown_value` (that event's value). @example await firstTimePersons(spec, node, period, ctx)
 */
export async function firstTimePersons(spec: TrendsSpec, node: SeriesNode, period: TrendsPeriod, ctx: InsightContext): Promise<HSelectQuery> {
  const parts: RowsParts = {
    spec,
    node,
    period,
    ctx,
    filters: await seriesFilters(spec, node, ctx),
    breakdown: spec.breakdowns.length > 0 ? await breakdownKeyExpr(spec.breakdowns) : undefined,
    timeSeries: !spec.totalValue,
  };
  return firstTimePersonsQuery(parts, node.math === 'first_matching_event_for_user');
}

function firstTimePersonsQuery(parts: RowsParts, firstMatching: boolean): HSelectQuery {
  const { range } = parts.period;
  const timestamp = hField('timestamp');
  const filters = parts.filters.properties.length > 0 ? hAnd(parts.filters.properties) : hConstant(true);
  const inRange = hAnd([hCompare('>=', timestamp, hConstant(parts.period.lower)), filters]);
  const first = firstMatching ? hCall('minIf', timestamp, filters) : hCall('min', timestamp);
  const items = [
    alias('actor_id', actorExpr(parts.spec.groupTypeIndex)),
    alias('first_ts', first),
    alias('cond_ts', hCall('minIf', timestamp, inRange)),
  ];
  if (parts.breakdown) items.push(alias('breakdown_value', hCall('argMinIf', parts.breakdown, timestamp, inRange)));
  return select(items, 'events', {
    where: hAnd([...(parts.filters.event ? [parts.filters.event] : []), hCompare('<=', timestamp, hConstant(range.to))]),
    groupBy: [column('actor_id')],
    // minIf of no rows is 1970, so the bound also drops persons with no qualifying event at all.
    having: hAnd([hCompare('==', column('first_ts'), column('cond_ts')), hCompare('>=', column('cond_ts'), hConstant(parts.period.lower))]),
  });
}
