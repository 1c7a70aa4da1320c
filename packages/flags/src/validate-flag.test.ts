import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlagDefinition } from './flag-definition.js';
import { validateFlag } from './validate-flag.js';

const attrs = (input: Parameters<typeof validateFlag>[0], options?: Parameters<typeof validateFlag>[1]) =>
  validateFlag(input, options).map((error) => `${error.attr}:${error.code}`);

const valid = {
  key: 'new-onboarding',
  filters: {
    groups: [{ properties: [{ key: 'email', type: 'person', value: '@acme.com', operator: 'icontains' }], rollout_percentage: 100, variant: 'test' }],
    multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] },
    payloads: { test: '{"color":"green"}' },
  },
};

test('a well-formed multivariate flag has no errors', () => {
  assert.deepEqual(validateFlag(valid, { creating: true }), []);
});

test('the key must be letters, digits, hyphens and underscores', () => {
  assert.deepEqual(validateFlag({ ...valid, key: 'bad key!' })[0], {
    attr: 'key',
    code: 'invalid_key',
    detail: 'Only letters, numbers, hyphens (-) & underscores (_) are allowed.',
  });
  assert.deepEqual(attrs({ ...valid, key: '' }), ['key:required']);
});

test('variants must sum to 100 and have unique keys', () => {
  const variants = [{ key: 'a', rollout_percentage: 50 }, { key: 'a', rollout_percentage: 25 }];
  const errors = validateFlag({ key: 'k', filters: { groups: [{ properties: [] }], multivariate: { variants } } });
  assert.deepEqual(errors.map((e) => e.attr), ['filters__multivariate__variants__1__key', 'filters__multivariate__variants']);
  assert.equal(errors[1].detail, 'Invalid variant definitions: Variant rollout percentages must sum to 100.');
  const thirds = [33.33, 33.33, 33.34].map((rollout, i) => ({ key: `v${i}`, rollout_percentage: rollout }));
  assert.deepEqual(attrs({ key: 'k', filters: { groups: [{ properties: [] }], multivariate: { variants: thirds } } }), []);
});

test('conditions: rollout within 0..100, override naming a variant, at least one on create', () => {
  const groups = [{ properties: [], rollout_percentage: 120 }, { properties: [], variant: 'ghost' }];
  assert.deepEqual(attrs({ key: 'k', filters: { groups } }), ['filters__groups__0__rollout_percentage:invalid_input', 'filters__groups__1__variant:invalid_input']);
  assert.deepEqual(attrs({ key: 'k', filters: { groups: [] } }, { creating: true }), ['filters__groups:invalid_input']);
  assert.deepEqual(attrs({ key: 'k', filters: { groups: [] } }), []);
});

test('payload keys must be variants (or "true") and string payloads valid JSON', () => {
  assert.deepEqual(attrs({ key: 'k', filters: { groups: [], payloads: { true: '{"a":1}' } } }), []);
  assert.deepEqual(attrs({ key: 'k', filters: { groups: [], payloads: { control: '1' } } }), ['filters__payloads:invalid_input']);
  assert.deepEqual(attrs({ ...valid, filters: { ...valid.filters, payloads: { ghost: '1', test: '{oops' } } }), [
    'filters__payloads__test:invalid_input',
    'filters__payloads:invalid_input',
  ]);
});

test('property filters: types by aggregation, value lists, dates, value types, regexes', () => {
  const person = (property: object) => ({ key: 'k', filters: { groups: [{ properties: [property] }] } });
  const base = 'filters__groups__0__properties__0';
  assert.deepEqual(attrs(person({ key: 'x', type: 'group', group_type_index: 0, value: 1 })), [`${base}__type:invalid_input`]);
  const groupFlag = { key: 'k', filters: { aggregation_group_type_index: 0, groups: [{ properties: [{ key: 'x', type: 'person', value: 1 }] }] } };
  assert.deepEqual(attrs(groupFlag), [`${base}__type:invalid_input`]);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', value: Array.from({ length: 1001 }, (_, i) => i) })), [`${base}__value:invalid_input`]);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', operator: 'is_date_after', value: 'soon' })), [`${base}__value:invalid_date`]);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', operator: 'is_date_after', value: '-30d' })), []);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', operator: 'icontains', value: 5 })), [`${base}__value:invalid_value`]);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', operator: 'gt', value: 5 })), []);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', operator: 'regex', value: '(' })), [`${base}__value:invalid_regex`]);
  assert.deepEqual(attrs(person({ key: 'x', type: 'person', operator: 'in', value: 1 })), [`${base}__operator:invalid_input`]);
});

test('cohorts must exist and have no behavioural filters', () => {
  const cohorts = { '1': { type: 'AND', values: [{ key: '$pageview', type: 'behavioral', value: 'performed_event' }] }, '2': { type: 'AND', values: [] } };
  const flag = (id: number) => ({ key: 'k', filters: { groups: [{ properties: [{ key: 'id', type: 'cohort', value: id }] }] } });
  const base = 'filters__groups__0__properties__0__value';
  assert.deepEqual(attrs(flag(1), { cohorts }), [`${base}:behavioral_cohort_found`]);
  assert.deepEqual(attrs(flag(2), { cohorts }), []);
  assert.deepEqual(attrs(flag(3), { cohorts }), [`${base}:cohort_does_not_exist`]);
});

test('flag dependencies: ids only, existing, not self, no cycles', () => {
  const dependsOn = (ref: string) => ({ groups: [{ properties: [{ key: ref, type: 'flag', operator: 'flag_evaluates_to', value: true }] }] });
  const existing: FlagDefinition[] = [{ id: 1, key: 'a', active: true, filters: dependsOn('2') as FlagDefinition['filters'] }];
  const detail = (input: Parameters<typeof validateFlag>[0]) => validateFlag(input, { existingFlags: existing }).map((e) => e.detail);
  assert.match(detail({ key: 'b', filters: dependsOn('a') })[0], /must reference flag IDs/);
  assert.match(detail({ id: 2, key: 'b', filters: dependsOn('2') })[0], /cannot depend on itself/);
  assert.match(detail({ key: 'b', filters: dependsOn('9') })[0], /non-existent flag with ID 9/);
  assert.match(detail({ id: 2, key: 'b', filters: dependsOn('1') })[0], /Circular dependency/);
  assert.deepEqual(detail({ id: 3, key: 'c', filters: dependsOn('1') }), []);
  const wrongOperator = { key: 'c', filters: { groups: [{ properties: [{ key: '1', type: 'flag', operator: 'exact', value: true }] }] } };
  assert.deepEqual(attrs(wrongOperator), ['filters__groups__0__properties__0__operator:invalid_input']);
});
