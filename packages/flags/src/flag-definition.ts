// Types mirroring PostHog's feature flag JSON: the REST object (rest-api.md 4.1) and what
// `/flags/definitions` serves to server SDKs for local evaluation. Extra fields are tolerated.

/** A JSON value as it arrives from a request body or a stored flag. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One property filter inside a release condition or a cohort definition.
 * @example { key: 'email', type: 'person', operator: 'icontains', value: '@acme.com' }
 */
export interface PropertyFilter {
  key: string;
  value?: JsonValue;
  /** Defaults to `exact` when absent, as in PostHog. */
  operator?: string | null;
  /** `person`, `group`, `cohort`, `flag`, … (cohort definitions may also hold `behavioral` leaves). */
  type?: string;
  group_type_index?: number | null;
  /** Only honoured inside cohort property groups, as PostHog does. */
  negation?: boolean;
  /** Served to SDKs on `flag` filters: the flag keys to evaluate first, ending with the target. */
  dependency_chain?: string[];
}

/**
 * A cohort definition: PostHog's property group, nested AND/OR groups of filters.
 * @example { type: 'OR', values: [{ type: 'AND', values: [{ key: 'plan', type: 'person', value: 'pro' }] }] }
 */
export interface PropertyGroup {
  type?: 'AND' | 'OR' | string;
  values?: Array<PropertyGroup | PropertyFilter>;
}

/**
 * One release condition ("condition set"); conditions are OR-ed, their filters AND-ed.
 * @example { properties: [], rollout_percentage: 20, variant: null }
 */
export interface ConditionGroup {
  properties?: PropertyFilter[] | null;
  /** 0–100; null or absent means 100 %. */
  rollout_percentage?: number | null;
  /** Force this variant when the condition matches (ignored when it is not a defined variant). */
  variant?: string | null;
  /** Mixed targeting: a per-condition aggregation overriding the flag-level one. */
  aggregation_group_type_index?: number | null;
  description?: string | null;
  sort_key?: string | null;
}

/**
 * One multivariate variant.
 * @example { key: 'test', name: 'Test', rollout_percentage: 50 }
 */
export interface Variant {
  key: string;
  name?: string | null;
  rollout_percentage: number;
}

/**
 * Experiment holdout as PostHog stores it today: a share of users held out into `holdout-<id>`.
 * @example { id: 7, exclusion_percentage: 10 }
 */
export interface Holdout {
  id: number;
  exclusion_percentage: number;
}

/**
 * The `filters` object of a flag.
 * @example { groups: [{ properties: [], rollout_percentage: 100 }], multivariate: null, payloads: {} }
 */
export interface FlagFilters {
  groups?: ConditionGroup[];
  multivariate?: { variants: Variant[] } | null;
  /** Keyed by variant key or `"true"`; values are JSON strings (objects are accepted and stringified). */
  payloads?: Record<string, unknown> | null;
  aggregation_group_type_index?: number | null;
  /** Early-access enrolment (legacy form): only the first group is used. */
  super_groups?: ConditionGroup[] | null;
  /** Early-access enrolment (new form): reads person property `$feature_enrollment/<flag key>`. */
  feature_enrollment?: boolean | null;
  holdout?: Holdout | null;
  /** Legacy holdout form: only the first group's rollout and variant are used. */
  holdout_groups?: ConditionGroup[] | null;
  /** Stop at the first condition whose filters matched but whose rollout excluded the user. */
  early_exit?: boolean | null;
}

/**
 * A feature flag as stored and served.
 * @example { id: 101, key: 'new-dashboard', active: true, filters: { groups: [{ properties: [], rollout_percentage: 100 }] } }
 */
export interface FlagDefinition {
  id: number;
  key: string;
  active: boolean;
  deleted?: boolean;
  version?: number | null;
  name?: string | null;
  ensure_experience_continuity?: boolean | null;
  /** `device_id` buckets person flags by `$device_id` instead of the distinct id. */
  bucketing_identifier?: 'distinct_id' | 'device_id' | string | null;
  filters: FlagFilters;
}

/** A flag's value as the SDKs see it: false, true, or a variant key. */
export type FlagValue = boolean | string;

/**
 * Whether a property-group entry is a nested group (has `values`) rather than a property filter.
 * @example isPropertyGroup({ type: 'AND', values: [] }) // true
 */
export function isPropertyGroup(value: PropertyGroup | PropertyFilter): value is PropertyGroup {
  return typeof value === 'object' && value !== null && Array.isArray((value as PropertyGroup).values);
}
