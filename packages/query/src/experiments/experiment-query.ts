import { hCall, hConstant, type HExpr, type HSelectQuery } from '../hogql/hogql-ast.js';
import { HogQLError } from '../hogql/hogql-error.js';
import { addIntervals, alignDown, bucketDay } from '../insights/date-range.js';
import { passThrough } from '../insights/funnels/funnel-arrays.js';
import { alias, array, hx, ref, select } from '../insights/funnels/funnel-hogql.js';
import type { InsightContext } from '../insights/insight-context.js';
import { compileInsightStatement, type InsightPlan } from '../insights/insight-statement.js';
import { orderedPositions, reachedFlags, sourceValue, windowEvents } from './experiment-metric-values.js';
import { elementLayout, personRows } from './experiment-person-rows.js';
import { boundsOf, variantRows, type CappingBounds, type VariantStatistics } from './experiment-rows.js';
import type { ExperimentSpec } from './experiment-spec.js';

/*
 * The SQL behind experiment results (rest-api.md 2.16): one scan of events grouped by person (the first exposure,
 * its variant, how many variants, the metric events as tuples), the person's metric value from the events after
 * exposure and inside the conversion window, then per variant the sufficient statistics the tests need — samples,
 * sums, sums of squares, the ratio's denominator sums and cross products, a funnel's step counts and, for mean
 * metrics, CUPED's pre-exposure covariate. Persons exposed to several variants land in `$multiple` under `exclude`.
 */

/** Persons exposed to more than one variant, under `multiple_variant_handling: exclude`. */
export const MULTIPLE_VARIANTS = '$multiple';

/** Without a conversion window, CUPED's covariate looks this far back before exposure. */
const DEFAULT_COVARIATE_MS = 14 * 86_400_000;
const MAX_TIMESERIES_DAYS = 400;

export interface ExperimentPlanOptions {
  /** Also a cumulative row per variant and day (`day` set), as of the end of that day (the last day's is the whole). */
  timeseries?: boolean;
  /** Outlier caps from `planCappingBounds`, for mean metrics with percentiles. */
  bounds?: CappingBounds | null;
}

/**
 * Compiles the per-variant statistics of one experiment metric (plus, with `timeseries`, per variant and day).
 * @example (await planExperimentStatistics(spec, ctx)).statements.length // => 1
 */
export async function planExperimentStatistics(spec: ExperimentSpec, ctx: InsightContext, options: ExperimentPlanOptions = {}): Promise<InsightPlan<VariantStatistics[]>> {
  const days = options.timeseries ? dayEnds(spec, ctx) : null;
  let rows = await metricRows(spec, ctx, days?.map((d) => d.end.getTime()) ?? null);
  if (options.bounds) rows = capped(rows, options.bounds);
  const statement = compileInsightStatement(await perVariant(spec, rows, days !== null), ctx);
  const labels = new Map(days?.map((d) => [d.end.getTime(), d.label]));
  const lastDay = days?.at(-1)?.label;
  return { statements: [statement], shape: ([result]) => withOverall(variantRows(result, labels), lastDay) };
}

/**
 * The lower and upper outlier caps of a mean metric: its percentiles over the exposed persons' values (zeros left
 * out with `ignore_zeros`). Exact quantiles, so results are deterministic.
 * @example (await planCappingBounds(spec, ctx)).statements[0].sql // SELECT quantileExact(…)(v) …
 */
export async function planCappingBounds(spec: ExperimentSpec, ctx: InsightContext): Promise<InsightPlan<CappingBounds>> {
  if (!spec.capping) throw new HogQLError('unsupported', 'The metric has no outlier percentiles');
  const rows = await metricRows(spec, ctx, null);
  const quantile = (p: number | null) => (p === null ? hConstant(null) : { ...hCall('quantileExact', ref('v')), params: [hConstant(p)] });
  const where = [await hx`variant_key != ${MULTIPLE_VARIANTS}`, ...(spec.capping.ignoreZeros ? [await hx`v != 0`] : [])];
  const query = select({
    select: [alias(quantile(spec.capping.lower), 'lower'), alias(quantile(spec.capping.upper), 'upper')],
    from: rows,
    where: where.length === 1 ? where[0] : { node: 'And', exprs: where },
  });
  return { statements: [compileInsightStatement(query, ctx)], shape: ([result]) => boundsOf(result) };
}

