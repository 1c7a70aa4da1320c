// The shapes the experiment statistics take in and give back. Inputs are per-variant sufficient statistics (what one
// ClickHouse aggregation per variant returns); outputs use PostHog's ExperimentQuery field names (snake_case) so the
// results runner can pass them through to the wire unchanged.

/** How a metric is summarised per exposed unit. `funnel`: 0/1 conversion (a proportion). `mean`: any number. `ratio`: Σnumerator / Σdenominator. */
export type MetricType = 'funnel' | 'mean' | 'ratio';

/** Which direction counts as winning. */
export type Goal = 'increase' | 'decrease';

export type StatsMethod = 'bayesian' | 'frequentist';

/** PostHog's `ExperimentStatsValidationFailure` values. */
export type ValidationFailure = 'not-enough-exposures' | 'baseline-mean-is-zero' | 'not-enough-metric-data';

/**
 * Sufficient statistics of one variant. For a funnel, `sum` is the number of units that completed every step and
 * `sumSquares` equals `sum` (values are 0/1). For a ratio, `sum`/`sumSquares` describe the per-unit numerator.
 * CUPED fields describe each unit's pre-exposure value x of the same metric: Σx, Σx², Σx·y.
 */
export interface VariantStatistics {
  key: string;
  numberOfSamples: number;
  sum: number;
  sumSquares: number;
  denominatorSum?: number;
  denominatorSumSquares?: number;
  numeratorDenominatorSumProduct?: number;
  covariateSum?: number;
  covariateSumSquares?: number;
  covariateProductSum?: number;
  /** Funnels: units reaching each step, first step first (passed through to the response). */
  stepCounts?: number[];
}

export interface StatsOptions {
  /** Interval level: 0.9, 0.95 (default) or 0.99. Frequentist alpha = 1 - confidenceLevel. */
  confidenceLevel?: number;
  /** Use the CUPED covariate when every variant carries one. Default true. */
  cuped?: boolean;
  /** Minimum exposures per variant before figures are computed (PostHog: 50). */
  minimumSamples?: number;
  /** The flag's split (e.g. rollout percentages by variant key); when given, the result carries an SRM check. */
  expectedSplit?: Record<string, number>;
}

export interface CompareInput {
  metricType: MetricType;
  goal?: Goal;
  method?: StatsMethod;
  control: VariantStatistics;
  variants: VariantStatistics[];
  options?: StatsOptions;
}

/** The per-variant fields PostHog echoes back (snake_case, as on the wire). */
export interface VariantEcho {
  key: string;
  number_of_samples: number;
  sum: number;
  sum_squares: number;
  denominator_sum?: number;
  denominator_sum_squares?: number;
  numerator_denominator_sum_product?: number;
  step_counts?: number[];
  validation_failures: ValidationFailure[];
}

export interface BayesianVariantResult extends VariantEcho {
  method: 'bayesian';
  /** P(variant beats control in the goal's direction). Null when validation failed. */
  chance_to_win: number | null;
  /** Credible interval of (variant − control) / control. */
  credible_interval: [number, number] | null;
  significant: boolean;
  /** Expected relative loss of shipping this variant instead of control (goal-aware, ≥ 0). */
  expected_loss: number | null;
}

export interface FrequentistVariantResult extends VariantEcho {
  method: 'frequentist';
  p_value: number | null;
  /** Confidence interval of (variant − control) / control. */
  confidence_interval: [number, number] | null;
  significant: boolean;
}

export type VariantResult = BayesianVariantResult | FrequentistVariantResult;

export interface SampleRatioMismatch {
  /** Chi-square goodness-of-fit statistic of the observed exposures against the expected split. */
  chi_square: number;
  p_value: number;
  /** True when p < 0.001: the split is not what the flag promised, so results are suspect. */
  mismatch: boolean;
  expected: Record<string, number>;
  observed: Record<string, number>;
}

export interface CompareResult {
  baseline: VariantEcho;
  variant_results: VariantResult[];
  /** Whether CUPED adjusted the figures (every variant had a covariate with variance). */
  cuped_applied: boolean;
  /** Present when `options.expectedSplit` was given. */
  sample_ratio_mismatch?: SampleRatioMismatch;
}

/** One point estimate with the variance of its sampling distribution (used by every normal-model test). */
export interface Estimate {
  value: number;
  variance: number;
}
