// Numerical integration and root finding used by the exact (non-sampled) Bayesian comparisons. Integrands here are
// smooth products of library cdfs and densities, so composite Simpson on a grid of a few thousand points is accurate
// to ~1e-9, far below the 1e-6 the tests ask for.

/**
 * Composite Simpson's rule of f over [a, b] with `intervals` (rounded up to even) sub-intervals.
 * @example simpson((x) => x * x, 0, 1, 100) // ≈ 0.333333
 */
export function simpson(f: (x: number) => number, a: number, b: number, intervals = 2000): number {
  const n = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = (b - a) / n;
  let total = f(a) + f(b);
  for (let i = 1; i < n; i++) total += f(a + i * h) * (i % 2 === 0 ? 2 : 4);
  return (total * h) / 3;
}

/** The grid points and Simpson weights of [a, b], so one integrand's values can be reused across integrals. */
export function simpsonGrid(a: number, b: number, intervals = 2000): { x: Float64Array; w: Float64Array } {
  const n = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = (b - a) / n;
  const x = new Float64Array(n + 1);
  const w = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    x[i] = a + i * h;
    w[i] = ((i === 0 || i === n ? 1 : i % 2 === 0 ? 2 : 4) * h) / 3;
  }
  return { x, w };
}

/**
 * Root of an increasing function g on [lo, hi] by the Illinois variant of regula falsi (superlinear, never leaves
 * the bracket); the bracket widens first if it does not straddle the root.
 * @example solveIncreasing((x) => x * x - 2, 0, 2) // ≈ 1.414214
 */
export function solveIncreasing(g: (x: number) => number, lo: number, hi: number, tolerance = 1e-12): number {
  let a = lo;
  let b = hi;
  let ga = g(a);
  let gb = g(b);
  for (let widen = 0; ga > 0 && widen < 60; widen++) [a, ga] = [a - (b - a), g(a - (b - a))];
  for (let widen = 0; gb < 0 && widen < 60; widen++) [b, gb] = [b + (b - a), g(b + (b - a))];
  let side = 0;
  for (let i = 0; i < 200; i++) {
    const c = (a * gb - b * ga) / (gb - ga);
    const gc = g(c);
    if (gc === 0 || Math.abs(b - a) < tolerance * Math.max(1, Math.abs(c))) return c;
    if (gc < 0) {
      [a, ga] = [c, gc];
      if (side === -1) gb /= 2;
      side = -1;
    } else {
      [b, gb] = [c, gc];
      if (side === 1) ga /= 2;
      side = 1;
    }
  }
  return (a + b) / 2;
}
