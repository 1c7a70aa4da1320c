// Bayesian comparison of two conversion rates with Beta(1, 1) priors, computed exactly by quadrature.
import { betaPosterior } from './posterior.js';
import { chanceToBeat, relativeDifferenceQuantile, relativeExpectedLoss } from './posterior-comparison.js';
import type { BayesianFigures } from './bayesian-normal.js';
import type { Goal } from './stats-types.js';

export interface Conversions {
  n: number;
  successes: number;
}

/**
 * Chance to win, credible interval of the relative difference (p_v − p_c)/p_c, and expected relative loss, for
 * Beta(1 + successes, 1 + failures) posteriors.
 * @example betaBinomialComparison({ n: 5000, successes: 500 }, { n: 5000, successes: 650 }, 'increase', 0.95).chance_to_win // ≈ 1
 */
export function betaBinomialComparison(control: Conversions, variant: Conversions, goal: Goal, confidenceLevel: number): BayesianFigures {
  const a = betaPosterior(control.successes, control.n - control.successes);
  const b = betaPosterior(variant.successes, variant.n - variant.successes);
  const tail = (1 - confidenceLevel) / 2;
  const better = chanceToBeat(b, a);
  return {
    chance_to_win: goal === 'increase' ? better : 1 - better,
    credible_interval: [relativeDifferenceQuantile(b, a, tail), relativeDifferenceQuantile(b, a, 1 - tail)],
    expected_loss: relativeExpectedLoss(b, a, goal),
  };
}
