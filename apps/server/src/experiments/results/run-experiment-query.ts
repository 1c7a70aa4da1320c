import { planCappingBounds, planExperimentStatistics } from '@warren/query/experiments/experiment-query';
import type { VariantStatistics } from '@warren/query/experiments/experiment-rows';
import { experimentSpec, type ExperimentDefinition, type ExperimentMetric, type ExperimentSpec } from '@warren/query/experiments/experiment-spec';
import { resolvedDateRangeJson } from '@warren/query/insights/date-range';
import type { InsightContext } from '@warren/query/insights/insight-context';
import type { ExperimentQueryResponseApi, ExperimentTimeseriesPointApi } from '@warren/shared/experiment-results-api';
import type { Calculation } from '../../query/query-executor.js';
import { parseError } from '../../query/query-errors.js';
import { computedFields } from '../../query/response-fields.js';
import { runStatements, type Deadline } from '../../query/run-statements.js';
import type { EventStore } from '../../storage/event-store.js';
import type { MetaDb } from '../../storage/meta-schema.js';
import { loadExperiment, type LoadedExperiment } from './experiment-results-loader.js';
import { excludedCount, figures, holdoutFigures, srmCheck, timeseriesFigures, warningsFor, type Judgement } from './experiment-results-shape.js';
import { withEarlierLooks } from './peeking-safe-figures.js';

/** What running an experiment query needs: the stores and the insight context of the project. */
export interface ExperimentRunDeps {
  store: Pick<EventStore, 'query'>;
  db: MetaDb;
  teamId: number;
  contextFor(query: object, deadline: Deadline, signal: AbortSignal): Promise<InsightContext>;
}

/** The per-variant statistics of a metric, computed for an experiment: the rows and the spec they came from. */
export interface MetricStatistics {
  experiment: LoadedExperiment;
  spec: ExperimentSpec;
  rows: VariantStatistics[];
}

/**
 * Loads the experiment, compiles the metric and runs it (the outlier caps first when the metric asks for them).
 * Example: (await metricStatistics(5, metric, deps, deadline, signal, false)).rows[0].number_of_samples // 5000
 */
export async function metricStatistics(
  experimentId: unknown,
  metric: ExperimentMetric,
  deps: ExperimentRunDeps,
  deadline: Deadline,
  signal: AbortSignal,
  timeseries: boolean,
  adjust: (definition: ExperimentDefinition) => ExperimentDefinition = (d) => d,
): Promise<MetricStatistics> {
  if (typeof experimentId !== 'number' || !Number.isInteger(experimentId)) throw parseError("Field 'query.experiment_id' is required and must be an integer.");
  const experiment = await loadExperiment(deps.db, deps.teamId, experimentId);
  const ctx = await deps.contextFor({ metric }, deadline, signal);
  const spec = experimentSpec(adjust(experiment.definition), metric, ctx);
  let bounds = null;
  if (spec.capping) {
    const plan = await planCappingBounds(spec, ctx);
    bounds = plan.shape(await runStatements(deps.store, plan.statements, deadline, signal));
  }
  const plan = await planExperimentStatistics(spec, ctx, { timeseries, bounds });
  return { experiment, spec, rows: plan.shape(await runStatements(deps.store, plan.statements, deadline, signal)) };
}

/** How a metric's figures are judged for an experiment. */
export function judgementOf(stats: Pick<MetricStatistics, 'experiment' | 'spec'>, metric: ExperimentMetric): Judgement {
  return {
    metricType: metric.metric_type,
    goal: metric.goal === 'decrease' ? 'decrease' : 'increase',
    method: stats.experiment.method,
    confidenceLevel: stats.experiment.confidenceLevel,
    variantKeys: stats.experiment.definition.variants.map((v) => v.key),
    split: stats.experiment.split,
    holdoutKey: stats.spec.holdoutKey,
    cuped: stats.experiment.cuped,
  };
}

/**
 * `ExperimentQuery` (rest-api.md 2.16): per-variant statistics of one metric from the SQL, the method's figures from
 * packages/stats, the sample-ratio check and warnings; with `include_timeseries: true`, the cumulative chart per day.
 * Example: (await runExperimentQuery(node, deps, deadline, signal)).response.variant_results[0].significant // true
 */
export async function runExperimentQuery(node: Record<string, unknown>, deps: ExperimentRunDeps, deadline: Deadline, signal: AbortSignal): Promise<Calculation> {
  const started = performance.now();
  const metric = node.metric as ExperimentMetric;
  if (!metric || typeof metric !== 'object' || Array.isArray(metric)) throw parseError("Field 'query.metric' is required.");
  const timeseries = node.include_timeseries === true;
  const stats = await metricStatistics(node.experiment_id, metric, deps, deadline, signal, timeseries);
  const judgement = judgementOf(stats, metric);
  const overall = stats.rows.filter((r) => r.day === null);
  const result = figures(overall, judgement);
  const srm = srmCheck(overall, judgement);
  const response: ExperimentQueryResponseApi = {
    kind: 'ExperimentQuery',
    metric: metric as unknown as Record<string, unknown>,
    baseline: result.baseline,
    variant_results: result.variant_results,
    holdout: holdoutFigures(overall, judgement),
    srm,
    warnings: warningsFor(overall, judgement, srm, stats.experiment.definition.startDate !== null),
    excluded_multiple_variants: excludedCount(overall),
    cuped_applied: result.cuped_applied,
    stats_method: judgement.method,
    significant: result.variant_results.some((v) => v.significant),
    resolved_date_range: resolvedDateRangeJson(stats.spec),
  };
  if (timeseries) {
    response.timeseries = withRunningSequential(timeseriesFigures(stats.rows.filter((r) => r.day !== null), judgement), judgement.confidenceLevel);
    response.variant_results = response.variant_results.map((v) => ({
      ...v,
      sequential: withEarlierLooks(v.sequential ?? null, response.timeseries!.map((day) => day.variant_results.find((d) => d.key === v.key)?.sequential), judgement.confidenceLevel),
    }));
  }
  return {
    response: { ...response, ...computedFields(performance.now() - started) },
    dateFrom: stats.spec.from,
    dateTo: stats.spec.to,
  };
}

/** Each day's sequential reading as of that day: the smallest p-value so far, the intersection of the sequences so far. */
function withRunningSequential(days: ExperimentTimeseriesPointApi[], confidenceLevel: number): ExperimentTimeseriesPointApi[] {
  return days.map((day, i) => ({
    ...day,
    variant_results: day.variant_results.map((v) => ({
      ...v,
      sequential: withEarlierLooks(v.sequential ?? null, days.slice(0, i).map((d) => d.variant_results.find((e) => e.key === v.key)?.sequential), confidenceLevel),
    })),
  }));
}
