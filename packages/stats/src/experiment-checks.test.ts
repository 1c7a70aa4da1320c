import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benjaminiHochbergAdjust, holmAdjust } from './multiple-comparisons.js';
import { sampleRatioMismatch } from './sample-ratio-mismatch.js';
import { sampleSizeForMean, sampleSizeForProportion } from './sample-size.js';
import { assertClose, loadVectors } from './test-support/vectors.js';

test('SRM chi-square and p-value match scipy chisquare; only p < 0.001 is a mismatch', () => {
  const cases = loadVectors<{ observed: number[]; shares: number[]; chi_square: number; p_value: number }[]>('srm.json');
  for (const c of cases) {
    const keys = c.observed.map((_, i) => `v${i}`);
    const result = sampleRatioMismatch(Object.fromEntries(keys.map((k, i) => [k, c.observed[i]])), Object.fromEntries(keys.map((k, i) => [k, c.shares[i]])));
    assertClose(result.chi_square, c.chi_square, 1e-9, 'chi-square');
    assertClose(result.p_value, c.p_value, 1e-6, 'p');
    assert.equal(result.mismatch, c.p_value < 0.001);
  }
});

test('an unexposed variant counts as zero exposures, and a lone variant cannot mismatch', () => {
  assert.equal(sampleRatioMismatch({ control: 900 }, { control: 50, test: 50 }).mismatch, true);
  assert.equal(sampleRatioMismatch({ control: 900 }, { control: 100 }).p_value, 1);
});

test('variants named __proto__ or constructor are variants like any other', () => {
  const named = sampleRatioMismatch(JSON.parse('{"__proto__": 4500, "constructor": 5500}'), JSON.parse('{"__proto__": 50, "constructor": 50}'));
  const plain = sampleRatioMismatch({ a: 4500, b: 5500 }, { a: 50, b: 50 });
  assert.equal(named.p_value, plain.p_value);
  assert.equal(named.mismatch, true);
  assert.deepEqual(named.observed, JSON.parse('{"__proto__": 4500, "constructor": 5500}'));
  assert.equal(sampleRatioMismatch({}, { constructor: 50, test: 50 }).p_value, 1, 'no exposures at all: nothing to test');
});

test('Holm and Benjamini–Hochberg adjusted p-values match statsmodels multipletests, in input order', () => {
  const cases = loadVectors<{ p_values: number[]; holm: number[]; fdr_bh: number[] }[]>('corrections.json');
  for (const c of cases) {
    holmAdjust(c.p_values).forEach((p, i) => assertClose(p, c.holm[i], 1e-12, `holm ${i}`));
    benjaminiHochbergAdjust(c.p_values).forEach((p, i) => assertClose(p, c.fdr_bh[i], 1e-12, `bh ${i}`));
  }
});

test('sample sizes match statsmodels NormalIndPower.solve_power (Cohen h for rates, d for means)', () => {
  type Case = { kind: string; effect_size: number; n: number; power: number; alpha: number; minimumDetectableEffect: number; baselineRate?: number; mean?: number; standardDeviation?: number };
  for (const c of loadVectors<Case[]>('sample-size.json')) {
    const options = { minimumDetectableEffect: c.minimumDetectableEffect, power: c.power, alpha: c.alpha };
    const plan = c.kind === 'proportion'
      ? sampleSizeForProportion({ ...options, baselineRate: c.baselineRate! })
      : sampleSizeForMean({ ...options, mean: c.mean!, standardDeviation: c.standardDeviation! });
    assertClose(plan.effectSize, c.effect_size, 1e-12, 'effect size');
    assertClose(plan.perVariantExact, c.n, 1e-6, 'n');
    assert.equal(plan.perVariant, Math.ceil(c.n));
  }
});

test('days to run = total exposures over daily traffic, rounded up; more variants need more days', () => {
  const two = sampleSizeForProportion({ baselineRate: 0.1, minimumDetectableEffect: 0.3, dailyExposures: 500 });
  assert.deepEqual([two.perVariant, two.total, two.days], [1769, 3538, 8]);
  const three = sampleSizeForProportion({ baselineRate: 0.1, minimumDetectableEffect: 0.3, dailyExposures: 500, variantCount: 3 });
  assert.deepEqual([three.total, three.days], [5307, 11]);
  assert.equal(sampleSizeForProportion({ baselineRate: 0.1, minimumDetectableEffect: 0.3 }).days, null);
});
