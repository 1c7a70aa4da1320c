import type { FlagDefinition, JsonValue, PropertyFilter, PropertyGroup } from '../flag-definition.js';

// A fixture universe for the local-evaluation agreement test: one flag per feature the engine implements,
// in the stored form (flag dependencies reference flag ids, as Warren's REST API stores them).

const variants3 = [
  { key: 'control', rollout_percentage: 34 },
  { key: 'test', rollout_percentage: 33 },
  { key: 'test-2', rollout_percentage: 33 },
];

const person = (key: string, operator: string, value: JsonValue): PropertyFilter => ({ key, type: 'person', operator, value });

/** The flags every distinct id is evaluated against. */
export const agreementFlags: FlagDefinition[] = [
  { id: 1, key: 'rollout-only', active: true, filters: { groups: [{ properties: [], rollout_percentage: 37 }] } },
  {
    id: 2, key: 'multivariate-payloads', active: true,
    filters: {
      groups: [{ properties: [], rollout_percentage: 80 }],
      multivariate: { variants: variants3 },
      payloads: { control: '{"color":"blue"}', test: { color: 'green' }, 'test-2': '"plain"' },
    },
  },
  {
    id: 3, key: 'email-or-plan', active: true,
    filters: {
      groups: [
        { properties: [person('email', 'icontains', '@ACME.com')], rollout_percentage: 50 },
        { properties: [person('plan', 'exact', ['pro', 'team'])], rollout_percentage: null, variant: 'test' },
      ],
      multivariate: { variants: variants3 },
      payloads: { test: '{"discount":10}' },
    },
  },
  {
    id: 4, key: 'is-not-list', active: true,
    filters: { groups: [{ properties: [person('country', 'is_not', ['US', 'ca']), person('email', 'not_icontains', 'spam')] }] },
  },
  {
    id: 5, key: 'regexes', active: true,
    filters: {
      groups: [
        { properties: [person('email', 'regex', '^[a-z0-9.]+@acme\\.com$')] },
        { properties: [person('plan', 'not_regex', '^fr.e$'), person('email', 'regex', '(a+)+$')], rollout_percentage: 30 },
      ],
    },
  },
  {
    id: 6, key: 'numeric', active: true,
    filters: { groups: [{ properties: [person('age', 'gt', '30'), person('age', 'lte', 65)] }, { properties: [person('score', 'gte', 'm')] }] },
  },
  {
    id: 7, key: 'dates', active: true,
    filters: {
      groups: [
        { properties: [person('signup_date', 'is_date_after', '-30d')] },
        { properties: [person('signup_date', 'is_date_before', '2024-01-01')], rollout_percentage: 60 },
      ],
    },
  },
  {
    id: 8, key: 'semver', active: true,
    filters: {
      groups: [
        { properties: [person('app_version', 'semver_gte', '1.2.0'), person('app_version', 'semver_lt', '2.0.0')] },
        { properties: [person('app_version', 'semver_caret', '0.9.0')], variant: 'control' },
        { properties: [person('app_version', 'semver_tilde', '2.0.1')], variant: 'test' },
        { properties: [person('app_version', 'semver_wildcard', '3.*')], variant: 'test-2' },
      ],
      multivariate: { variants: variants3 },
    },
  },
  {
    id: 9, key: 'set-not-set', active: true,
    // The SDK can never prove is_not_set (an absent key may exist on the stored person), so a later
    // condition has to decide for it.
    filters: { groups: [{ properties: [person('country', 'is_not_set', null)] }, { properties: [person('beta', 'is_set', 'is_set')], rollout_percentage: 70 }] },
  },
  {
    id: 10, key: 'cohorts', active: true,
    filters: {
      groups: [
        { properties: [{ key: 'id', type: 'cohort', value: 21 }], rollout_percentage: 70 },
        { properties: [{ key: 'id', type: 'cohort', value: 22, operator: 'not_in' }, person('plan', 'exact', 'free')] },
      ],
    },
  },
  {
    id: 11, key: 'depends-on-flags', active: true,
    filters: {
      groups: [
        { properties: [{ key: '3', type: 'flag', operator: 'flag_evaluates_to', value: true }] },
        { properties: [{ key: '2', type: 'flag', operator: 'flag_evaluates_to', value: 'control' }], rollout_percentage: 50 },
        { properties: [{ key: '14', type: 'flag', operator: 'flag_evaluates_to', value: false }], rollout_percentage: 10 },
      ],
    },
  },
  {
    id: 12, key: 'company-flag', active: true,
    filters: {
      aggregation_group_type_index: 0,
      groups: [{ properties: [{ key: 'employees', type: 'group', group_type_index: 0, operator: 'gt', value: 50 }], rollout_percentage: 60 }],
      multivariate: { variants: variants3 },
      payloads: { control: '{"seats":5}' },
    },
  },
  {
    id: 13, key: 'holdout-experiment', active: true,
    filters: {
      groups: [{ properties: [], rollout_percentage: 100 }],
      multivariate: { variants: [{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }] },
      holdout: { id: 9, exclusion_percentage: 20 },
      payloads: { 'holdout-9': '{"held":true}' },
    },
  },
  { id: 14, key: 'inactive', active: false, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } },
  {
    id: 15, key: 'boolean-like', active: true,
    filters: { groups: [{ properties: [person('beta', 'exact', ['true'])], rollout_percentage: 90 }, { properties: [person('plan', 'exact', 'PRO')] }] },
  },
  {
    id: 16, key: 'early-exit', active: true,
    filters: {
      early_exit: true,
      groups: [{ properties: [person('plan', 'exact', 'team')], rollout_percentage: 40 }, { properties: [person('country', 'exact', 'de')] }],
    },
  },
  {
    id: 17, key: 'device-bucketed', active: true, bucketing_identifier: 'device_id',
    filters: { groups: [{ properties: [], rollout_percentage: 50 }], multivariate: { variants: variants3 } },
  },
  {
    id: 18, key: 'prefix-suffix', active: true,
    filters: { groups: [{ properties: [person('email', 'starts_with', 'A'), person('email', 'not_ends_with', '.io')] }] },
  },
  {
    id: 19, key: 'mixed-targeting', active: true,
    filters: {
      groups: [
        { aggregation_group_type_index: 0, properties: [{ key: 'industry', type: 'group', group_type_index: 0, operator: 'exact', value: 'retail' }], rollout_percentage: 80 },
        { properties: [person('country', 'exact', 'de')], rollout_percentage: 50 },
      ],
    },
  },
  {
    id: 20, key: 'numeric-exact', active: true,
    filters: { groups: [{ properties: [person('age', 'exact', '42')] }, { properties: [], rollout_percentage: 5 }] },
  },
  { id: 21, key: 'continuity', active: true, ensure_experience_continuity: true, filters: { groups: [{ properties: [], rollout_percentage: 50 }] } },
];

/** Cohorts the flags target: nested AND/OR, a negated leaf, and a cohort inside a cohort. */
export const agreementCohorts: Record<string, PropertyGroup> = {
  '21': {
    type: 'OR',
    values: [
      { type: 'AND', values: [person('plan', 'exact', 'pro'), { ...person('country', 'exact', 'US'), negation: true }] },
      { type: 'AND', values: [{ key: 'id', type: 'cohort', value: 22 }] },
    ],
  },
  '22': { type: 'AND', values: [{ type: 'OR', values: [person('email', 'icontains', 'other'), person('age', 'lt', 25)] }] },
};

/** Group type index → name. */
export const agreementGroupTypes: Record<string, string> = { '0': 'company' };
