import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVariants } from './compare-variants.js';
import { covariateGrandMean, cupedAdjustedMoments, cupedTheta } from './cuped.js';
import type { VariantStatistics } from './stats-types.js';
import { assertClose, loadVectors } from './test-support/vectors.js';
import { variantMoments } from './variant-moments.js';

type Case = { control: VariantStatistics; variant: VariantStatistics; theta: number; adjusted_difference: number; raw_difference: number };
const cases = loadVectors<Case[]>('cuped.json').map((c) => ({ ...c, control: { ...c.control, key: 'control' }, variant: { ...c.variant, key: 'test' } }));

test('θ is the pooled within-variant slope and the adjusted difference equals the OLS treatment coefficient (statsmodels)', () => {
  for (const c of cases) {
    const all = [c.control, c.variant];
    const theta = cupedTheta(all, 'mean')!;
    assertClose(theta, c.theta, 1e-6, 'theta');
    const grand = covariateGrandMean(all);
    const difference = cupedAdjustedMoments(c.variant, theta, grand, 'mean').mean - cupedAdjustedMoments(c.control, theta, grand, 'mean').mean;
    assertClose(difference, c.adjusted_difference, 1e-6, 'adjusted difference');
  }
});

test('CUPED shrinks the variance and narrows the interval when the covariate predicts the metric', () => {
  const c = cases[0];
  const theta = cupedTheta([c.control, c.variant], 'mean')!;
  const grand = covariateGrandMean([c.control, c.variant]);
  assert.ok(cupedAdjustedMoments(c.control, theta, grand, 'mean').variance < 0.6 * variantMoments(c.control, 'mean').variance);
  const width = (r: ReturnType<typeof compareVariants>) => {
    const ci = r.variant_results[0].method === 'frequentist' ? r.variant_results[0].confidence_interval! : [0, 0];
    return ci[1] - ci[0];
  };
  const input = { metricType: 'mean' as const, method: 'frequentist' as const, control: c.control, variants: [c.variant] };
  const adjusted = compareVariants(input);
  const raw = compareVariants({ ...input, options: { cuped: false } });
  assert.equal(adjusted.cuped_applied, true);
  assert.equal(raw.cuped_applied, false);
  assert.ok(width(adjusted) < 0.8 * width(raw), `${width(adjusted)} vs ${width(raw)}`);
});

test('without a covariate on every variant, or for ratios, nothing is adjusted', () => {
  const c = cases[0];
  const { covariateSum: _s, covariateSumSquares: _q, covariateProductSum: _p, ...bare } = c.variant;
  assert.equal(cupedTheta([c.control, { ...bare, key: 'test' }], 'mean'), null);
  assert.equal(cupedTheta([c.control, c.variant], 'ratio'), null);
});
