import type { ExperimentSequentialApi, ExperimentVariantResultApi } from '@warren/shared/experiment-results-api';
import { holmAdjust } from '@warren/stats/multiple-comparisons';
import { sequentialComparison } from '@warren/stats/sequential-test';
import type { MetricType, VariantStatistics } from '@warren/stats/stats-types';

/**
 * The always-valid (mSPRT) reading of one variant against control: a p-value and confidence sequence that stay valid
 * however often the results are looked at, unlike the fixed-horizon p-value a team is tempted to check daily. Null
 * when the variant has no usable variance yet (no exposures, or nobody converted). Example:
 * sequentialFigures(control, test, 'funnel', 0.95)?.significant // true once the lift is clear at any look
 */
export function sequentialFigures(control: VariantStatistics, variant: VariantStatistics, metricType: MetricType, confidenceLevel: number): ExperimentSequentialApi | null {
  if (control.numberOfSamples < 2 || variant.numberOfSamples < 2) return null;
  try {
    const result = sequentialComparison(control, variant, metricType, { alpha: alphaOf(confidenceLevel) });
    const [lo, hi] = result.confidence_sequence;
    if (![result.p_value, lo, hi].every(Number.isFinite)) return null;
    return { p_value: result.p_value, confidence_sequence: [lo, hi], significant: result.significant };
  } catch {
    return null;
  }
}

/**
 * Frequentist p-values adjusted by Holm's method for the number of variants compared with control, so a
 * five-variant test is not five chances at a false winner. Variants without a p-value keep null. Example:
 * holmAcrossVariants([{ p_value: 0.01 }, { p_value: 0.04 }]) // [0.02, 0.04]
 */
export function holmAcrossVariants(results: readonly ExperimentVariantResultApi[] | readonly { p_value?: number | null }[]): (number | null)[] {
  const present = results.flatMap((r, i) => ('p_value' in r && typeof r.p_value === 'number' ? [[i, r.p_value] as const] : []));
  const adjusted = holmAdjust(present.map(([, p]) => p));
  const out: (number | null)[] = results.map(() => null);
  present.forEach(([i], j) => (out[i] = adjusted[j]));
  return out;
}

/**
 * The sequential p-value as of the last look is the smallest over every earlier look (the day-by-day chart), which is
 * what makes it always valid; the confidence sequence is the intersection of the looks' intervals. Example: a test
 * that crossed the line on day 9 stays significant on day 10.
 */
export function withEarlierLooks(last: ExperimentSequentialApi | null, earlier: readonly (ExperimentSequentialApi | null | undefined)[], confidenceLevel: number): ExperimentSequentialApi | null {
  if (!last) return null;
  let { p_value: p, confidence_sequence: [lo, hi] } = last;
  for (const look of earlier) {
    if (!look) continue;
    p = Math.min(p, look.p_value);
    lo = Math.max(lo, look.confidence_sequence[0]);
    hi = Math.min(hi, look.confidence_sequence[1]);
  }
  return { p_value: p, confidence_sequence: [lo, Math.max(lo, hi)], significant: p < alphaOf(confidenceLevel) };
}

/** 1 − level without the float residue (1 − 0.95 is 0.050000000000000044). */
function alphaOf(confidenceLevel: number): number {
  return Math.round((1 - confidenceLevel) * 1e9) / 1e9;
}
