import { HogQLError } from '../hogql/hogql-error.js';
import type { PropertyFilter } from '../hogql/property-filter.js';
import type { InsightContext } from '../insights/insight-context.js';
import { assertSeriesNode, type ActionsNode, type EventsNode, type SeriesNode } from '../insights/series.js';

/** What the results compiler needs to know about an experiment (read by the server from its row and its flag). */
export interface ExperimentDefinition {
  id: number;
  flagKey: string;
  /** The flag's variants in order; the first is the control. */
  variants: readonly { key: string; rolloutPercentage: number }[];
  startDate: Date | null;
  endDate: Date | null;
  exposureCriteria?: ExposureCriteria | null;
  /** The holdout's id when the experiment has one: its persons answer `holdout-<id>`. */
  holdoutId?: number | null;
}

/** PostHog's `ExperimentExposureCriteria`. */
export interface ExposureCriteria {
  filterTestAccounts?: boolean | null;
  exposure_config?: ExposureConfig | null;
  multiple_variant_handling?: 'exclude' | 'first_seen' | null;
}

/** A custom exposure event (`ExperimentEventExposureConfig`) or an action. */
export type ExposureConfig = { kind: 'ExperimentEventExposureConfig'; event: string; properties?: PropertyFilter[] | null } | ActionsNode;

export type ConversionWindowUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';

interface MetricBase {
  kind?: 'ExperimentMetric';
  uuid?: string;
  name?: string;
  conversion_window?: number | null;
  conversion_window_unit?: ConversionWindowUnit | null;
  goal?: 'increase' | 'decrease' | null;
}

export interface ExperimentMeanMetric extends MetricBase {
  metric_type: 'mean';
  source: SeriesNode;
  lower_bound_percentile?: number | null;
  upper_bound_percentile?: number | null;
  ignore_zeros?: boolean | null;
}

export interface ExperimentFunnelMetric extends MetricBase {
  metric_type: 'funnel';
  series: SeriesNode[];
  funnel_order_type?: 'ordered' | 'unordered' | 'strict' | null;
}

export interface ExperimentRatioMetric extends MetricBase {
  metric_type: 'ratio';
  numerator: SeriesNode;
  denominator: SeriesNode;
}

export type ExperimentMetric = ExperimentMeanMetric | ExperimentFunnelMetric | ExperimentRatioMetric;

/** The maths a mean or ratio source may take per person. */
export const SOURCE_MATHS = ['total', 'sum', 'avg', 'min', 'max', 'dau', 'unique_session'] as const;
export type SourceMath = (typeof SOURCE_MATHS)[number];

export interface MetricSource {
  node: SeriesNode;
  math: SourceMath;
}

/** An experiment and one metric, validated: everything the SQL is built from. */
export interface ExperimentSpec {
  experiment: ExperimentDefinition;
  metric: ExperimentMetric;
  /** The experiment's variant keys, control first, then the holdout's key when there is one. */
  variantKeys: string[];
  holdoutKey: string | null;
  exposure: { kind: 'flag_called' } | { kind: 'event'; node: EventsNode | ActionsNode };
  excludeMultiple: boolean;
  filterTestAccounts: boolean;
  from: Date;
  to: Date;
  /** Milliseconds after exposure that count; null: up to the end of the experiment. */
  windowMs: number | null;
  /** Funnel steps, or the mean's source, or the ratio's numerator then denominator. */
  sources: MetricSource[];
  order: 'ordered' | 'unordered';
  capping: { lower: number | null; upper: number | null; ignoreZeros: boolean } | null;
}

const UNIT_MS: Record<ConversionWindowUnit, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  // As funnels measure it (funnels-spec.ts).
  month: 31 * 86_400_000,
};

/**
 * Validates an experiment and a metric into the spec the SQL is built from; bad input is an `unsupported` HogQLError
 * (a 400). @example experimentSpec(experiment, { metric_type: 'funnel', series: [a, b] }, ctx).sources.length // => 2
 */
