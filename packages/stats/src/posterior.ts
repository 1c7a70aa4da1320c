// Conjugate posteriors of the legacy and funnel models, described by what the quadrature needs: a cdf, an
// unnormalised log density, quantiles, the mean, and the "size-biased" cdf (x·f(x) ∝ the density of a sibling
// distribution) that turns E[max(0, x − X)] into closed form.
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { solveIncreasing } from './quadrature.js';

export interface Posterior {
  mean: number;
  cdf(x: number): number;
  /** log density up to an additive constant */
  logDensity(x: number): number;
  quantile(p: number): number;
  /** E[max(0, x − X)] */
  shortfallBelow(x: number): number;
}

/**
 * Beta(1 + successes, 1 + failures): the conversion-rate posterior under a uniform prior.
 * @example betaPosterior(120, 880).quantile(0.5) // ≈ 0.1205
 */
export function betaPosterior(successes: number, failures: number): Posterior {
  const a = 1 + successes;
  const b = 1 + failures;
  const mean = a / (a + b);
  return {
    mean,
    cdf: (x) => betaCdf(x, a, b),
    logDensity: (x) => (x <= 0 || x >= 1 ? -Infinity : (a === 1 ? 0 : (a - 1) * Math.log(x)) + (b === 1 ? 0 : (b - 1) * Math.log1p(-x))),
    quantile: (p) => betaQuantile(p, a, b),
    // x·Beta(a,b) density = mean · Beta(a+1,b) density
    shortfallBelow: (x) => (x <= 0 ? 0 : x >= 1 ? x - mean : x * betaCdf(x, a, b) - mean * betaCdf(x, a + 1, b)),
  };
}

/**
 * P(Gamma(shape, 1) ≤ y) through stdlib's beta cdf: if B ~ Beta(shape, N) then N·B/(1 − B) → Gamma(shape, 1) as
 * N → ∞, and at N = 1e12·shape the two cdfs agree to ~1e-13. Why not the chi-square/gammainc cdf: stdlib 0.3.1's
 * regularised incomplete gamma is wrong by up to 1e-2 for shape ≳ 1000 near the mode (its Temme expansion branch),
 * which is exactly where experiments with a thousand events live.
 * @example standardGammaCdf(1001, 1001) // ≈ 0.504203
 */
export function standardGammaCdf(y: number, shape: number): number {
  if (y <= 0) return 0;
  const n = 1e12 * shape;
  return betaCdf(y / (n + y), shape, n);
}

/**
 * Gamma(1 + count, rate 1 + exposure): the event-rate posterior of the legacy count model (PostHog's Gamma(1, 1) prior).
 * @example gammaPosterior(100, 1000).mean // ≈ 0.1009
 */
export function gammaPosterior(count: number, exposure: number): Posterior {
  const a = 1 + count;
  const rate = 1 + exposure;
  const mean = a / rate;
  const cdf = (x: number) => standardGammaCdf(rate * x, a);
  const cdfNext = (x: number) => standardGammaCdf(rate * x, a + 1);
  const sd = Math.sqrt(a) / rate;
  return {
    mean,
    cdf,
    logDensity: (x) => (x <= 0 ? -Infinity : (a - 1) * Math.log(x) - rate * x),
    quantile: (p) => solveIncreasing((x) => cdf(x) - p, Math.max(0, mean - 12 * sd), mean + 12 * sd, 1e-14),
    shortfallBelow: (x) => (x <= 0 ? 0 : x * cdf(x) - mean * cdfNext(x)),
  };
}
