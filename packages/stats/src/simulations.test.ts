// Statistical behaviour under seeded simulation. Tolerances are binomial: with R runs and nominal rate r, the count of
// false positives has mean R·r and sd √(R·r(1 − r)); each check allows 3 sd either side (≈ 99.7 % of seeds pass).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVariants } from './compare-variants.js';
import { sampleRatioMismatch } from './sample-ratio-mismatch.js';
import { sequentialComparison } from './sequential-test.js';
import type { BayesianVariantResult, FrequentistVariantResult } from './stats-types.js';
import { binomialDraw, funnelVariant, uniformSource } from './test-support/seeded-experiment.js';

const RUNS = 200;

function band(rate: number): [number, number] {
  const mean = RUNS * rate;
  const sd = Math.sqrt(RUNS * rate * (1 - rate));
  return [Math.max(0, Math.ceil(mean - 3 * sd)), Math.floor(mean + 3 * sd)];
}

function aaRuns(seed: number, n: number, rate: number) {
  const uniform = uniformSource(seed);
  return Array.from({ length: RUNS }, () => [funnelVariant('control', n, binomialDraw(uniform, n, rate)), funnelVariant('test', n, binomialDraw(uniform, n, rate))]);
}

test('200 seeded A/A runs (10 %, 5,000 each) are falsely significant near the nominal rate by both methods', () => {
  const runs = aaRuns(2024, 5000, 0.1);
  const frequentist = runs.filter(([c, t]) => compareVariants({ metricType: 'funnel', method: 'frequentist', control: c, variants: [t] }).variant_results[0].significant).length;
  const [lo, hi] = band(0.05); // α = 0.05 → 10 expected, 3 sd band [1, 19]
  assert.ok(frequentist >= lo && frequentist <= hi, `frequentist false positives ${frequentist} outside [${lo}, ${hi}]`);
  // Bayesian "significant" is PostHog's is_decisive: chance to win > 0.95 or < 0.05, two tails of 5 % → 10 % nominal.
  const bayesian = runs.filter(([c, t]) => (compareVariants({ metricType: 'funnel', control: c, variants: [t] }).variant_results[0] as BayesianVariantResult).significant).length;
  const [blo, bhi] = band(0.1);
  assert.ok(bayesian >= blo && bayesian <= bhi, `bayesian decisive A/A runs ${bayesian} outside [${blo}, ${bhi}]`);
});

test('peeking daily for 14 days: the mSPRT stays under α while a fixed-horizon test peeked daily does not', () => {
  const uniform = uniformSource(77);
  let sequentialHits = 0;
  let naiveHits = 0;
  for (let run = 0; run < RUNS; run++) {
    const totals = { c: 0, t: 0, n: 0 };
    let sequential = false;
    let naive = false;
    for (let day = 0; day < 14; day++) {
      totals.n += 400;
      totals.c += binomialDraw(uniform, 400, 0.1);
      totals.t += binomialDraw(uniform, 400, 0.1);
      const c = funnelVariant('control', totals.n, totals.c);
      const t = funnelVariant('test', totals.n, totals.t);
      sequential ||= sequentialComparison(c, t, 'funnel').significant;
      naive ||= compareVariants({ metricType: 'funnel', method: 'frequentist', control: c, variants: [t] }).variant_results[0].significant;
    }
    if (sequential) sequentialHits++;
    if (naive) naiveHits++;
  }
  assert.ok(sequentialHits <= band(0.05)[1], `mSPRT stopped ${sequentialHits}/${RUNS} A/A runs`);
  assert.ok(naiveHits > band(0.05)[1], `naive daily peeking stopped only ${naiveHits}/${RUNS}: the comparison shows nothing`);
});

test('a simulated known lift (10 % → 13 %, 5,000 each) is significant by both methods with intervals covering +30 %', () => {
  const uniform = uniformSource(13);
  const control = funnelVariant('control', 5000, binomialDraw(uniform, 5000, 0.1));
  const variant = funnelVariant('test', 5000, binomialDraw(uniform, 5000, 0.13));
  const bayes = compareVariants({ metricType: 'funnel', control, variants: [variant] }).variant_results[0] as BayesianVariantResult;
  const freq = compareVariants({ metricType: 'funnel', method: 'frequentist', control, variants: [variant] }).variant_results[0] as FrequentistVariantResult;
  assert.ok(bayes.significant && freq.significant);
  for (const [lo, hi] of [bayes.credible_interval!, freq.confidence_interval!]) assert.ok(lo < 0.3 && 0.3 < hi, `[${lo}, ${hi}]`);
});

test('a 45/55 split of a 50/50 experiment raises SRM; true 50/50 splits almost never do', () => {
  const uniform = uniformSource(5);
  const assign = (share: number, n: number) => {
    const control = binomialDraw(uniform, n, share);
    return { control, test: n - control };
  };
  assert.equal(sampleRatioMismatch(assign(0.45, 10000), { control: 50, test: 50 }).mismatch, true);
  const falseAlarms = Array.from({ length: RUNS }, () => sampleRatioMismatch(assign(0.5, 10000), { control: 50, test: 50 }).mismatch).filter(Boolean).length;
  assert.ok(falseAlarms <= 2, `${falseAlarms} SRM alarms on fair splits (nominal 0.001 × 200 = 0.2)`);
});
