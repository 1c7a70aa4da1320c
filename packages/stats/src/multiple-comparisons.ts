// Corrections for testing many variants × metrics at once: Holm controls the chance of any false positive
// (family-wise error), Benjamini–Hochberg the expected share of false positives among the discoveries.

function ascendingOrder(pValues: number[]): number[] {
  return pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
}

/**
 * Holm step-down adjusted p-values, in input order (reject where adjusted < α).
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjusted p-values (q-values), in input order.
 * @example benjaminiHochbergAdjust([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochbergAdjust(pValues: number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  const order = ascendingOrder(pValues);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank];
    running = Math.min(running, (m / (rank + 1)) * pValues[index]);
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
