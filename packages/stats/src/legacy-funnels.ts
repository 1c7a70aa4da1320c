// ExperimentFunnelsQuery statistics (PostHog stats v2): Beta(1, 1)-prior conversion-rate posteriors per variant,
// chance each is best, 95 % credible intervals of each rate, and the legacy verdict. Exact quadrature replaces
// PostHog's 10,000 random draws, so figures are stable between refreshes.
import { legacyVerdict, type LegacyVerdict } from './legacy-significance.js';
import { betaPosterior } from './posterior.js';
import { probabilityBest } from './posterior-comparison.js';

export interface FunnelVariantCounts {
  key: string;
  success_count: number;
  failure_count: number;
}

export interface LegacyResult extends LegacyVerdict {
  probability: Record<string, number>;
  credible_intervals: Record<string, [number, number]>;
}

/**
 * Legacy funnel experiment figures for variants (control first).
 * @example legacyFunnelsStatistics([{ key: 'control', success_count: 100, failure_count: 900 }, { key: 'test', success_count: 130, failure_count: 870 }]).probability.test // ≈ 0.98
 */
export function legacyFunnelsStatistics(variants: FunnelVariantCounts[], confidenceLevel = 0.95): LegacyResult {
  const posteriors = variants.map((v) => betaPosterior(v.success_count, v.failure_count));
  const probabilities = probabilityBest(posteriors);
  const tail = (1 - confidenceLevel) / 2;
  const exposures = variants.map((v) => v.success_count + v.failure_count);
  const rates = variants.map((v, i) => (exposures[i] > 0 ? v.success_count / exposures[i] : 0));
  return {
    probability: Object.fromEntries(variants.map((v, i) => [v.key, probabilities[i]])),
    credible_intervals: Object.fromEntries(variants.map((v, i) => [v.key, [posteriors[i].quantile(tail), posteriors[i].quantile(1 - tail)]])),
    ...legacyVerdict(exposures, probabilities, rates, posteriors),
  };
}
