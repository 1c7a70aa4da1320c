/**
 * The 50 flags the benchmark creates, as `POST /api/projects/:id/feature_flags/` bodies: plain rollouts, person
 * property filters over most operators the engine knows, multi-condition flags, multivariate flags with overrides and
 * payloads, three group flags and one flag that depends on another. The mix is what a mid-sized product carries;
 * the comment on each block says which code path it exercises.
 */
import type { FlagFilters, PropertyFilter } from '@warren/flags/flag-definition';

export interface FlagBody {
  key: string;
  name: string;
  filters: FlagFilters;
}

const person = (key: string, operator: string, value?: PropertyFilter['value']): PropertyFilter =>
  value === undefined ? { key, operator, type: 'person' } : { key, operator, value, type: 'person' };
const company = (key: string, operator: string, value: PropertyFilter['value']): PropertyFilter => ({ key, operator, value, type: 'group', group_type_index: 0 });

function flag(key: string, groups: NonNullable<FlagFilters['groups']>, extra: Partial<FlagFilters> = {}): FlagBody {
  return { key, name: key.replace(/-/g, ' '), filters: { groups, multivariate: null, payloads: {}, ...extra } };
}

function variants(...split: [string, number][]): FlagFilters['multivariate'] {
  return { variants: split.map(([key, rollout_percentage]) => ({ key, name: key, rollout_percentage })) };
}

const payload = (value: unknown) => JSON.stringify(value);

/**
 * The suite in creation order (a dependency comes after the flag it names). `type: 'flag'` filters name the flag by
 * key here; the REST API stores ids, so whoever creates the flags swaps them.
 */
