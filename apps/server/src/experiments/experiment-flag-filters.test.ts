import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdoutVariant } from '@warren/flags/holdout';
import { AppError } from '../platform/app-error.js';
import { checkFlagEligible, experimentVariants, newFlagFilters, shippedFilters, withHoldout } from './experiment-flag-filters.js';

const attrOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? `${e.attr}: ${e.detail}` : String(e);
  }
  return 'no error';
};

test('variants default to control/test 50/50 and must be 2 to 20 with a control', () => {
  assert.deepEqual(experimentVariants({}).map((v) => [v.key, v.rollout_percentage]), [['control', 50], ['test', 50]]);
  assert.match(attrOf(() => experimentVariants({ feature_flag_variants: [{ key: 'control', rollout_percentage: 100 }] })), /at least 2 variants/);
  assert.match(attrOf(() => experimentVariants({ feature_flag_variants: [{ key: 'a', rollout_percentage: 50 }, { key: 'b', rollout_percentage: 50 }] })), /'control'/);
  const many = Array.from({ length: 21 }, (_, i) => ({ key: i === 0 ? 'control' : `v${i}`, rollout_percentage: 5 }));
  assert.match(attrOf(() => experimentVariants({ feature_flag_variants: many })), /less than 21/);
  assert.equal(experimentVariants({ feature_flag_variants: many.slice(0, 20) }).length, 20);
  assert.match(attrOf(() => experimentVariants({ feature_flag_variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'control', rollout_percentage: 50 }] })), /unique/);
});

test('an existing flag qualifies only when multivariate with control first', () => {
  assert.match(attrOf(() => checkFlagEligible({ multivariate: null })), /^feature_flag_key: .*at least 2 variants/);
  assert.match(attrOf(() => checkFlagEligible({ multivariate: { variants: [{ key: 'test' }, { key: 'control' }] } })), /'control' as the first variant/);
  assert.equal(attrOf(() => checkFlagEligible({ multivariate: { variants: [{ key: 'control' }, { key: 'test' }] } })), 'no error');
});

test('a holdout is written in PostHog current form and the flag engine holds out that share with the holdout- salt', () => {
  const filters = newFlagFilters(experimentVariants({}), null, { id: 7, filters: [{ properties: [], rollout_percentage: 20 }] });
  assert.deepEqual(filters.holdout, { id: 7, exclusion_percentage: 20 });
  const flag = { id: 1, key: 'exp', active: true, filters };
  let held = 0;
  for (let i = 0; i < 1000; i++) if (holdoutVariant(flag, `user-${i}`) === 'holdout-7') held++;
  assert.ok(held > 160 && held < 240, `about 200 of 1000 held out, got ${held}`);
  assert.equal(withHoldout({ ...filters, holdout_groups: [{ rollout_percentage: 5 }] }, null).holdout, null);
  assert.equal('holdout_groups' in withHoldout({ holdout_groups: [] }, null), false, 'the legacy form is replaced, not kept beside it');
});

test('shipping a variant gives it 100 % of the split, drops the holdout, and can put a catch-all condition first', () => {
  const filters = { ...newFlagFilters(experimentVariants({}), null, { id: 7, filters: [{ rollout_percentage: 20 }] }), groups: [{ properties: [{ key: 'plan', value: 'pro' }], rollout_percentage: 50 }] };
  const kept = shippedFilters(filters, 'test', false);
  assert.deepEqual((kept.multivariate as { variants: { key: string; rollout_percentage: number }[] }).variants.map((v) => [v.key, v.rollout_percentage]), [['control', 0], ['test', 100]]);
  assert.equal(kept.holdout, undefined);
  assert.deepEqual(kept.groups, filters.groups, 'release conditions are kept by default');
  const everyone = shippedFilters(filters, 'test', true).groups as { properties: unknown[]; rollout_percentage: number }[];
  assert.deepEqual([everyone.length, everyone[0].properties, everyone[0].rollout_percentage], [2, [], 100]);
});
