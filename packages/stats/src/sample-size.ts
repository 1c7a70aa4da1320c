// How many exposures an experiment needs, and for how many days, to detect a given relative lift. Two-sided normal
// power with equal groups — statsmodels' NormalIndPower — with Cohen's h for conversion rates and Cohen's d for means.
import { phi, phiInverse } from './normal-distribution.js';
import { solveIncreasing } from './quadrature.js';

export interface PlanOptions {
  /** Relative lift to detect, e.g. 0.1 for +10 %. */
  minimumDetectableEffect: number;
  power?: number;
  alpha?: number;
  /** Variants including control (default 2). */
  variantCount?: number;
  /** Exposures per day across all variants. */
  dailyExposures?: number;
}

export interface SampleSizePlan {
  /** standardised effect (Cohen's h or d) */
  effectSize: number;
  /** exact solution of the power equation, before rounding up */
  perVariantExact: number;
  perVariant: number;
  total: number;
  /** days to reach `total` at `dailyExposures`, or null when traffic is not given */
  days: number | null;
}

/**
 * Power of a two-sided z-test with n per group and standardised effect d: Φ(d√(n/2) − z) + Φ(−d√(n/2) − z).
 * @example twoSampleNormalPower(0.2, 393, 0.05) // ≈ 0.8
 */
export function twoSampleNormalPower(effectSize: number, perGroup: number, alpha: number): number {
  const z = phiInverse(1 - alpha / 2);
  const shift = Math.abs(effectSize) * Math.sqrt(perGroup / 2);
  return phi(shift - z) + phi(-shift - z);
}

function plan(effectSize: number, options: PlanOptions): SampleSizePlan {
  const power = options.power ?? 0.8;
  const alpha = options.alpha ?? 0.05;
  const variants = options.variantCount ?? 2;
  const z = phiInverse(1 - alpha / 2) + phiInverse(power);
  const guess = 2 * (z / effectSize) ** 2;
  const exact = solveIncreasing((n) => twoSampleNormalPower(effectSize, n, alpha) - power, guess / 2, guess * 2, 1e-13);
  const perVariant = Math.ceil(exact - 1e-9);
  const total = perVariant * variants;
  const days = options.dailyExposures && options.dailyExposures > 0 ? Math.ceil(total / options.dailyExposures) : null;
  return { effectSize, perVariantExact: exact, perVariant, total, days };
}

/**
 * Exposures per variant to detect a relative lift in a conversion rate (Cohen's h = 2·asin√p₂ − 2·asin√p₁).
 * @example sampleSizeForProportion({ baselineRate: 0.1, minimumDetectableEffect: 0.3 }).perVariant // 1769
 */
export function sampleSizeForProportion(options: PlanOptions & { baselineRate: number }): SampleSizePlan {
  const p1 = options.baselineRate;
  const p2 = Math.min(1, p1 * (1 + options.minimumDetectableEffect));
  return plan(Math.abs(2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1))), options);
}

/**
 * Exposures per variant to detect a relative lift in a mean (Cohen's d = lift·mean / sd).
 * @example sampleSizeForMean({ mean: 50, standardDeviation: 40, minimumDetectableEffect: 0.05 }).perVariant // 4019
 */
export function sampleSizeForMean(options: PlanOptions & { mean: number; standardDeviation: number }): SampleSizePlan {
  return plan(Math.abs((options.minimumDetectableEffect * options.mean) / options.standardDeviation), options);
}
