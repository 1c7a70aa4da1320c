import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeatureFlagApi } from '@warren/shared/feature-flags-api';
import { distributeEqually, emptyForm, errorSlot, flagBody, formFromFlag, jsonError, keyError, splitEqually, starterVariants, validateForm, variantSum, type FlagForm } from './flag-form';

const stored = (filters: FeatureFlagApi['filters'], extra: Partial<FeatureFlagApi> = {}) =>
  ({ id: 7, key: 'new-checkout', name: 'Checkout', active: true, ensure_experience_continuity: false, version: 3, filters, ...extra }) as FeatureFlagApi;

test('a new flag is sent as one condition set for everyone at 0 %, no variants, no payloads', () => {
  const form: FlagForm = { ...emptyForm(), key: 'new-checkout' };
  assert.deepEqual(flagBody(form), {
    key: 'new-checkout',
    name: '',
    active: true,
    ensure_experience_continuity: false,
    filters: { groups: [{ properties: [], rollout_percentage: 0, variant: null }], multivariate: null, payloads: {} },
  });
});

test('person filters, cohorts and a rollout become PostHog filters; an edit carries its version', () => {
  const form = formFromFlag(stored({ groups: [{ properties: [], rollout_percentage: 5 }] }));
  form.conditions[0].properties = [{ key: 'email', type: 'person', operator: 'icontains', value: '@acme.com' }];
  form.conditions[0].cohorts = [{ cohortId: 12, operator: 'in' }];
  form.ensureExperienceContinuity = true;
  const body = flagBody(form);
  assert.equal(body.version, 3);
  assert.equal(body.ensure_experience_continuity, true);
  assert.deepEqual(body.filters!.groups, [
    {
      properties: [
        { key: 'email', type: 'person', operator: 'icontains', value: '@acme.com' },
        { key: 'id', type: 'cohort', operator: 'in', value: 12 },
      ],
      rollout_percentage: 5,
      variant: null,
    },
  ]);
});

test('a stored flag reads back into the same body, keeping the parts the editor has no widget for', () => {
  const filters = {
    groups: [
      { properties: [{ key: 'plan', type: 'person', operator: 'exact', value: ['pro'] }, { key: '3', type: 'flag', operator: 'flag_evaluates_to', value: true }], rollout_percentage: 100, variant: 'test', description: 'pros' },
      { properties: [{ key: 'id', type: 'cohort', value: 4, operator: 'not_in' }], rollout_percentage: null },
    ],
    multivariate: { variants: [{ key: 'control', name: 'Old', rollout_percentage: 50 }, { key: 'test', name: null, rollout_percentage: 50 }] },
    payloads: { control: '{"color":"blue"}', test: '{"color":"green"}' },
    holdout: { id: 1, exclusion_percentage: 10 },
  };
  const body = flagBody(formFromFlag(stored(filters)));
  assert.deepEqual(body.filters, {
    holdout: { id: 1, exclusion_percentage: 10 },
    groups: [
      {
        description: 'pros',
        properties: [{ key: 'plan', type: 'person', operator: 'exact', value: ['pro'] }, { key: '3', type: 'flag', operator: 'flag_evaluates_to', value: true }],
        rollout_percentage: 100,
        variant: 'test',
      },
      // A missing rollout means everyone, so it reads back as 100.
      { properties: [{ key: 'id', type: 'cohort', operator: 'not_in', value: 4 }], rollout_percentage: 100, variant: null },
    ],
    multivariate: { variants: [{ key: 'control', name: 'Old', rollout_percentage: 50 }, { key: 'test', name: null, rollout_percentage: 50 }] },
    payloads: { control: '{"color":"blue"}', test: '{"color":"green"}' },
  });
});

test('a boolean flag sends its payload under "true"; variants drop it and send theirs', () => {
  const form: FlagForm = { ...emptyForm(), key: 'k', truePayload: ' {"discount": 10} ' };
  assert.deepEqual(flagBody(form).filters!.payloads, { true: '{"discount": 10}' });
  const variants = starterVariants();
  variants[1].payload = '"green"';
  assert.deepEqual(flagBody({ ...form, variants }).filters!.payloads, { test: '"green"' });
});

test('keys follow PostHog: letters, digits, - and _', () => {
  assert.equal(keyError('new-checkout_2'), null);
  assert.match(keyError('new checkout')!, /Only letters/);
  assert.match(keyError('')!, /key/);
});

test('validation puts each problem on its field: key, variant sum, variant keys, payload JSON, rollout range', () => {
  const form: FlagForm = { ...emptyForm(), key: 'bad key', variants: starterVariants() };
  form.variants[0].rolloutPercentage = 60;
  form.variants[1].key = 'control';
  form.variants[0].payload = '{nope';
  form.conditions[0].rolloutPercentage = 101;
  form.conditions[0].variant = 'gone';
  const errors = validateForm(form);
  assert.deepEqual(Object.keys(errors).sort(), [
    'filters__groups__0__rollout_percentage',
    'filters__groups__0__variant',
    'filters__multivariate__variants',
    'filters__multivariate__variants__1__key',
    'filters__payloads__control',
    'key',
  ]);
  assert.match(errors.filters__multivariate__variants, /sum to 100 \(now 110%\)/);
});

test('a valid form has no errors, and an empty filter row or unpicked cohort is caught', () => {
  const form: FlagForm = { ...emptyForm(), key: 'ok', variants: starterVariants() };
  assert.deepEqual(validateForm(form), {});
  form.conditions[0].cohorts = [{ cohortId: null, operator: 'in' }];
  assert.match(validateForm(form).filters__groups__0__properties, /cohort/);
});

test('distribute equally gives whole percentages that sum to 100', () => {
  assert.deepEqual(distributeEqually(2), [50, 50]);
  assert.deepEqual(distributeEqually(3), [34, 33, 33]);
  assert.deepEqual(distributeEqually(7).reduce((a, b) => a + b, 0), 100);
  assert.deepEqual(distributeEqually(0), []);
});

test('splitting equally keeps each variant and gives it its whole-percent share; the total ignores a share that is not a number', () => {
  const split = splitEqually([{ key: 'control', rolloutPercentage: 90 }, { key: 'test', rolloutPercentage: 5 }, { key: 'b', rolloutPercentage: NaN }]);
  assert.deepEqual(split, [{ key: 'control', rolloutPercentage: 34 }, { key: 'test', rolloutPercentage: 33 }, { key: 'b', rolloutPercentage: 33 }]);
  assert.equal(variantSum(split), 100);
  assert.equal(variantSum([{ rolloutPercentage: 60 }, { rolloutPercentage: NaN }]), 60);
});

test('payload text must be JSON (empty means none)', () => {
  assert.equal(jsonError(''), null);
  assert.equal(jsonError('"text"'), null);
  assert.equal(jsonError('42'), null);
  assert.match(jsonError('{color: blue}')!, /valid JSON/);
});

test("server errors land next to the field their attr names, or above the form", () => {
  assert.equal(errorSlot('key'), 'key');
  assert.equal(errorSlot('filters__groups__2__rollout_percentage'), 'filters__groups__2__rollout_percentage');
  assert.equal(errorSlot('filters__groups__0__properties__1__value'), 'filters__groups__0__properties');
  assert.equal(errorSlot('filters__multivariate__variants__1__key'), 'filters__multivariate__variants__1__key');
  assert.equal(errorSlot('filters__multivariate__variants'), 'filters__multivariate__variants');
  assert.equal(errorSlot('filters__payloads__control'), 'filters__payloads__control');
  assert.equal(errorSlot('filters'), 'form');
  assert.equal(errorSlot(null), 'form');
});
