import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legacyFunnelsStatistics, type FunnelVariantCounts } from './legacy-funnels.js';
import { legacyTrendsStatistics, type TrendVariantCounts } from './legacy-trends.js';
import { assertClose, loadVectors } from './test-support/vectors.js';

interface Case<V> { variants: V[]; probability: number[]; credible_intervals: [number, number][]; expected_loss_of: number; expected_loss: number }
const vectors = loadVectors<{ funnels: Case<FunnelVariantCounts>[]; trends: Case<TrendVariantCounts>[] }>('legacy.json');

function check(result: ReturnType<typeof legacyFunnelsStatistics>, v: Case<{ key: string }>) {
  v.variants.forEach((variant, i) => {
    assertClose(result.probability[variant.key], v.probability[i], 1e-6, `probability ${variant.key}`);
    assertClose(result.credible_intervals[variant.key][0], v.credible_intervals[i][0], 1e-6, `lo ${variant.key}`);
    assertClose(result.credible_intervals[variant.key][1], v.credible_intervals[i][1], 1e-6, `hi ${variant.key}`);
  });
  assertClose(Object.values(result.probability).reduce((s, p) => s + p, 0), 1, 1e-12, 'probabilities sum to 1');
  if (result.significance_code !== 'not_enough_exposure' && result.significance_code !== 'low_win_probability') {
    assertClose(result.expected_loss, v.expected_loss, 1e-6, 'expected loss of the leader');
  }
}

test('legacy funnel figures: chance each variant is best and Beta(1,1) credible intervals match scipy to 1e-6', () => {
  for (const v of vectors.funnels) check(legacyFunnelsStatistics(v.variants), v);
});

test('legacy trend figures: Gamma–Poisson chance to be best and intervals match scipy to 1e-6', () => {
  for (const v of vectors.trends) check(legacyTrendsStatistics(v.variants), v);
});

test('legacy verdicts follow PostHog: exposure first, then win probability, then expected loss', () => {
  const few = legacyFunnelsStatistics([{ key: 'control', success_count: 50, failure_count: 49 }, { key: 'test', success_count: 80, failure_count: 20 }]);
  assert.equal(few.significance_code, 'not_enough_exposure');
  const close = legacyFunnelsStatistics([{ key: 'control', success_count: 500, failure_count: 4500 }, { key: 'test', success_count: 505, failure_count: 4495 }]);
  assert.equal(close.significance_code, 'low_win_probability');
  assert.equal(close.significant, false);
  const clear = legacyFunnelsStatistics([{ key: 'control', success_count: 100, failure_count: 900 }, { key: 'test', success_count: 130, failure_count: 870 }]);
  assert.deepEqual([clear.significance_code, clear.significant, clear.p_value], ['significant', true, 0]);
  // A 90 % winner on a high-variance count metric can still risk more than 0.01 events per person.
  const risky = legacyTrendsStatistics([{ key: 'control', count: 300000, exposure: 1, absolute_exposure: 1000 }, { key: 'test', count: 301200, exposure: 1, absolute_exposure: 1000 }]);
  assert.equal(risky.significance_code, 'high_loss');
});
