// Bayesian comparison under a normal model of the relative difference with a flat prior (PostHog's current
// BayesianGaussianTest): the posterior is N(estimate, variance), so every figure is closed-form.
import type { Estimate, Goal } from './stats-types.js';
import { phi, phiDensity, phiInverse } from './normal-distribution.js';

export interface BayesianFigures {
  chance_to_win: number;
  credible_interval: [number, number];
  expected_loss: number;
}

/**
 * Chance to win, central credible interval and expected loss for θ ~ N(value, variance). Expected loss is
 * E[max(0, −θ)] when higher is better (E[max(0, θ)] when lower is): the relative amount given up, on average, by
 * shipping the variant if it is in fact worse.
 * @example normalComparison({ value: 0.1, variance: 0.0025 }, 'increase', 0.95).chance_to_win // ≈ 0.977250
 */
export function normalComparison(estimate: Estimate, goal: Goal, confidenceLevel: number): BayesianFigures {
  const sd = Math.sqrt(estimate.variance);
  const mu = estimate.value;
  const z = phiInverse(1 - (1 - confidenceLevel) / 2);
  const probabilityPositive = 1 - phi(-mu / sd);
  const lossIfNegative = sd * phiDensity(mu / sd) - mu * phi(-mu / sd);
  const lossIfPositive = sd * phiDensity(mu / sd) + mu * phi(mu / sd);
  return {
    chance_to_win: goal === 'increase' ? probabilityPositive : 1 - probabilityPositive,
    credible_interval: [mu - z * sd, mu + z * sd],
    expected_loss: goal === 'increase' ? lossIfNegative : lossIfPositive,
  };
}
