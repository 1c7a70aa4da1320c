import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rolloutSummary } from './rollout-summary';

test('one set without filters reads as a share of all users', () => {
  assert.equal(rolloutSummary({ groups: [{ properties: [], rollout_percentage: 5 }] }), '5% of all users');
  assert.equal(rolloutSummary({ groups: [{ properties: [], rollout_percentage: null }] }), '100% of all users');
});

test('filters, several sets and no sets say so', () => {
  assert.equal(rolloutSummary({ groups: [{ properties: [{ key: 'plan', value: 'pro' }], rollout_percentage: 50 }] }), '50% of users matching 1 filter');
  assert.equal(rolloutSummary({ groups: [{ properties: [] }, { properties: [] }] }), '2 conditions');
  assert.equal(rolloutSummary({ groups: [] }), 'No conditions: off for everyone');
  assert.equal(rolloutSummary(undefined), 'No conditions: off for everyone');
});

test('a multivariate flag lists its split', () => {
  const filters = {
    groups: [{ properties: [], rollout_percentage: 100 }],
    multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] },
  };
  assert.equal(rolloutSummary(filters), '100% of all users · multivariate: control 50 / test 50');
});
