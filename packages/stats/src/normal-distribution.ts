// Thin wrappers over stdlib's standard normal so call sites read like the formulas they implement.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Φ(z), the standard normal cdf.
 * @example phi(1.959963984540054) // ≈ 0.975
 */
export function phi(z: number): number {
  return normalCdf(z, 0, 1);
}

/**
 * Φ⁻¹(p), the standard normal quantile.
 * @example phiInverse(0.975) // ≈ 1.959964
 */
export function phiInverse(p: number): number {
  return normalQuantile(p, 0, 1);
}

/**
 * φ(z), the standard normal density (a closed-form expression, not a distribution routine).
 * @example phiDensity(0) // ≈ 0.398942
 */
export function phiDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}
