import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonCount, familyAdjusted, familyText, pValuesOf } from './family-correction';

test("every metric's variants are corrected together by Benjamini–Hochberg, and said in words", () => {
  const byMetric = { 'Primary metric 1': { test: 0.01, b: 0.04 }, 'Secondary metric 1': { test: 0.03 } };
  const adjusted = familyAdjusted(byMetric);
  assert.deepEqual(adjusted, { 'Primary metric 1': { test: 0.03, b: 0.04 }, 'Secondary metric 1': { test: 0.04 } });
  assert.equal(comparisonCount(byMetric), 3);
  assert.equal(familyText(adjusted['Primary metric 1'], 3), 'Across the 3 comparisons of this experiment (Benjamini–Hochberg): test p = 0.030, b p = 0.040.');
});

test('one comparison needs no correction, and Bayesian results bring no p-values', () => {
  assert.deepEqual(familyAdjusted({ m: { test: 0.01 } }), {});
  assert.equal(familyText(undefined, 1), null);
  const bayesian = { variant_results: [{ key: 'test', method: 'bayesian', chance_to_win: 0.9 }] } as never;
  assert.deepEqual(pValuesOf(bayesian), {});
  const frequentist = { variant_results: [{ key: 'test', method: 'frequentist', p_value: 0.2 }, { key: 'b', method: 'frequentist', p_value: null }] } as never;
  assert.deepEqual(pValuesOf(frequentist), { test: 0.2 });
});
