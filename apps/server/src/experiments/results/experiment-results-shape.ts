import type { VariantStatistics as VariantRow } from '@warren/query/experiments/experiment-rows';
import { MULTIPLE_VARIANTS } from '@warren/query/experiments/experiment-query';
import type {
  ExperimentSrmApi,
  ExperimentStatsBaseApi,
  ExperimentTimeseriesPointApi,
  ExperimentVariantResultApi,
  ExperimentWarningApi,
} from '@warren/shared/experiment-results-api';
import { compareVariants } from '@warren/stats/compare-variants';
import { sampleRatioMismatch, SRM_THRESHOLD } from '@warren/stats/sample-ratio-mismatch';
import type { MetricType, VariantStatistics } from '@warren/stats/stats-types';
import { MINIMUM_SAMPLES } from '@warren/stats/validate-variant';
import { holmAcrossVariants, sequentialFigures } from './peeking-safe-figures.js';

/** How the figures are judged: the experiment's method and level, the metric's type and goal. */
export interface Judgement {
  metricType: MetricType;
  goal: 'increase' | 'decrease';
  method: 'bayesian' | 'frequentist';
  confidenceLevel: number;
  /** The flag's variants, control first, and their split. */
  variantKeys: readonly string[];
  split: Record<string, number>;
  holdoutKey: string | null;
  /** Use CUPED's covariate when there is one (mean metrics). */
  cuped?: boolean;
}

/** The figures of one point in time: baseline and per-variant results. */
export interface Figures {
  baseline: ExperimentStatsBaseApi;
  variant_results: ExperimentVariantResultApi[];
  cuped_applied: boolean;
}

/**
 * Every variant compared with control by packages/stats; a variant nobody was exposed to counts as 0 samples. Each
 * result also carries the always-valid sequential reading and, frequentist, the p-value adjusted for the number of
 * variants. Example: figures(rows, judgement).variant_results[0].chance_to_win // 0.97
 */
export function figures(rows: readonly VariantRow[], judgement: Judgement): Figures {
  const [controlKey, ...others] = judgement.variantKeys;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const statsOf = (key: string) => toStats(byKey.get(key) ?? emptyRow(key), judgement.metricType);
  const result = compareVariants({
    metricType: judgement.metricType,
    goal: judgement.goal,
    method: judgement.method,
    control: statsOf(controlKey),
    variants: others.map(statsOf),
    options: { confidenceLevel: judgement.confidenceLevel, cuped: judgement.cuped !== false },
  });
  const covariates = (key: string) => covariateFields(byKey.get(key), judgement.metricType);
  const adjusted = holmAcrossVariants(result.variant_results as ExperimentVariantResultApi[]);
  const variantResults = result.variant_results.map((v, i) => ({
    ...v,
    ...covariates(v.key),
    ...(judgement.method === 'frequentist' ? { p_value_adjusted: adjusted[i] } : {}),
    sequential: sequentialFigures(statsOf(controlKey), statsOf(v.key), judgement.metricType, judgement.confidenceLevel),
  }));
  return {
    baseline: { ...result.baseline, ...covariates(controlKey) },
    variant_results: variantResults as ExperimentVariantResultApi[],
    cuped_applied: result.cuped_applied,
  };
}

/** The holdout's figures (shown, never compared), or null without a holdout. */
export function holdoutFigures(rows: readonly VariantRow[], judgement: Judgement): ExperimentStatsBaseApi | null {
  if (!judgement.holdoutKey) return null;
  const row = rows.find((r) => r.key === judgement.holdoutKey) ?? emptyRow(judgement.holdoutKey);
  return echo(row, judgement.metricType);
}

/** The sample-ratio check over the variants' exposures against the flag's split. */
export function srmCheck(rows: readonly VariantRow[], judgement: Judgement): ExperimentSrmApi {
  const observed = Object.fromEntries(judgement.variantKeys.map((k) => [k, rows.find((r) => r.key === k)?.number_of_samples ?? 0]));
  const srm = sampleRatioMismatch(observed, judgement.split);
  return {
    p_value: srm.p_value,
    chi_square: srm.chi_square,
    threshold: SRM_THRESHOLD,
    mismatch: srm.mismatch,
    expected_shares: judgement.split,
    observed_counts: srm.observed,
  };
}

