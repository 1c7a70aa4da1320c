// ExperimentTrendsQuery statistics (PostHog stats v2 for counts): a Gamma–Poisson model of the event rate per
// exposed person, Gamma(1 + count, rate 1 + exposures) posteriors, chance each is best, 95 % credible intervals of
// each rate, and the legacy verdict — by exact quadrature instead of random draws.
import { legacyVerdict } from './legacy-significance.js';
import type { LegacyResult } from './legacy-funnels.js';
import { gammaPosterior } from './posterior.js';
import { probabilityBest } from './posterior-comparison.js';

export interface TrendVariantCounts {
  key: string;
  /** metric events counted for the variant */
  count: number;
  /** exposure relative to control (echoed; PostHog's v2 model uses absolute_exposure) */
  exposure: number;
  /** exposed persons */
  absolute_exposure: number;
}

/**
 * Legacy count-metric experiment figures for variants (control first).
 * @example legacyTrendsStatistics([{ key: 'control', count: 1000, exposure: 1, absolute_exposure: 1000 }, { key: 'test', count: 1200, exposure: 1, absolute_exposure: 1000 }]).significant // true
 */
export function legacyTrendsStatistics(variants: TrendVariantCounts[], confidenceLevel = 0.95): LegacyResult {
  const posteriors = variants.map((v) => gammaPosterior(v.count, v.absolute_exposure));
  const probabilities = probabilityBest(posteriors);
  const tail = (1 - confidenceLevel) / 2;
  const exposures = variants.map((v) => v.absolute_exposure);
  const rates = variants.map((v) => (v.absolute_exposure > 0 ? v.count / v.absolute_exposure : 0));
  return {
    probability: Object.fromEntries(variants.map((v, i) => [v.key, probabilities[i]])),
    credible_intervals: Object.fromEntries(variants.map((v, i) => [v.key, [posteriors[i].quantile(tail), posteriors[i].quantile(1 - tail)]])),
    ...legacyVerdict(exposures, probabilities, rates, posteriors),
  };
}
