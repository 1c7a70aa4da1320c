// PostHog's per-variant validation (ExperimentStatsValidationFailure): figures are only computed for variants that pass.
import type { MetricType, ValidationFailure, VariantStatistics } from './stats-types.js';

/** PostHog's minimum exposures per variant for ExperimentQuery results. */
export const MINIMUM_SAMPLES = 50;
/** PostHog's minimum conversions per variant for a funnel. */
export const MINIMUM_CONVERSIONS = 5;

/**
 * The validation failures of one variant: too few exposures, too few funnel conversions, or (control only) a zero sum.
 * @example validateVariant({ key: 'control', numberOfSamples: 10, sum: 0, sumSquares: 0 }, 'funnel', true) // ['not-enough-exposures', 'not-enough-metric-data', 'baseline-mean-is-zero']
 */
export function validateVariant(
  variant: VariantStatistics,
  metricType: MetricType,
  isBaseline: boolean,
  minimumSamples = MINIMUM_SAMPLES,
): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  if (variant.numberOfSamples < minimumSamples) failures.push('not-enough-exposures');
  if (metricType === 'funnel' && variant.sum < MINIMUM_CONVERSIONS) failures.push('not-enough-metric-data');
  const zeroDenominator = metricType === 'ratio' && !variant.denominatorSum;
  if (isBaseline && (variant.sum === 0 || zeroDenominator)) failures.push('baseline-mean-is-zero');
  return failures;
}
