import { benjaminiHochbergAdjust } from '@warren/stats/multiple-comparisons';
import type { ExperimentQueryResponseApi } from '@warren/shared/experiment-results-api';
import { pValuePhrase } from './results-model';

/** One metric's frequentist p-values by variant key. */
export type VariantPValues = Record<string, number>;

/** The frequentist p-value of each variant of one metric's results; empty for Bayesian results or before data. */
export function pValuesOf(response: ExperimentQueryResponseApi): VariantPValues {
  const out: VariantPValues = {};
  for (const v of response.variant_results) if (v.method === 'frequentist' && typeof v.p_value === 'number') out[v.key] = v.p_value;
  return out;
}

/**
 * Benjamini–Hochberg over every comparison of the experiment (each metric × each variant against control), so a test
 * with many metrics and variants does not read one lucky p-value as a win. Empty with fewer than two comparisons.
 * Example: familyAdjusted({ m1: { test: 0.01 }, m2: { test: 0.04 } }) → { m1: { test: 0.02 }, m2: { test: 0.04 } }
 */
export function familyAdjusted(byMetric: Record<string, VariantPValues>): Record<string, VariantPValues> {
  const flat = Object.entries(byMetric).flatMap(([metric, values]) => Object.entries(values).map(([variant, p]) => ({ metric, variant, p })));
  if (flat.length < 2) return {};
  const adjusted = benjaminiHochbergAdjust(flat.map((c) => c.p));
  const out: Record<string, VariantPValues> = {};
  flat.forEach((c, i) => ((out[c.metric] ??= {})[c.variant] = adjusted[i]));
  return out;
}

/**
 * The adjusted figures of one metric in words. Example: familyText({ test: 0.02 }, 4) →
 * 'Across the 4 comparisons of this experiment (Benjamini–Hochberg): test p = 0.020.'
 */
export function familyText(adjusted: VariantPValues | undefined, comparisons: number): string | null {
  if (!adjusted || Object.keys(adjusted).length === 0) return null;
  const figures = Object.entries(adjusted).map(([variant, p]) => `${variant} ${pValuePhrase(p)}`);
  return `Across the ${comparisons} comparisons of this experiment (Benjamini–Hochberg): ${figures.join(', ')}.`;
}

/** How many comparisons the family holds. */
export function comparisonCount(byMetric: Record<string, VariantPValues>): number {
  return Object.values(byMetric).reduce((n, values) => n + Object.keys(values).length, 0);
}
