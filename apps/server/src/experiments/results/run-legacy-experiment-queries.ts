import type { ExperimentDefinition, ExperimentMetric } from '@warren/query/experiments/experiment-spec';
import type { VariantStatistics } from '@warren/query/experiments/experiment-rows';
import type { SeriesNode } from '@warren/query/insights/series';
import type { ExperimentFunnelsQueryResponseApi, ExperimentTrendsQueryResponseApi } from '@warren/shared/experiment-results-api';
import { legacyFunnelsStatistics } from '@warren/stats/legacy-funnels';
import { legacyTrendsStatistics } from '@warren/stats/legacy-trends';
import type { Calculation } from '../../query/query-executor.js';
import { parseError } from '../../query/query-errors.js';
import { computedFields } from '../../query/response-fields.js';
import type { Deadline } from '../../query/run-statements.js';
import { judgementOf, metricStatistics, type ExperimentRunDeps } from './run-experiment-query.js';
import { srmCheck } from './experiment-results-shape.js';

/*
 * The legacy experiment kinds (rest-api.md 2.16), answered by the same exposure rules and SQL as ExperimentQuery:
 * the first exposure per person, only events after it. Their figures are PostHog's stats v2 (packages/stats legacy-*).
 */

/**
 * `ExperimentFunnelsQuery`: the funnel's conversion per variant (success = completed every step after exposure,
 * failure = exposed without completing), chance each variant is best, credible intervals of the rates.
 * Example: (await runExperimentFunnelsQuery(node, deps, deadline, signal)).response.variants[0].success_count // 500
 */
export async function runExperimentFunnelsQuery(node: Record<string, unknown>, deps: ExperimentRunDeps, deadline: Deadline, signal: AbortSignal): Promise<Calculation> {
  const started = performance.now();
  const funnels = objectField(node, 'funnels_query');
  const filter = (funnels.funnelsFilter ?? {}) as Record<string, unknown>;
  const metric: ExperimentMetric = {
    metric_type: 'funnel',
    series: (funnels.series ?? []) as SeriesNode[],
    funnel_order_type: filter.funnelOrderType === 'unordered' ? 'unordered' : 'ordered',
    conversion_window: typeof filter.funnelWindowInterval === 'number' ? filter.funnelWindowInterval : 14,
    conversion_window_unit: (filter.funnelWindowIntervalUnit as 'day' | undefined) ?? 'day',
  };
  const stats = await metricStatistics(node.experiment_id, metric, deps, deadline, signal, false, withTestAccounts(funnels));
  const judgement = judgementOf(stats, metric);
  const rows = variantRows(stats.rows, judgement.variantKeys);
  const variants = rows.map((r) => ({ key: r.key, success_count: r.sum, failure_count: r.number_of_samples - r.sum }));
  const verdict = legacyFunnelsStatistics(variants, judgement.confidenceLevel);
  const response: ExperimentFunnelsQueryResponseApi = {
    kind: 'ExperimentFunnelsQuery',
    insight: rows.map((r) => funnelSteps(r, metric.series)),
    variants,
    probability: verdict.probability,
    significant: verdict.significant,
    significance_code: verdict.significance_code,
    expected_loss: verdict.expected_loss,
    credible_intervals: verdict.credible_intervals,
    stats_version: 2,
    funnels_query: funnels,
    srm: srmCheck(stats.rows.filter((r) => r.day === null), judgement),
  };
  return { response: { ...response, ...computedFields(performance.now() - started) }, dateFrom: stats.spec.from, dateTo: stats.spec.to };
}

/**
 * `ExperimentTrendsQuery`: the count query's first series per variant (events after exposure; `math` total by
 * default), exposure relative to control, and PostHog's Gamma–Poisson figures; `insight` is the cumulative count per
 * day and variant. Example: (await runExperimentTrendsQuery(node, deps, deadline, signal)).response.variants[1].exposure // 1.02
 */
