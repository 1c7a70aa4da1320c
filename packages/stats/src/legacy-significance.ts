// The significance verdict of PostHog's legacy experiment results (ExperimentTrendsQuery / ExperimentFunnelsQuery).
import type { Posterior } from './posterior.js';
import { expectedLossAgainst } from './posterior-comparison.js';

export type SignificanceCode = 'significant' | 'not_enough_exposure' | 'low_win_probability' | 'high_loss' | 'high_p_value';

/** PostHog's FF_DISTRIBUTION_THRESHOLD: exposures every variant needs before a verdict. */
export const LEGACY_MINIMUM_EXPOSURE = 100;
/** PostHog's MIN_PROBABILITY_FOR_SIGNIFICANCE. */
export const MIN_PROBABILITY_FOR_SIGNIFICANCE = 0.9;
/** PostHog's EXPECTED_LOSS_SIGNIFICANCE_LEVEL. */
export const EXPECTED_LOSS_SIGNIFICANCE_LEVEL = 0.01;

export interface LegacyVerdict {
  significant: boolean;
  significance_code: SignificanceCode;
  /** E[max(0, best other − chosen)] for the variant with the highest observed rate (absolute, in rate units) */
  expected_loss: number;
  /** PostHog's legacy Bayesian results report 0 when significant and 1 otherwise */
  p_value: number;
}

/**
 * The legacy verdict from exposures, chance-to-be-best probabilities and posteriors (control first): not enough
 * exposure → low win probability → high expected loss of the observed leader → significant.
 * @example legacyVerdict([1000, 1000], [0.018, 0.982], [0.1, 0.13], [betaPosterior(100, 900), betaPosterior(130, 870)]).significance_code // 'significant'
 */
export function legacyVerdict(exposures: number[], probabilities: number[], observedRates: number[], posteriors: Posterior[]): LegacyVerdict {
  if (exposures.some((n) => n < LEGACY_MINIMUM_EXPOSURE)) {
    return { significant: false, significance_code: 'not_enough_exposure', expected_loss: 1, p_value: 1 };
  }
  if (Math.max(...probabilities) < MIN_PROBABILITY_FOR_SIGNIFICANCE) {
    return { significant: false, significance_code: 'low_win_probability', expected_loss: 1, p_value: 1 };
  }
  const best = observedRates.indexOf(Math.max(...observedRates));
  const loss = expectedLossAgainst(posteriors[best], posteriors.filter((_, i) => i !== best));
  if (loss >= EXPECTED_LOSS_SIGNIFICANCE_LEVEL) {
    return { significant: false, significance_code: 'high_loss', expected_loss: loss, p_value: 1 };
  }
  return { significant: true, significance_code: 'significant', expected_loss: loss, p_value: 0 };
}