export function experimentSpec(experiment: ExperimentDefinition, metric: ExperimentMetric, ctx: InsightContext): ExperimentSpec {
  if (!metric || typeof metric !== 'object') throw bad('metric must be an object');
  if (experiment.variants.length === 0) throw bad('The experiment has no variants');
  const criteria = experiment.exposureCriteria ?? {};
  const holdoutKey = typeof experiment.holdoutId === 'number' ? `holdout-${experiment.holdoutId}` : null;
  const from = experiment.startDate ?? ctx.now;
  const to = experiment.endDate && experiment.endDate < ctx.now ? experiment.endDate : ctx.now;
  return {
    experiment,
    metric,
    variantKeys: [...experiment.variants.map((v) => v.key), ...(holdoutKey ? [holdoutKey] : [])],
    holdoutKey,
    exposure: exposureOf(criteria.exposure_config, ctx),
    excludeMultiple: criteria.multiple_variant_handling !== 'first_seen',
    filterTestAccounts: criteria.filterTestAccounts === true,
    from,
    to: to < from ? from : to,
    windowMs: windowOf(metric),
    ...metricParts(metric, ctx),
  };
}

function exposureOf(config: ExposureConfig | null | undefined, ctx: InsightContext): ExperimentSpec['exposure'] {
  if (!config) return { kind: 'flag_called' };
  if (config.kind === 'ExperimentEventExposureConfig') {
    if (typeof config.event !== 'string' || config.event === '') throw bad('exposure_config.event must be an event name');
    if (config.event === '$feature_flag_called' && !config.properties?.length) return { kind: 'flag_called' };
    return { kind: 'event', node: { kind: 'EventsNode', event: config.event, properties: config.properties ?? null } };
  }
  return { kind: 'event', node: assertSeriesNode(config, ctx, 'exposure_config') as ActionsNode };
}

function windowOf(metric: ExperimentMetric): number | null {
  const size = metric.conversion_window;
  if (size === undefined || size === null) return null;
  if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw bad('conversion_window must be a positive integer');
  const unit = metric.conversion_window_unit ?? 'day';
  if (!Object.hasOwn(UNIT_MS, unit)) throw bad(`conversion_window_unit must be one of ${Object.keys(UNIT_MS).join(', ')}`);
  return size * UNIT_MS[unit];
}

type MetricParts = Pick<ExperimentSpec, 'sources' | 'order' | 'capping'>;

function metricParts(metric: ExperimentMetric, ctx: InsightContext): MetricParts {
  switch (metric.metric_type) {
    case 'funnel': {
      if (!Array.isArray(metric.series) || metric.series.length === 0) throw bad('A funnel metric needs at least one step in series');
      if (metric.series.length > 20) throw bad('A funnel metric takes at most 20 steps');
      const order = metric.funnel_order_type ?? 'ordered';
      if (order !== 'ordered' && order !== 'unordered') throw bad(`funnel_order_type ${String(order).slice(0, 20)} is not supported for experiment metrics`);
      const sources = metric.series.map((node, i) => ({ node: assertSeriesNode(node, ctx, `series[${i}]`), math: 'total' as const }));
      return { sources, order, capping: null };
    }
    case 'mean':
      return { sources: [sourceOf(metric.source, 'source', ctx)], order: 'ordered', capping: cappingOf(metric) };
    case 'ratio':
      return { sources: [sourceOf(metric.numerator, 'numerator', ctx), sourceOf(metric.denominator, 'denominator', ctx)], order: 'ordered', capping: null };
    default:
      throw bad(`metric_type must be mean, funnel or ratio`);
  }
}

function sourceOf(node: SeriesNode, where: string, ctx: InsightContext): MetricSource {
  const checked = assertSeriesNode(node, ctx, where);
  const math = checked.math ?? 'total';
  if (!(SOURCE_MATHS as readonly string[]).includes(math)) throw bad(`${where}: math must be one of ${SOURCE_MATHS.join(', ')}`);
  const needsProperty = math === 'sum' || math === 'avg' || math === 'min' || math === 'max';
  if (needsProperty && (typeof checked.math_property !== 'string' || checked.math_property === '')) throw bad(`${where}: math ${math} needs math_property`);
  return { node: checked, math: math as SourceMath };
}

function cappingOf(metric: ExperimentMeanMetric): ExperimentSpec['capping'] {
  const lower = percentile(metric.lower_bound_percentile, 'lower_bound_percentile');
  const upper = percentile(metric.upper_bound_percentile, 'upper_bound_percentile');
  if (lower === null && upper === null) return null;
  if (lower !== null && upper !== null && lower >= upper) throw bad('lower_bound_percentile must be below upper_bound_percentile');
  return { lower, upper, ignoreZeros: metric.ignore_zeros === true };
}

function percentile(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) throw bad(`${where} must be a number between 0 and 1`);
  return value;
}

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
