import { seededRandom } from '../../packages/flags/src/test-support/seeded-random.js';

// The flags and people of the SDK agreement test: a dozen flags, created through Warren's REST API, that between
// them use every operator and feature the engine supports, and a deterministic crowd whose properties straddle
// every condition (sometimes missing, sometimes oddly typed) so most answers are definite and some are not.

type Json = Record<string, unknown>;

const variants3 = [
  { key: 'control', name: 'Control', rollout_percentage: 34 },
  { key: 'test', name: 'Test', rollout_percentage: 33 },
  { key: 'test-2', name: 'Test 2', rollout_percentage: 33 },
];

const person = (key: string, operator: string, value: unknown): Json => ({ key, type: 'person', operator, value });
const company = (key: string, operator: string, value: unknown): Json => ({ key, type: 'group', group_type_index: 0, operator, value });
const dependsOn = (flagId: number, value: boolean | string): Json => ({ key: String(flagId), type: 'flag', operator: 'flag_evaluates_to', value });

/** Flags with no dependency on another flag: created first. */
export const independentFlagBodies: Json[] = [
  { key: 'ag-rollout-5', name: '5 % of everyone', filters: { groups: [{ properties: [], rollout_percentage: 5 }], payloads: { true: '{"tier":"five"}' } } },
  { key: 'ag-rollout-37', name: '37 % of everyone', filters: { groups: [{ properties: [], rollout_percentage: 37 }] } },
  {
    key: 'ag-exact-list',
    name: 'exact with a list, icontains with a rollout',
    filters: {
      groups: [
        { properties: [person('plan', 'exact', ['pro', 'team'])], rollout_percentage: 100 },
        { properties: [person('email', 'icontains', '@ACME.com')], rollout_percentage: 50 },
      ],
      payloads: { true: { discount: 10, copy: 'Try the new checkout' } },
    },
  },
  {
    key: 'ag-is-not',
    name: 'is_not with a list and not_icontains',
    filters: { groups: [{ properties: [person('country', 'is_not', ['US', 'ca']), person('email', 'not_icontains', 'spam')], rollout_percentage: 100 }] },
  },
  {
    key: 'ag-regex',
    name: 'regex and not_regex',
    filters: {
      groups: [
        { properties: [person('email', 'regex', '^[a-z0-9.]+@acme\\.com$')], rollout_percentage: 100 },
        { properties: [person('plan', 'not_regex', '^fr.e$')], rollout_percentage: 30 },
      ],
    },
  },
  {
    key: 'ag-numbers',
    name: 'gt/lte and gte/lt on numbers',
    filters: {
      groups: [
        { properties: [person('age', 'gt', 30), person('age', 'lte', 65)], rollout_percentage: 100 },
        { properties: [person('score', 'gte', 500), person('score', 'lt', 1000)], rollout_percentage: 80 },
      ],
    },
  },
  {
    key: 'ag-set',
    name: 'is_not_set then is_set',
    filters: {
      groups: [
        { properties: [person('legacy_id', 'is_not_set', 'is_not_set')], rollout_percentage: 100 },
        { properties: [person('beta', 'is_set', 'is_set')], rollout_percentage: 70 },
      ],
    },
  },
  {
    key: 'ag-dates',
    name: 'date before/after, relative and absolute',
    filters: {
      groups: [
        { properties: [person('signup_date', 'is_date_after', '-30d')], rollout_percentage: 100 },
        { properties: [person('signup_date', 'is_date_before', '2025-06-01')], rollout_percentage: 60 },
        { properties: [person('signup_date', 'is_date_before', '-6m'), person('signup_date', 'is_date_after', '2025-09-01T00:00:00Z')], rollout_percentage: 100 },
      ],
    },
  },
  {
    key: 'ag-semver',
    name: 'semver comparisons and ranges with variant overrides',
    filters: {
      groups: [
        { properties: [person('app_version', 'semver_gte', '1.2.0'), person('app_version', 'semver_lt', '2.0.0')], rollout_percentage: 100 },
        { properties: [person('app_version', 'semver_caret', '0.9.0')], rollout_percentage: 100, variant: 'control' },
        { properties: [person('app_version', 'semver_tilde', '2.0.1')], rollout_percentage: 100, variant: 'test' },
        { properties: [person('app_version', 'semver_wildcard', '3.*')], rollout_percentage: 100, variant: 'test-2' },
        { properties: [person('app_version', 'semver_eq', '4.0.0')], rollout_percentage: 100, variant: 'control' },
        { properties: [person('app_version', 'semver_gt', '4.0.0'), person('app_version', 'semver_lte', '5.0.0'), person('app_version', 'semver_neq', '4.5.0')], rollout_percentage: 50 },
      ],
      multivariate: { variants: variants3 },
      payloads: { control: '{"v":"control"}', test: '{"v":"test"}', 'test-2': '"plain string"' },
    },
  },
  {
    key: 'ag-multivariate',
    name: 'three variants, an override and payloads',
    filters: {
      groups: [
        { properties: [person('plan', 'exact', 'team')], rollout_percentage: 100, variant: 'test-2' },
        { properties: [], rollout_percentage: 80 },
      ],
      multivariate: { variants: variants3 },
      payloads: { control: { color: 'blue' }, test: '{"color":"green"}', 'test-2': '[1,2,3]' },
    },
  },
  {
    key: 'ag-company',
    name: 'company-aggregated with a variant override',
    filters: {
      aggregation_group_type_index: 0,
      groups: [
        { properties: [company('employees', 'gt', 50)], rollout_percentage: 60 },
        { properties: [company('industry', 'exact', ['retail'])], rollout_percentage: 100, variant: 'large' },
      ],
      multivariate: { variants: [{ key: 'small', rollout_percentage: 50 }, { key: 'large', rollout_percentage: 50 }] },
      payloads: { small: '{"seats":5}', large: '{"seats":50}' },
    },
  },
];