/** One row per exposed person (and day): `variant_key`, `v`, and the columns its metric needs (`d`, `c`, `r_j`). */
async function metricRows(spec: ExperimentSpec, ctx: InsightContext, days: number[] | null): Promise<HSelectQuery> {
  const covariateMs = spec.metric.metric_type === 'mean' ? (spec.windowMs ?? DEFAULT_COVARIATE_MS) : 0;
  const persons = await personRows(spec, ctx, covariateMs);
  const end = spec.to.getTime() + 1;
  const windowEnd = spec.windowMs === null ? hConstant(end) : await hx`least(exposed_at + ${spec.windowMs}, ${end})`;
  const variantKey = spec.excludeMultiple ? await hx`if(variant_count > 1, ${MULTIPLE_VARIANTS}, variant)` : ref('variant');
  const base: HExpr[] = [alias(variantKey, 'variant_key'), ref('exposed_at'), ref('evs')];
  if (days) {
    base.push(alias(await hx`arrayJoin(arrayFilter(d -> d > exposed_at, ${array(days.map((d) => hConstant(d)))}))`, 'day'));
  }
  const withDay = select({ select: base, from: persons });
  const carried = ['variant_key', 'exposed_at', 'evs', ...(days ? ['day'] : [])];
  const bounded = select({
    select: [...passThrough(carried), alias(days ? await hx`least(${windowEnd}, day)` : windowEnd, 'hi')],
    from: withDay,
  });
  const keep = ['variant_key', ...(days ? ['day'] : [])];
  const layout = elementLayout(spec);
  if (spec.metric.metric_type === 'funnel') return funnelRows(spec, layout, bounded, keep);
  const value = await sourceValue(spec.sources[0], 0, layout, ref('exposed_at'), ref('hi'));
  const columns = [...passThrough(keep), alias(value, 'v')];
  if (spec.metric.metric_type === 'ratio') columns.push(alias(await sourceValue(spec.sources[1], 1, layout, ref('exposed_at'), ref('hi')), 'd'));
  else columns.push(alias(await sourceValue(spec.sources[0], 0, layout, await hx`exposed_at - ${covariateMs}`, ref('exposed_at')), 'c'));
  return select({ select: columns, from: bounded });
}

async function funnelRows(spec: ExperimentSpec, layout: ReturnType<typeof elementLayout>, bounded: HSelectQuery, keep: string[]): Promise<HSelectQuery> {
  let rows = select({ select: [...passThrough(keep), await windowEvents(ref('exposed_at'), ref('hi'))], from: bounded });
  const carried = [...keep, 'w'];
  if (spec.order === 'ordered') {
    for (const layer of await orderedPositions(spec, layout)) {
      rows = select({ select: [...passThrough(carried), ...layer], from: rows });
      carried.push(...layer.map((column) => (column as { alias: string }).alias));
    }
  }
  const flags = await reachedFlags(spec, layout);
  const reached = select({ select: [...passThrough(keep), ...flags], from: rows });
  const n = spec.sources.length;
  return select({ select: [...passThrough(keep), ...flags.map((_, j) => ref(`r_${j + 1}`)), alias(ref(`r_${n}`), 'v')], from: reached });
}

function capped(rows: HSelectQuery, bounds: CappingBounds): HSelectQuery {
  const columns = rows.select.map((column) => {
    if (column.node !== 'Alias' || column.alias !== 'v') return column;
    let value = column.expr;
    if (bounds.lower !== null) value = hCall('greatest', value, hCall('toFloat64', hConstant(bounds.lower)));
    if (bounds.upper !== null) value = hCall('least', value, hCall('toFloat64', hConstant(bounds.upper)));
    return alias(value, 'v');
  });
  return { ...rows, select: columns };
}

/** Sufficient statistics per variant (and day): count, sums, squares and cross products, step counts. */
async function perVariant(spec: ExperimentSpec, rows: HSelectQuery, byDay: boolean): Promise<HSelectQuery> {
  const metric = spec.metric.metric_type;
  const zero = await hx`toFloat64(0)`;
  const d = metric === 'ratio' ? ref('d') : zero;
  const c = metric === 'mean' ? ref('c') : zero;
  const steps: HExpr[] = [];
  if (metric === 'funnel') for (let j = 1; j <= spec.sources.length; j++) steps.push(await hx`sum(${ref(`r_${j}`)})`);
  const query = select({
    select: [
      ref('variant_key'),
      alias(byDay ? ref('day') : zero, 'day_end'),
      alias(await hx`count()`, 'n'),
      alias(await hx`sum(v)`, 's'),
      alias(await hx`sum(v * v)`, 'ss'),
      alias(await hx`sum(${d})`, 'ds'),
      alias(await hx`sum(${d} * ${d})`, 'dss'),
      alias(await hx`sum(v * ${d})`, 'vd'),
      alias(await hx`sum(${c})`, 'cs'),
      alias(await hx`sum(${c} * ${c})`, 'css'),
      alias(await hx`sum(v * ${c})`, 'vc'),
      alias(array(steps), 'steps'),
    ],
    from: rows,
    groupBy: byDay ? [ref('variant_key'), ref('day')] : [ref('variant_key')],
  });
  return query;
}

/** With a cumulative chart, the whole experiment's rows are its last day's (which runs to the end). */
function withOverall(rows: VariantStatistics[], lastDay: string | undefined): VariantStatistics[] {
  if (lastDay === undefined) return rows;
  return [...rows, ...rows.filter((r) => r.day === lastDay).map((r) => ({ ...r, day: null }))];
}

/** The days of the cumulative chart: each day's end (exclusive, capped at the experiment's end) and its label. */
function dayEnds(spec: ExperimentSpec, ctx: InsightContext): { end: Date; label: string }[] {
  const days: { end: Date; label: string }[] = [];
  const last = spec.to.getTime() + 1;
  for (let start = alignDown(spec.from, 'day', ctx); start < spec.to; start = addIntervals(start, 'day', 1, ctx)) {
    if (days.length >= MAX_TIMESERIES_DAYS) throw new HogQLError('unsupported', `The cumulative chart covers at most ${MAX_TIMESERIES_DAYS} days`);
    const next = addIntervals(start, 'day', 1, ctx);
    // The last day runs to the very end, so its figures are the whole experiment's.
    days.push({ end: new Date(next < spec.to ? next.getTime() : last), label: bucketDay(start, 'day', ctx.timezone) });
  }
  return days;
}
