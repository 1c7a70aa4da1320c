import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequentialComparison } from '@warren/stats/sequential-test';
import { holmAcrossVariants, sequentialFigures, withEarlierLooks } from './peeking-safe-figures.js';

const control = { key: 'control', numberOfSamples: 5000, sum: 500, sumSquares: 500 };
const test13 = { key: 'test', numberOfSamples: 5000, sum: 650, sumSquares: 650 };

test("a variant's sequential reading is the stats package's mSPRT at the experiment's level, or null without data", () => {
  const reading = sequentialFigures(control, test13, 'funnel', 0.95);
  const expected = sequentialComparison(control, test13, 'funnel', { alpha: 0.05 });
  assert.deepEqual(reading, { p_value: expected.p_value, confidence_sequence: expected.confidence_sequence, significant: expected.significant });
  assert.ok(reading!.confidence_sequence[0] < 0.3 && 0.3 < reading!.confidence_sequence[1], 'the sequence covers the true +30 %');
  assert.equal(sequentialFigures({ ...control, numberOfSamples: 0, sum: 0, sumSquares: 0 }, test13, 'funnel', 0.95), null);
  assert.equal(sequentialFigures({ ...control, sum: 0, sumSquares: 0 }, { ...test13, sum: 0, sumSquares: 0 }, 'funnel', 0.95), null, 'nobody converted: no variance to test');
});

test("Holm's adjustment covers the variants that have a p-value and leaves the others null", () => {
  assert.deepEqual(holmAcrossVariants([{ p_value: 0.01 }, { p_value: null }, { p_value: 0.04 }]), [0.02, null, 0.04]);
  assert.deepEqual(holmAcrossVariants([{ p_value: 0.03 }]), [0.03]);
});

test('the last look keeps the smallest p-value of every look and the intersection of their sequences', () => {
  const day = (p: number, lo: number, hi: number) => ({ p_value: p, confidence_sequence: [lo, hi] as [number, number], significant: p < 0.05 });
  const last = withEarlierLooks(day(0.2, -0.1, 0.5), [day(0.6, -0.3, 0.6), day(0.01, 0.05, 0.7), null], 0.95);
  assert.deepEqual(last, { p_value: 0.01, confidence_sequence: [0.05, 0.5], significant: true }, 'crossed on day 2, still significant on day 3');
  assert.equal(withEarlierLooks(null, [day(0.01, 0, 1)], 0.95), null);
  assert.deepEqual(withEarlierLooks(day(0.5, 0.2, 0.3), [day(0.9, 0.4, 0.5)], 0.95)?.confidence_sequence, [0.4, 0.4], 'disjoint sequences never invert');
});