export async function runExperimentTrendsQuery(node: Record<string, unknown>, deps: ExperimentRunDeps, deadline: Deadline, signal: AbortSignal): Promise<Calculation> {
  const started = performance.now();
  const count = objectField(node, 'count_query');
  const series = Array.isArray(count.series) ? (count.series as SeriesNode[]) : [];
  if (series.length === 0) throw parseError("Field 'query.count_query.series' needs a series.");
  const metric: ExperimentMetric = { metric_type: 'mean', source: series[0] };
  const exposure = node.exposure_query as Record<string, unknown> | null | undefined;
  const stats = await metricStatistics(node.experiment_id, metric, deps, deadline, signal, true, withExposure(withTestAccounts(count), exposure));
  const judgement = judgementOf(stats, metric);
  const overall = variantRows(stats.rows.filter((r) => r.day === null), judgement.variantKeys);
  const controlExposure = overall[0]?.number_of_samples ?? 0;
  const variants = overall.map((r) => ({
    key: r.key,
    count: r.sum,
    exposure: controlExposure > 0 ? r.number_of_samples / controlExposure : 0,
    absolute_exposure: r.number_of_samples,
  }));
  const verdict = legacyTrendsStatistics(variants, judgement.confidenceLevel);
  const response: ExperimentTrendsQueryResponseApi = {
    kind: 'ExperimentTrendsQuery',
    insight: judgement.variantKeys.map((key) => cumulativeCounts(stats.rows.filter((r) => r.key === key && r.day !== null), key)),
    variants,
    probability: verdict.probability,
    significant: verdict.significant,
    significance_code: verdict.significance_code,
    p_value: verdict.p_value,
    credible_intervals: verdict.credible_intervals,
    stats_version: 2,
    count_query: count,
    exposure_query: exposure ?? null,
    srm: srmCheck(stats.rows.filter((r) => r.day === null), judgement),
  };
  return { response: { ...response, ...computedFields(performance.now() - started) }, dateFrom: stats.spec.from, dateTo: stats.spec.to };
}

function objectField(node: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = node[name];
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw parseError(`Field 'query.${name}' is required.`);
  return value as Record<string, unknown>;
}

type Adjust = (definition: ExperimentDefinition) => ExperimentDefinition;

/** A legacy query's own `filterTestAccounts` decides, as PostHog's legacy runners let the inner query decide. */
function withTestAccounts(query: Record<string, unknown>): Adjust {
  return (d) => ({ ...d, exposureCriteria: { ...d.exposureCriteria, filterTestAccounts: query.filterTestAccounts === true } });
}

/** A custom `exposure_query` (an event other than `$feature_flag_called`) becomes the exposure event. */
function withExposure(adjust: Adjust, exposure: Record<string, unknown> | null | undefined): Adjust {
  const first = (Array.isArray(exposure?.series) ? exposure.series[0] : null) as { event?: unknown; properties?: unknown } | null;
  if (!first || typeof first.event !== 'string' || first.event === '$feature_flag_called') return adjust;
  const config = { kind: 'ExperimentEventExposureConfig' as const, event: first.event, properties: Array.isArray(first.properties) ? first.properties : [] };
  return (d) => {
    const adjusted = adjust(d);
    return { ...adjusted, exposureCriteria: { ...adjusted.exposureCriteria, exposure_config: config } };
  };
}

/** The flag's variants in order, each with its row (zeros when nobody was exposed). */
function variantRows(rows: readonly VariantStatistics[], keys: readonly string[]): VariantStatistics[] {
  return keys.map((key) => rows.find((r) => r.key === key && r.day === null) ?? { ...ZERO, key });
}

const ZERO: VariantStatistics = {
  key: '', day: null, number_of_samples: 0, sum: 0, sum_squares: 0, denominator_sum: 0, denominator_sum_squares: 0,
  numerator_denominator_sum_product: 0, covariate_sum: 0, covariate_sum_squares: 0, covariate_sum_product: 0, step_counts: [],
};

function funnelSteps(row: VariantStatistics, series: SeriesNode[]): Record<string, unknown>[] {
  return series.map((node, i) => ({
    action_id: node.kind === 'EventsNode' ? (node.event ?? null) : node.id,
    name: node.kind === 'EventsNode' ? (node.event ?? 'All events') : String(node.id),
    custom_name: node.custom_name ?? null,
    order: i,
    type: node.kind === 'EventsNode' ? 'events' : 'actions',
    count: row.step_counts[i] ?? 0,
    people: [],
    breakdown: [row.key],
    breakdown_value: [row.key],
  }));
}

function cumulativeCounts(days: readonly VariantStatistics[], key: string): Record<string, unknown> {
  const data = days.map((d) => d.sum);
  return { label: key, breakdown_value: key, days: days.map((d) => d.day), labels: days.map((d) => d.day), data, count: data.at(-1) ?? 0 };
}
