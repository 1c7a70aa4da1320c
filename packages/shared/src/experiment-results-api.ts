/**
 * What `/query/` answers for experiment results (rest-api.md 2.16): the current `ExperimentQuery` and the legacy
 * `ExperimentTrendsQuery` / `ExperimentFunnelsQuery`. Built by packages/query/src/experiments/ (the SQL) and
 * apps/server/src/experiments/results/ (statistics from packages/stats, the response). Fields PostHog does not send
 * are marked "Warren".
 */

/** Why a variant's figures cannot be judged yet (PostHog's `ExperimentStatsValidationFailure`). */
export type ExperimentValidationFailureApi = 'not-enough-exposures' | 'baseline-mean-is-zero' | 'not-enough-metric-data';

/** Per-variant sufficient statistics (PostHog's `ExperimentStatsBase`). */
export interface ExperimentStatsBaseApi {
  key: string;
  /** Exposed persons in the variant. */
  number_of_samples: number;
  /** Funnel: persons who completed every step; mean: sum of per-person values; ratio: sum of numerators. */
  sum: number;
  sum_squares: number;
  /** Ratio metrics: the denominator's per-person sums, their squares and the numerator × denominator products. */
  denominator_sum?: number;
  denominator_sum_squares?: number;
  numerator_denominator_sum_product?: number;
  /** Funnel metrics: persons who reached each step, first step first. */
  step_counts?: number[];
  /**
   * Warren: the same metric in the conversion window before exposure (CUPED's covariate), for mean metrics: sum,
   * sum of squares, and the sum of metric × covariate products.
   */
  covariate_sum?: number;
  covariate_sum_squares?: number;
  covariate_sum_product?: number;
  validation_failures?: ExperimentValidationFailureApi[];
}

/**
 * Warren: the always-valid (mSPRT) reading of a variant against control, safe to look at every day: the p-value is the
 * smallest over every look so far and the confidence sequence (on the relative difference) covers the true effect at
 * all looks at once. Null before there is enough data.
 */
export interface ExperimentSequentialApi {
  p_value: number;
  confidence_sequence: [number, number];
  significant: boolean;
}

/** Warren's additions to each variant's result, whichever the method. */
interface ExperimentVariantExtrasApi {
  sequential?: ExperimentSequentialApi | null;
}

export interface ExperimentVariantResultBayesianApi extends ExperimentStatsBaseApi, ExperimentVariantExtrasApi {
  method: 'bayesian';
  significant: boolean;
  /** Chance the variant beats control on the metric's goal. */
  chance_to_win: number | null;
  /** On the relative difference vs control (0.1 = 10 % better). */
  credible_interval: [number, number] | null;
}

export interface ExperimentVariantResultFrequentistApi extends ExperimentStatsBaseApi, ExperimentVariantExtrasApi {
  method: 'frequentist';
  significant: boolean;
  p_value: number | null;
  /** Warren: `p_value` adjusted by Holm's method for the number of variants compared with control. */
  p_value_adjusted?: number | null;
  /** On the relative difference vs control. */
  confidence_interval: [number, number] | null;
}

export type ExperimentVariantResultApi = ExperimentVariantResultBayesianApi | ExperimentVariantResultFrequentistApi;

/** Warren: the sample-ratio-mismatch check over exposed persons against the flag's variant split. */
export interface ExperimentSrmApi {
  /** Chi-square p-value; a mismatch is flagged below `threshold`. */
  p_value: number | null;
  chi_square: number | null;
  threshold: number;
  mismatch: boolean;
  expected_shares: Record<string, number>;
  observed_counts: Record<string, number>;
}

/** Warren: a plain-words warning for the results page. */
export interface ExperimentWarningApi {
  code: 'low_exposure' | 'sample_ratio_mismatch' | 'no_exposures' | 'not_started' | 'multiple_variants_excluded';
  message: string;
}

/** One day of the cumulative results chart (Warren: returned with `include_timeseries: true`). */
export interface ExperimentTimeseriesPointApi {
  /** The day (project timezone), `YYYY-MM-DD`; figures cover exposures and conversions up to its end. */
  date: string;
  baseline: ExperimentStatsBaseApi;
  variant_results: ExperimentVariantResultApi[];
}

/** `ExperimentQuery`'s response. */
export interface ExperimentQueryResponseApi {
  kind: 'ExperimentQuery';
  metric: Record<string, unknown>;
  baseline: ExperimentStatsBaseApi;
  variant_results: ExperimentVariantResultApi[];
  /** Warren: the holdout group's figures, when the experiment has one (never compared, only shown). */
  holdout?: ExperimentStatsBaseApi | null;
  /** Warren. */
  srm: ExperimentSrmApi;
  /** Warren. */
  warnings: ExperimentWarningApi[];
  /** Warren: persons left out because they were exposed to more than one variant (`exclude` handling). */
  excluded_multiple_variants: number;
  /** Warren: true when CUPED's pre-exposure covariate adjusted the figures (mean metrics). */
  cuped_applied: boolean;
  /** Warren: with `include_timeseries: true`. */
  timeseries?: ExperimentTimeseriesPointApi[];
  stats_method: 'bayesian' | 'frequentist';
  significant: boolean;
  resolved_date_range: { date_from: string; date_to: string };
}

/** Legacy `variants` rows. */
export interface ExperimentVariantTrendsBaseStatsApi {
  key: string;
  count: number;
  exposure: number;
  absolute_exposure: number;
}

export interface ExperimentVariantFunnelsBaseStatsApi {
  key: string;
  success_count: number;
  failure_count: number;
}

export type ExperimentSignificanceCodeApi = 'significant' | 'not_enough_exposure' | 'low_win_probability' | 'high_loss' | 'high_p_value';

interface LegacyExperimentResponseBase {
  probability: Record<string, number>;
  significant: boolean;
  significance_code: ExperimentSignificanceCodeApi;
  credible_intervals: Record<string, [number, number]>;
  stats_version: 2;
  /** Warren. */
  srm: ExperimentSrmApi;
}

export interface ExperimentTrendsQueryResponseApi extends LegacyExperimentResponseBase {
  kind: 'ExperimentTrendsQuery';
  insight: Record<string, unknown>[];
  variants: ExperimentVariantTrendsBaseStatsApi[];
  p_value: number;
  count_query: Record<string, unknown>;
  exposure_query: Record<string, unknown> | null;
}

export interface ExperimentFunnelsQueryResponseApi extends LegacyExperimentResponseBase {
  kind: 'ExperimentFunnelsQuery';
  insight: Record<string, unknown>[][];
  variants: ExperimentVariantFunnelsBaseStatsApi[];
  expected_loss: number;
  funnels_query: Record<string, unknown>;
}