/** Flags that depend on other flags (by id, as Warren stores flag filters): created once `idOf` can answer. */
export function dependentFlagBodies(idOf: (key: string) => number): Json[] {
  return [
    {
      key: 'ag-depends',
      name: 'depends on ag-exact-list and ag-multivariate',
      filters: {
        groups: [
          { properties: [dependsOn(idOf('ag-exact-list'), true)], rollout_percentage: 100 },
          { properties: [dependsOn(idOf('ag-multivariate'), 'control')], rollout_percentage: 50 },
        ],
        payloads: { true: '{"chained":true}' },
      },
    },
  ];
}

/** One generated caller: the distinct id and what a request carries for it. */
export interface AgreementPerson {
  distinctId: string;
  personProperties: Record<string, unknown>;
  groups: Record<string, string>;
  groupProperties: Record<string, Record<string, unknown>>;
}

const DAY_MS = 86_400_000;

/**
 * `count` callers with deterministic person properties (about 8 % of each property missing) and, for four in
 * five, a company with its own properties. Dates sit half a day away from any day boundary so the SDK and Warren,
 * reading "now" milliseconds apart, never straddle a relative-date edge.
 * @example generateAgreementPeople(3, new Date())[0].distinctId // 'agree-0'
 */
export function generateAgreementPeople(count: number, now: Date): AgreementPerson[] {
  const next = seededRandom(20_240_501);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, (_, i): AgreementPerson => {
    const properties: Record<string, unknown> = {
      email: pick(['ann@acme.com', 'Bob@ACME.com', 'carl@other.io', 'spam@acme.com', 'a.b@acme.com', 'dee@other.com', 'x@acme.co']),
      plan: pick(['pro', 'free', 'team', 'Pro', 'fRee', 'enterprise']),
      country: pick(['US', 'us', 'CA', 'DE', 'de', 'FR', 'GB']),
      age: pick([17, 24, 30, 31, 42, 64.5, 65, 66, 80, '42']),
      score: pick([10, 499, 500, 750, 999, 1000, 2500]),
      beta: pick([true, false, 'true']),
      app_version: pick(['1.2.3', '2.0.0', '1.10.1', '0.9.9', '2.0.5', '3.1.0', '0.8.0', '4.0.0', '4.2.1', '4.5.0', '5.0.0', '1.1.9']),
      signup_date: new Date(now.getTime() - (Math.floor(next() * 900) + 0.5) * DAY_MS).toISOString(),
    };
    if (next() < 0.5) properties.legacy_id = `legacy-${i}`;
    for (const key of Object.keys(properties)) if (next() < 0.08) delete properties[key];
    const hasCompany = next() < 0.8;
    const companyKey = `co-${i % 41}`;
    return {
      distinctId: `agree-${i}`,
      personProperties: properties,
      groups: hasCompany ? { company: companyKey } : {},
      groupProperties: hasCompany ? { company: { employees: (i % 41) * 3, industry: pick(['retail', 'saas', 'health']) } } : {},
    };
  });
}