/** Plain-words warnings for the results page. */
export function warningsFor(rows: readonly VariantRow[], judgement: Judgement, srm: ExperimentSrmApi, started: boolean): ExperimentWarningApi[] {
  const warnings: ExperimentWarningApi[] = [];
  if (!started) warnings.push({ code: 'not_started', message: 'The experiment has not been launched yet, so nobody has been exposed.' });
  const counts = judgement.variantKeys.map((k) => rows.find((r) => r.key === k)?.number_of_samples ?? 0);
  if (started && counts.every((n) => n === 0)) {
    warnings.push({ code: 'no_exposures', message: 'No exposures yet: check that your code calls the feature flag (it sends $feature_flag_called).' });
  } else if (counts.some((n) => n < MINIMUM_SAMPLES)) {
    const few = judgement.variantKeys.filter((_, i) => counts[i] < MINIMUM_SAMPLES).join(', ');
    warnings.push({ code: 'low_exposure', message: `Too few exposures to judge yet (fewer than ${MINIMUM_SAMPLES} in ${few}).` });
  }
  if (srm.mismatch) {
    warnings.push({
      code: 'sample_ratio_mismatch',
      message: `Exposures are not split the way the flag assigns them (chi-square p = ${srm.p_value?.toExponential(2)}): assignment or exposure logging may be broken, so these results may be biased.`,
    });
  }
  const excluded = excludedCount(rows);
  if (excluded > 0) warnings.push({ code: 'multiple_variants_excluded', message: `${excluded} persons saw more than one variant and are left out.` });
  return warnings;
}

/** Persons left out for seeing several variants. */
export function excludedCount(rows: readonly VariantRow[]): number {
  return rows.find((r) => r.key === MULTIPLE_VARIANTS)?.number_of_samples ?? 0;
}

/** The cumulative chart: the figures as of the end of each day. */
export function timeseriesFigures(rows: readonly VariantRow[], judgement: Judgement): ExperimentTimeseriesPointApi[] {
  const days = [...new Set(rows.flatMap((r) => (r.day ? [r.day] : [])))].sort();
  return days.map((date) => {
    const { baseline, variant_results } = figures(rows.filter((r) => r.day === date), judgement);
    return { date, baseline, variant_results };
  });
}

function toStats(row: VariantRow, metricType: MetricType): VariantStatistics {
  const stats: VariantStatistics = { key: row.key, numberOfSamples: row.number_of_samples, sum: row.sum, sumSquares: row.sum_squares };
  if (metricType === 'ratio') {
    stats.denominatorSum = row.denominator_sum;
    stats.denominatorSumSquares = row.denominator_sum_squares;
    stats.numeratorDenominatorSumProduct = row.numerator_denominator_sum_product;
  }
  if (metricType === 'mean') {
    stats.covariateSum = row.covariate_sum;
    stats.covariateSumSquares = row.covariate_sum_squares;
    stats.covariateProductSum = row.covariate_sum_product;
  }
  if (metricType === 'funnel') stats.stepCounts = row.step_counts;
  return stats;
}

function echo(row: VariantRow, metricType: MetricType): ExperimentStatsBaseApi {
  const out: ExperimentStatsBaseApi = { key: row.key, number_of_samples: row.number_of_samples, sum: row.sum, sum_squares: row.sum_squares };
  if (metricType === 'ratio') {
    out.denominator_sum = row.denominator_sum;
    out.denominator_sum_squares = row.denominator_sum_squares;
    out.numerator_denominator_sum_product = row.numerator_denominator_sum_product;
  }
  if (metricType === 'funnel') out.step_counts = row.step_counts;
  return { ...out, ...covariateFields(row, metricType) };
}

function covariateFields(row: VariantRow | undefined, metricType: MetricType): Partial<ExperimentStatsBaseApi> {
  if (metricType !== 'mean' || !row) return {};
  return { covariate_sum: row.covariate_sum, covariate_sum_squares: row.covariate_sum_squares, covariate_sum_product: row.covariate_sum_product };
}

function emptyRow(key: string): VariantRow {
  return {
    key,
    day: null,
    number_of_samples: 0,
    sum: 0,
    sum_squares: 0,
    denominator_sum: 0,
    denominator_sum_squares: 0,
    numerator_denominator_sum_product: 0,
    covariate_sum: 0,
    covariate_sum_squares: 0,
    covariate_sum_product: 0,
    step_counts: [],
  };
}
