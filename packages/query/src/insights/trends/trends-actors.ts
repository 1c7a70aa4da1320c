import { HogQLError } from '../../hogql/hogql-error.js';
import { hAnd, hCall, hCompare, hConstant, hField, hNot, type HExpr, type HSelectQuery } from '../../hogql/hogql-ast.js';
import type { ActorsPoint } from '../actors.js';
import { bucketDay } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { alias, array, column, select } from './trends-ast.js';
import { breakdownKeyExpr, isOtherBreakdown, topValuesQuery } from './trends-breakdown.js';
import { ACTIVE_WINDOW_DAYS, mathKind } from './trends-math.js';
import { activeWindow, bucketWindow, totalActiveStart, trendsPeriods, type TrendsPeriod } from './trends-period.js';
import { firstTimePersons, seriesFilters, seriesRowsQuery } from './trends-series-query.js';
import type { TrendsSpec } from './trends-spec.js';

/** Instants a point covers: `start <= timestamp < end`, and never past the period's end. */
interface Window {
  start: Date;
  end: Date | null;
  to: Date;
}

/**
 * The persons behind one point, counted the way the series' math counts: persons with matching events in the
 * bucket, in the trailing window for weekly/monthly active, from the range start for cumulative displays, and at
 * their first event for first-time maths.
 * @example await trendsActorsQuery(spec, { series: 0, day: '2024-05-07', breakdown: 'Chrome' }, ctx)
 */
export async function trendsActorsQuery(spec: TrendsSpec, point: ActorsPoint, ctx: InsightContext): Promise<HSelectQuery> {
  const index = point.series ?? 0;
  const node = Number.isInteger(index) ? spec.series[index] : undefined;
  if (!node) throw bad(`series must be the index of one of the query's ${spec.series.length} series`);
  if (node.math === 'unique_group' || spec.groupTypeIndex !== null) throw bad('The actors of this series are groups, which are not supported yet');
  const period = pickPeriod(spec, point, ctx);
  const window = pointWindow(spec, node.math ?? 'total', period, point.day, ctx);
  const timestamp = hField('timestamp');
  const rows = async () => seriesRowsQuery(spec, node, period, ctx);
  if (mathKind(node.math ?? 'total') === 'first_time') {
    const persons = await firstTimePersons(spec, node, period, ctx);
    const breakdown = await breakdownCondition(spec, point.breakdown, column('breakdown_value'), rows);
    const conditions = [...windowConditions(column('cond_ts'), window), ...(breakdown ? [breakdown] : [])];
    return select([column('actor_id')], persons, { where: hAnd(conditions) });
  }
  const filters = await seriesFilters(spec, node, ctx);
  const key = spec.breakdowns.length > 0 ? await breakdownKeyExpr(spec.breakdowns) : undefined;
  const breakdown = key ? await breakdownCondition(spec, point.breakdown, key, rows) : undefined;
  const conditions = [
    ...(filters.event ? [filters.event] : []),
    ...filters.properties,
    ...windowConditions(timestamp, window),
    ...(breakdown ? [breakdown] : []),
  ];
  return select([alias('actor_id', hField('person_id')), alias('event_count', hCall('count'))], 'events', {
    where: hAnd(conditions),
    groupBy: [column('actor_id')],
  });
}

function pickPeriod(spec: TrendsSpec, point: ActorsPoint, ctx: InsightContext): TrendsPeriod {
  const periods = trendsPeriods(spec, ctx);
  if (point.compare === 'previous') {
    if (periods.length < 2) throw bad('compare "previous" needs a query that compares');
    return periods[1];
  }
  if (point.compare !== undefined && point.compare !== null && point.compare !== 'current') throw bad('compare must be current or previous');
  return periods[0];
}

function pointWindow(spec: TrendsSpec, math: string, period: TrendsPeriod, day: ActorsPoint['day'], ctx: InsightContext): Window {
  const { range } = period;
  const days = mathKind(math) === 'active' ? ACTIVE_WINDOW_DAYS[math] : null;
  if (spec.totalValue || day === undefined || day === null) {
    if (days === null) return { start: period.lower, end: null, to: range.to };
    const start = spec.totalValue ? totalActiveStart(range, days, ctx) : activeWindow(range.buckets[0], days, range.interval, ctx).start;
    return { start, end: null, to: range.to };
  }
  const index = range.buckets.findIndex((b) => bucketDay(b, range.interval, ctx.timezone) === String(day));
  if (index < 0) throw bad(`day ${JSON.stringify(day).slice(0, 40)} is not one of the query's days`);
  if (days !== null) return { ...activeWindow(range.buckets[index], days, range.interval, ctx), to: range.to };
  const bucket = bucketWindow(period, index, ctx);
  return { start: spec.cumulative ? period.lower : bucket.start, end: bucket.end, to: range.to };
}

function windowConditions(timestamp: HExpr, window: Window): HExpr[] {
  return [
    hCompare('>=', timestamp, hConstant(window.start)),
    ...(window.end ? [hCompare('<', timestamp, hConstant(window.end))] : []),
    hCompare('<=', timestamp, hConstant(window.to)),
  ];
}

/** A point's breakdown value as a condition on `key`; Other means "none of the top values". */
async function breakdownCondition(spec: TrendsSpec, value: unknown, key: HExpr, rows: () => Promise<HSelectQuery>): Promise<HExpr | undefined> {
  if (spec.breakdowns.length === 0 || value === undefined || value === null) return undefined;
  if (isOtherBreakdown(value)) return hNot(hCompare('in', key, topValuesQuery(await rows(), spec.breakdowns, spec.breakdownLimit)));
  if (spec.breakdowns.length === 1) {
    if (typeof value === 'object') throw bad('breakdown must be a single value');
    return hCompare('==', key, hConstant(String(value)));
  }
  if (!Array.isArray(value) || value.length !== spec.breakdowns.length) {
    throw bad(`breakdown must be a list of ${spec.breakdowns.length} values`);
  }
  return hCompare('==', key, array(value.map((v) => hConstant(String(v)))));
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
