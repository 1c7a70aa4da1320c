import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calculatorPlan, calculatorProblem, dailyExposuresFrom, trafficQuery, type CalculatorInputs } from './calculator-model';

const rate: CalculatorInputs = { kind: 'rate', baselineRatePercent: 10, mean: 0, standardDeviation: 0, minimumDetectableEffectPercent: 30, powerPercent: 80, variantCount: 2, dailyExposures: 100 };

test('a 10% rate and a 30% lift at 80% power need 1,769 per variant (statsmodels NormalIndPower), 36 days at 100 a day', () => {
  assert.deepEqual(calculatorPlan(rate), { perVariant: 1769, total: 3538, days: 36 });
});

test('more variants need more people and days; unknown traffic gives no days', () => {
  const three = calculatorPlan({ ...rate, variantCount: 3 })!;
  assert.equal(three.perVariant, 1769);
  assert.equal(three.total, 5307);
  assert.equal(three.days, 54);
  assert.equal(calculatorPlan({ ...rate, dailyExposures: null })!.days, null);
});

test('a mean metric is sized from its mean and standard deviation', () => {
  const plan = calculatorPlan({ ...rate, kind: 'mean', mean: 50, standardDeviation: 40, minimumDetectableEffectPercent: 5 })!;
  assert.equal(plan.perVariant, 4019);
});

test('inputs that cannot be sized say why, and give no plan', () => {
  assert.equal(calculatorProblem({ ...rate, baselineRatePercent: 0 }), 'The baseline rate must be above 0% and below 100%.');
  assert.equal(calculatorProblem({ ...rate, baselineRatePercent: 90, minimumDetectableEffectPercent: 20 }), 'A 20% lift on a 90% rate would pass 100%: pick a smaller effect.');
  assert.equal(calculatorProblem({ ...rate, minimumDetectableEffectPercent: Number.NaN }), 'The minimum detectable effect must be above 0%.');
  assert.equal(calculatorProblem({ ...rate, powerPercent: 100 }), 'Power must be from 50% to 99%.');
  assert.equal(calculatorProblem({ ...rate, kind: 'mean', mean: 10, standardDeviation: 0 }), 'The standard deviation must be above 0.');
  assert.equal(calculatorProblem({ ...rate, dailyExposures: 0 }), 'Daily traffic must be above 0, or empty when unknown.');
  assert.equal(calculatorPlan({ ...rate, baselineRatePercent: 0 }), null);
});

test('traffic: unique $pageview persons over 14 days as one number, spread over the days', () => {
  const query = trafficQuery();
  assert.equal(query.series[0]!.math, 'dau');
  assert.equal(query.trendsFilter.display, 'BoldNumber');
  assert.equal(dailyExposuresFrom(1400), 100);
  assert.equal(dailyExposuresFrom(3), 1);
  assert.equal(dailyExposuresFrom(0), null);
  assert.equal(dailyExposuresFrom(undefined), null);
});
