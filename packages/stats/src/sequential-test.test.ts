import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alwaysValidPValues, msprt } from './sequential-test.js';
import type { Estimate } from './stats-types.js';
import { assertClose, loadVectors } from './test-support/vectors.js';

test('mSPRT likelihood ratio, p-value and confidence sequence match the closed-form normal mixture (numpy)', () => {
  type Case = { estimate: Estimate; mixingVariance: number; alpha: number; likelihood_ratio: number; p_value: number; confidence_sequence: [number, number] };
  for (const c of loadVectors<Case[]>('msprt.json')) {
    const result = msprt(c.estimate, { mixingVariance: c.mixingVariance, alpha: c.alpha });
    assertClose(result.likelihood_ratio / c.likelihood_ratio, 1, 1e-9, 'Λ (relative)');
    assertClose(result.p_value, c.p_value, 1e-9, 'p');
    assertClose(result.confidence_sequence[0], c.confidence_sequence[0], 1e-9, 'lo');
    assertClose(result.confidence_sequence[1], c.confidence_sequence[1], 1e-9, 'hi');
    assert.equal(result.significant, c.p_value < c.alpha);
  }
});

test('the confidence sequence excludes 0 exactly when the always-valid p-value is below alpha', () => {
  for (const value of [0.05, 0.1, 0.15, 0.2, 0.3]) {
    const result = msprt({ value, variance: 0.003 });
    assert.equal(result.confidence_sequence[0] > 0, result.p_value < 0.05, `value ${value}`);
  }
});

test('always-valid p-values never rise between looks', () => {
  const p = alwaysValidPValues([{ value: 0.2, variance: 0.004 }, { value: 0.01, variance: 0.002 }, { value: 0.15, variance: 0.001 }]);
  assert.ok(p[1] === p[0] && p[2] <= p[1]);
});
