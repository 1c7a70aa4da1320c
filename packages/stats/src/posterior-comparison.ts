// Exact (quadrature, not sampled) comparisons of independent posteriors: chance to beat, chance to be best, the
// distribution of the relative difference, and expected losses. Deterministic, so results never wobble between
// refreshes the way PostHog's 10,000-draw Monte-Carlo figures do.
import type { Posterior } from './posterior.js';
import { simpson, simpsonGrid, solveIncreasing } from './quadrature.js';

const TAIL = 1e-10;
const INTERVALS = 1600;

interface DensityGrid {
  x: Float64Array;
  /** Simpson weight × density, normalised to sum to 1 */
  weight: Float64Array;
}

// A posterior's grid is reused by every integral over it (root finding evaluates dozens).
const grids = new WeakMap<Posterior, DensityGrid>();

function densityGrid(posterior: Posterior): DensityGrid {
  const cached = grids.get(posterior);
  if (cached) return cached;
  const { x, w } = simpsonGrid(posterior.quantile(TAIL), posterior.quantile(1 - TAIL), INTERVALS);
  const logs = Array.from(x, (xi) => posterior.logDensity(xi));
  const top = Math.max(...logs.filter(Number.isFinite));
  const weight = new Float64Array(x.length);
  let mass = 0;
  for (let i = 0; i < x.length; i++) {
    weight[i] = Number.isFinite(logs[i]) ? w[i] * Math.exp(logs[i] - top) : 0;
    mass += weight[i];
  }
  for (let i = 0; i < x.length; i++) weight[i] /= mass;
  const grid = { x, weight };
  grids.set(posterior, grid);
  return grid;
}

/**
 * E[g(X)] for X ~ posterior, integrating g against the density normalised on the grid (so the unknown constant
 * cancels). The grid spans the posterior's [1e-10, 1 − 1e-10] quantiles with 1,600 Simpson intervals.
 * @example expectation(betaPosterior(10, 90), (x) => x) // ≈ 0.1078
 */
export function expectation(posterior: Posterior, g: (x: number) => number): number {
  const { x, weight } = densityGrid(posterior);
  let total = 0;
  for (let i = 0; i < x.length; i++) if (weight[i] > 0) total += weight[i] * g(x[i]);
  return total;
}

function spread(posterior: Posterior): number {
  return posterior.quantile(0.975) - posterior.quantile(0.025);
}

/**
 * P(B > A) for independent posteriors, integrating over the narrower one (so the other's cdf is smooth on its grid).
 * @example chanceToBeat(betaPosterior(130, 870), betaPosterior(100, 900)) // ≈ 0.98
 */
export function chanceToBeat(b: Posterior, a: Posterior): number {
  return spread(a) <= spread(b) ? expectation(a, (x) => 1 - b.cdf(x)) : expectation(b, (x) => a.cdf(x));
}

/**
 * P(each posterior is the largest), normalised to sum to 1 (the quadrature leaves ~1e-9 over or under).
 * @example probabilityBest([betaPosterior(100, 900), betaPosterior(130, 870)]) // ≈ [0.02, 0.98]
 */
export function probabilityBest(posteriors: Posterior[]): number[] {
  const raw = posteriors.map((p, i) =>
    expectation(p, (x) => posteriors.reduce((product, q, j) => (j === i ? product : product * q.cdf(x)), 1)),
  );
  const sum = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / sum);
}

/**
 * Quantile of the relative difference (B − A) / A: solves P(B ≤ (1 + r)·A) = p for r.
 * @example relativeDifferenceQuantile(betaPosterior(130, 870), betaPosterior(100, 900), 0.5) // ≈ 0.298
 */
export function relativeDifferenceQuantile(b: Posterior, a: Posterior, p: number): number {
  const cdfOfR = (r: number) =>
    spread(a) <= spread(b)
      ? expectation(a, (x) => b.cdf((1 + r) * x))
      : expectation(b, (y) => 1 - a.cdf(y / (1 + r)));
  const guess = b.mean / a.mean - 1;
  const width = 4 * (spread(a) / a.mean + spread(b) / b.mean);
  return solveIncreasing((r) => cdfOfR(r) - p, Math.max(-0.999999, guess - width), guess + width, 1e-10);
}

/**
 * Expected relative loss of choosing B over A: E[max(0, (A − B)/A)] when higher is better, E[max(0, (B − A)/A)] when lower is.
 * @example relativeExpectedLoss(betaPosterior(130, 870), betaPosterior(100, 900), 'increase') // ≈ 0.00077
 */
export function relativeExpectedLoss(b: Posterior, a: Posterior, goal: 'increase' | 'decrease'): number {
  if (goal === 'increase') return expectation(a, (x) => b.shortfallBelow(x) / x);
  return expectation(a, (x) => (b.mean - x + b.shortfallBelow(x)) / x);
}

/**
 * Expected absolute loss of choosing `target` when the best of `others` may be higher: E[max(0, max(others) − target)]
 * = ∫ F_target(t)·(1 − Π F_other(t)) dt.
 * @example expectedLossAgainst(betaPosterior(130, 870), [betaPosterior(100, 900)]) // ≈ 0.00009
 */
export function expectedLossAgainst(target: Posterior, others: Posterior[]): number {
  const all = [target, ...others];
  const lo = Math.min(...all.map((p) => p.quantile(TAIL)));
  const hi = Math.max(...all.map((p) => p.quantile(1 - TAIL)));
  const integrand = (t: number) => target.cdf(t) * (1 - others.reduce((product, q) => product * q.cdf(t), 1));
  return simpson(integrand, lo, hi, 8 * INTERVALS);
}
