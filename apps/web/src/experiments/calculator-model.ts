import { sampleSizeForMean, sampleSizeForProportion } from '@warren/stats/sample-size';

/** What the sample-size calculator is asked, as the set-up form holds it (percentages as people type them). */
export interface CalculatorInputs {
  /** A conversion rate (funnel metrics) or a mean with its spread (mean and ratio metrics). */
  kind: 'rate' | 'mean';
  /** Baseline conversion rate, in % (e.g. 10). */
  baselineRatePercent: number;
  /** Baseline mean per person and its standard deviation. */
  mean: number;
  standardDeviation: number;
  /** The smallest relative change worth detecting, in % (e.g. 5 = a 5 % lift). */
  minimumDetectableEffectPercent: number;
  /** Chance of detecting a real effect of that size, in % (80 is the usual). */
  powerPercent: number;
  /** Variants compared, control included. */
  variantCount: number;
  /** People newly exposed per day (from recent traffic or typed), or null when unknown. */
  dailyExposures: number | null;
}

/** The calculator's answer: people per variant and in all, and days to reach them at the daily traffic. */
export interface CalculatorPlan {
  perVariant: number;
  total: number;
  days: number | null;
}

export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * Why the inputs cannot be sized, in words, or null when they can.
 * Example: calculatorProblem({ ...inputs, baselineRatePercent: 0 }) → 'The baseline rate must be above 0% and below 100%.'
 */
export function calculatorProblem(inputs: CalculatorInputs): string | null {
  const mde = inputs.minimumDetectableEffectPercent;
  if (!(mde > 0 && mde <= 1000)) return 'The minimum detectable effect must be above 0%.';
  if (!(inputs.powerPercent >= 50 && inputs.powerPercent < 100)) return 'Power must be from 50% to 99%.';
  if (!(inputs.variantCount >= 2)) return 'An experiment compares at least two variants.';
  if (inputs.dailyExposures !== null && !(inputs.dailyExposures > 0)) return 'Daily traffic must be above 0, or empty when unknown.';
  if (inputs.kind === 'rate') {
    const p = inputs.baselineRatePercent;
    if (!(p > 0 && p < 100)) return 'The baseline rate must be above 0% and below 100%.';
    if (p * (1 + mde / 100) >= 100) return `A ${mde}% lift on a ${p}% rate would pass 100%: pick a smaller effect.`;
    return null;
  }
  if (!(inputs.mean !== 0 && Number.isFinite(inputs.mean))) return 'The baseline mean must be a number other than 0.';
  if (!(inputs.standardDeviation > 0)) return 'The standard deviation must be above 0.';
  return null;
}

/**
 * People needed per variant for the inputs (two-sided test at 5 % significance), and the days that takes.
 * Example: calculatorPlan({ kind: 'rate', baselineRatePercent: 10, minimumDetectableEffectPercent: 30, powerPercent: 80, variantCount: 2, dailyExposures: 100, mean: 0, standardDeviation: 0 }).perVariant → about 1,700
 */
export function calculatorPlan(inputs: CalculatorInputs): CalculatorPlan | null {
  if (calculatorProblem(inputs) !== null) return null;
  const common = {
    minimumDetectableEffect: inputs.minimumDetectableEffectPercent / 100,
    power: inputs.powerPercent / 100,
    alpha: SIGNIFICANCE_LEVEL,
    variantCount: inputs.variantCount,
    ...(inputs.dailyExposures !== null ? { dailyExposures: inputs.dailyExposures } : {}),
  };
  const plan =
    inputs.kind === 'rate'
      ? sampleSizeForProportion({ baselineRate: inputs.baselineRatePercent / 100, ...common })
      : sampleSizeForMean({ mean: inputs.mean, standardDeviation: inputs.standardDeviation, ...common });
  return { perVariant: plan.perVariant, total: plan.total, days: plan.days ?? null };
}

/** Days in the traffic window read for the calculator. */
export const TRAFFIC_WINDOW_DAYS = 14;

/**
 * The TrendsQuery for recent traffic: unique persons with a `$pageview` over the last 14 days, as one number
 * (BoldNumber makes `dau` unique over the whole range, not a sum of days, so returning people count once).
 */
export function trafficQuery() {
  return {
    kind: 'TrendsQuery',
    series: [{ kind: 'EventsNode', event: '$pageview', name: '$pageview', math: 'dau' }],
    dateRange: { date_from: `-${TRAFFIC_WINDOW_DAYS}d` },
    interval: 'day',
    trendsFilter: { display: 'BoldNumber' },
  };
}

/**
 * New people a day, from the unique persons of the traffic window: an experiment exposes each person once, so the
 * window's uniques spread over its days estimate the daily intake. Null when there was no traffic.
 * Example: dailyExposuresFrom(1400) → 100
 */
export function dailyExposuresFrom(uniquePersons: number | null | undefined): number | null {
  if (!uniquePersons || uniquePersons <= 0) return null;
  return Math.max(1, Math.round(uniquePersons / TRAFFIC_WINDOW_DAYS));
}
