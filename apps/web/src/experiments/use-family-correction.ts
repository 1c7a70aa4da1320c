import { useCallback, useMemo, useState } from 'react';
import { comparisonCount, familyAdjusted, type VariantPValues } from './family-correction';

/** What each metric's results report, and the correction over all of them that they show. */
export interface FamilyCorrection {
  /** A metric's (by its label) current p-values; empty once it has none. */
  report: (metric: string, values: VariantPValues) => void;
  adjusted: Record<string, VariantPValues>;
  comparisons: number;
}

/**
 * Collects the frequentist p-values of every metric on the experiment page (each metric runs its own query) and
 * corrects them together, so "many variants and metrics" is one family.
 */
export function useFamilyCorrection(): FamilyCorrection {
  const [byMetric, setByMetric] = useState<Record<string, VariantPValues>>({});
  const report = useCallback((metric: string, values: VariantPValues) => {
    setByMetric((current) => (sameValues(current[metric], values) ? current : { ...current, [metric]: values }));
  }, []);
  return useMemo(() => ({ report, adjusted: familyAdjusted(byMetric), comparisons: comparisonCount(byMetric) }), [report, byMetric]);
}

function sameValues(a: VariantPValues | undefined, b: VariantPValues): boolean {
  const keys = Object.keys(b);
  return a !== undefined && Object.keys(a).length === keys.length && keys.every((k) => a[k] === b[k]);
}
