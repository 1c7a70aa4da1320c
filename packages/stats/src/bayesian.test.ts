import { test } from 'node:test';
import { betaBinomialComparison, type Conversions } from './bayesian-beta-binomial.js';
import { normalComparison } from './bayesian-normal.js';
import type { Estimate } from './stats-types.js';
import { assertClose, loadVectors } from './test-support/vectors.js';

interface Vectors {
  beta_binomial: { control: Conversions; variant: Conversions; chance_to_win: number; credible_interval_95: [number, number]; credible_interval_90: [number, number]; expected_loss_increase: number; expected_loss_decrease: number }[];
  normal: { estimate: Estimate; chance_to_win_increase: number; credible_interval_95: [number, number]; credible_interval_99: [number, number]; expected_loss_increase: number; expected_loss_decrease: number }[];
}
const vectors = loadVectors<Vectors>('bayesian.json');

test('Beta-binomial chance to win, relative-difference credible intervals and expected loss match scipy quad to 1e-6', () => {
  for (const v of vectors.beta_binomial) {
    const label = `${v.control.successes}/${v.control.n} vs ${v.variant.successes}/${v.variant.n}`;
    const up = betaBinomialComparison(v.control, v.variant, 'increase', 0.95);
    assertClose(up.chance_to_win, v.chance_to_win, 1e-6, `${label} chance`);
    assertClose(up.credible_interval[0], v.credible_interval_95[0], 1e-6, `${label} lo95`);
    assertClose(up.credible_interval[1], v.credible_interval_95[1], 1e-6, `${label} hi95`);
    assertClose(up.expected_loss, v.expected_loss_increase, 1e-6, `${label} loss`);
    const down = betaBinomialComparison(v.control, v.variant, 'decrease', 0.9);
    assertClose(down.chance_to_win, 1 - v.chance_to_win, 1e-6, `${label} chance (decrease)`);
    assertClose(down.credible_interval[0], v.credible_interval_90[0], 1e-6, `${label} lo90`);
    assertClose(down.credible_interval[1], v.credible_interval_90[1], 1e-6, `${label} hi90`);
    assertClose(down.expected_loss, v.expected_loss_decrease, 1e-6, `${label} loss (decrease)`);
  }
});

test('the normal model gives chance to win, interval and PostHog-style risk matching scipy norm/truncnorm', () => {
  for (const v of vectors.normal) {
    const up = normalComparison(v.estimate, 'increase', 0.95);
    assertClose(up.chance_to_win, v.chance_to_win_increase, 1e-9, 'chance');
    assertClose(up.credible_interval[0], v.credible_interval_95[0], 1e-9, 'lo');
    assertClose(up.credible_interval[1], v.credible_interval_95[1], 1e-9, 'hi');
    assertClose(up.expected_loss, v.expected_loss_increase, 1e-9, 'loss');
    const down = normalComparison(v.estimate, 'decrease', 0.99);
    assertClose(down.chance_to_win, 1 - v.chance_to_win_increase, 1e-9, 'chance (decrease)');
    assertClose(down.credible_interval[1], v.credible_interval_99[1], 1e-9, 'hi99');
    assertClose(down.expected_loss, v.expected_loss_decrease, 1e-9, 'loss (decrease)');
  }
});