export function flagSuite(): FlagBody[] {
  return [
    // Rollout only: one hash per flag.
    ...[0, 5, 10, 25, 50, 75, 100].map((pct) => flag(`rollout-${pct}`, [{ properties: [], rollout_percentage: pct }])),
    flag('kill-switch-search', [{ properties: [], rollout_percentage: 100 }], { payloads: { true: payload({ maxResults: 50 }) } }),

    // One person property filter each, most operators.
    flag('plan-enterprise', [{ properties: [person('plan', 'exact', ['enterprise'])], rollout_percentage: 100 }]),
    flag('plan-paid-half', [{ properties: [person('plan', 'exact', ['growth', 'enterprise'])], rollout_percentage: 50 }]),
    flag('plan-not-free', [{ properties: [person('plan', 'is_not', ['free'])], rollout_percentage: 100 }]),
    flag('email-acme', [{ properties: [person('email', 'icontains', '@acme.com')], rollout_percentage: 100 }]),
    flag('email-not-gmail', [{ properties: [person('email', 'not_icontains', 'gmail')], rollout_percentage: 100 }]),
    flag('email-regex-7', [{ properties: [person('email', 'regex', '^user\\d*7@')], rollout_percentage: 100 }]),
    flag('email-not-webmail', [{ properties: [person('email', 'not_regex', '@(gmail|yahoo)\\.com$')], rollout_percentage: 60 }]),
    flag('email-dot-io', [{ properties: [person('email', 'ends_with', '.io')], rollout_percentage: 100 }]),
    flag('email-starts-user1', [{ properties: [person('email', 'starts_with', 'user1')], rollout_percentage: 100 }]),
    flag('age-over-30', [{ properties: [person('age', 'gt', 30)], rollout_percentage: 100 }]),
    flag('age-25-or-under', [{ properties: [person('age', 'lte', '25')], rollout_percentage: 50 }]),
    flag('size-between', [{ properties: [person('company_size', 'between', [50, 500])], rollout_percentage: 100 }]),
    flag('signed-up-last-30d', [{ properties: [person('signup_date', 'is_date_after', '-30d')], rollout_percentage: 100 }]),
    flag('signed-up-before-2025', [{ properties: [person('signup_date', 'is_date_before', '2025-01-01')], rollout_percentage: 100 }]),
    flag('app-2-5-plus', [{ properties: [person('app_version', 'semver_gte', '2.5.0')], rollout_percentage: 100 }]),
    flag('app-caret-1-2', [{ properties: [person('app_version', 'semver_caret', '1.2.0')], rollout_percentage: 100 }]),
    flag('app-wildcard-3', [{ properties: [person('app_version', 'semver_wildcard', '3.*')], rollout_percentage: 40 }]),
    flag('beta-program', [{ properties: [person('beta_opt_in', 'exact', ['true'])], rollout_percentage: 100 }]),
    flag('utm-known', [{ properties: [person('$initial_utm_source', 'is_set')], rollout_percentage: 100 }]),
    flag('utm-unknown', [{ properties: [person('$initial_utm_source', 'is_not_set')], rollout_percentage: 30 }]),

    // Several filters AND-ed, several conditions OR-ed.
    flag('admins-enterprise-not-in', [{ properties: [person('role', 'exact', ['admin']), person('plan', 'exact', ['enterprise']), person('country', 'is_not', ['IN'])], rollout_percentage: 100 }]),
    flag('adults-under-65', [{ properties: [person('age', 'gte', 18), person('age', 'lt', 65)], rollout_percentage: 90 }]),
    flag('north-america-then-uk', [
      { properties: [person('country', 'exact', ['US', 'CA'])], rollout_percentage: 100 },
      { properties: [person('country', 'exact', ['GB'])], rollout_percentage: 20 },
    ]),
    flag('three-conditions', [
      { properties: [person('email', 'icontains', 'corp.io')], rollout_percentage: 100 },
      { properties: [person('plan', 'exact', ['growth']), person('$browser', 'exact', ['Safari', 'Firefox'])], rollout_percentage: 50 },
      { properties: [], rollout_percentage: 5 },
    ]),

    // Multivariate: variant hash after the condition hash; overrides; payloads per variant.
    flag('mv-checkout-ab', [{ properties: [], rollout_percentage: 100 }], { multivariate: variants(['control', 50], ['test', 50]) }),
    flag('mv-pricing-3way', [{ properties: [], rollout_percentage: 100 }], {
      multivariate: variants(['control', 34], ['annual-first', 33], ['monthly-first', 33]),
      payloads: { control: payload({ layout: 'grid' }), 'annual-first': payload({ layout: 'annual' }), 'monthly-first': payload({ layout: 'monthly' }) },
    }),
    flag('mv-onboarding-4way', [{ properties: [person('plan', 'is_not', ['free'])], rollout_percentage: 80 }], {
      multivariate: variants(['control', 25], ['checklist', 25], ['video', 25], ['tour', 25]),
    }),
    flag('mv-beta-override', [
      { properties: [person('beta_opt_in', 'exact', ['true'])], rollout_percentage: 100, variant: 'test' },
      { properties: [], rollout_percentage: 50 },
    ], { multivariate: variants(['control', 50], ['test', 50]), payloads: { test: payload({ banner: true }) } }),
    flag('mv-search-ranking', [{ properties: [person('country', 'exact', ['US', 'GB', 'DE'])], rollout_percentage: 60 }], {
      multivariate: variants(['bm25', 40], ['vector', 40], ['hybrid', 20]),
    }),
    flag('mv-email-digest', [{ properties: [person('email', 'not_icontains', 'yahoo')], rollout_percentage: 100 }], {
      multivariate: variants(['daily', 30], ['weekly', 60], ['never', 10]),
      payloads: { daily: payload({ hour: 8 }), weekly: payload({ day: 'mon' }) },
    }),
    flag('mv-new-editor', [
      { properties: [person('role', 'exact', ['admin'])], rollout_percentage: 100, variant: 'new' },
      { properties: [person('app_version', 'semver_gte', '2.0.0')], rollout_percentage: 50 },
    ], { multivariate: variants(['old', 50], ['new', 50]) }),
    flag('mv-dark-mode', [{ properties: [person('$browser', 'exact', ['Chrome', 'Edge'])], rollout_percentage: 100 }], {
      multivariate: variants(['off', 70], ['on', 30]),
    }),
    flag('mv-recent-signups', [{ properties: [person('signup_date', 'is_date_after', '-90d')], rollout_percentage: 100 }], {
      multivariate: variants(['control', 50], ['welcome-v2', 50]),
    }),
    flag('mv-five-way', [{ properties: [], rollout_percentage: 100 }], {
      multivariate: variants(['a', 20], ['b', 20], ['c', 20], ['d', 20], ['e', 20]),
      payloads: { a: payload({ n: 1 }), b: payload({ n: 2 }), c: payload({ n: 3 }), d: payload({ n: 4 }), e: payload({ n: 5 }) },
    }),
    flag('mv-partner-utm', [{ properties: [person('$initial_utm_source', 'exact', ['partner', 'newsletter'])], rollout_percentage: 100 }], {
      multivariate: variants(['control', 50], ['co-branded', 50]),
    }),
    flag('mv-age-bands', [
      { properties: [person('age', 'lt', 30)], rollout_percentage: 100, variant: 'young' },
      { properties: [person('age', 'gte', 50)], rollout_percentage: 100, variant: 'senior' },
    ], { multivariate: variants(['young', 34], ['middle', 33], ['senior', 33]) }),

    // Group flags: aggregated by the request's company, bucketed by the company key.
    flag('company-saas', [{ properties: [company('industry', 'exact', ['saas'])], rollout_percentage: 100 }], { aggregation_group_type_index: 0 }),
    flag('company-large-half', [{ properties: [company('employees', 'gt', 100)], rollout_percentage: 50 }], { aggregation_group_type_index: 0 }),
    flag('company-rollout-30', [{ properties: [], rollout_percentage: 30 }], { aggregation_group_type_index: 0 }),

    // More plain person flags so the suite reaches 50.
    flag('country-eu', [{ properties: [person('country', 'exact', ['DE', 'FR'])], rollout_percentage: 100 }]),
    flag('big-companies', [{ properties: [person('company_size', 'gte', 1000)], rollout_percentage: 100 }]),

    // A flag that depends on another: evaluated after its dependency, reading its value.
    flag('beta-dashboard', [{ properties: [{ key: 'beta-program', type: 'flag', operator: 'flag_evaluates_to', value: true }], rollout_percentage: 100 }]),
  ];
}
