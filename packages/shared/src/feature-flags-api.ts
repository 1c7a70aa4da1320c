/**
 * A feature flag as `/api/projects/:id/feature_flags/` answers it (PostHog's shape, rest-api.md 4.1). Built by the
 * server's `flagView`; read by the web app's flag screens.
 */
export interface FeatureFlagApi {
  id: number;
  /** The flag's description (PostHog calls it `name`). */
  name: string;
  /** What SDKs ask for: letters, digits, `-` and `_`. */
  key: string;
  filters: FeatureFlagFilters;
  deleted: boolean;
  /** False is the kill switch: the flag is off for everyone. */
  active: boolean;
  created_by: FlagUserApi | null;
  created_at: string;
  updated_at: string;
  last_modified_by: FlagUserApi | null;
  /** Bumped by every write; a PATCH carrying an older one is refused with a 409. */
  version: number;
  /** One condition set without property filters. */
  is_simple_flag: boolean;
  /** The single condition set's rollout when the flag is simple, else null. */
  rollout_percentage: number | null;
  /** Keep the value a person got before identifying once they do (persist across authentication). */
  ensure_experience_continuity: boolean;
  experiment_set: unknown[];
  surveys: unknown[];
  features: unknown[];
  rollback_conditions: unknown;
  performed_rollback: boolean;
  can_edit: boolean;
  tags: string[];
  evaluation_tags: string[];
  usage_dashboard: number | null;
  analytics_dashboards: number[];
  has_enriched_analytics: boolean;
  user_access_level: string;
  creation_context: string;
  is_remote_configuration: boolean;
  has_encrypted_payloads: boolean;
  status: 'ACTIVE' | 'DELETED';
  evaluation_runtime: string;
  bucketing_identifier: string | null;
  last_called_at: string | null;
}

/** Who created or last changed a flag. */
export interface FlagUserApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
}

/**
 * The rules of a flag: condition sets OR-ed together, optional variants and payloads.
 * @example { groups: [{ properties: [], rollout_percentage: 5, variant: null }], multivariate: null, payloads: {} }
 */
export interface FeatureFlagFilters {
  groups?: FlagConditionGroupApi[];
  multivariate?: { variants: FlagVariantApi[] } | null;
  /** Variant key (or `"true"` for a boolean flag) → JSON text. */
  payloads?: Record<string, string>;
  /** Set when the flag is decided per group (company, …) of this type instead of per person. */
  aggregation_group_type_index?: number | null;
  [field: string]: unknown;
}

/** One condition set: everyone matching all its filters, then `rollout_percentage` % of them (null = 100). */
export interface FlagConditionGroupApi {
  properties?: FlagPropertyFilterApi[];
  rollout_percentage?: number | null;
  /** Forces this variant for people matching this set. */
  variant?: string | null;
  [field: string]: unknown;
}

/**
 * A filter inside a condition set: a person property, a cohort (`{ key: 'id', type: 'cohort', value: 12 }`),
 * a group property or another flag.
 */
export interface FlagPropertyFilterApi {
  key: string;
  type?: string;
  operator?: string | null;
  value?: unknown;
  group_type_index?: number | null;
  [field: string]: unknown;
}

export interface FlagVariantApi {
  key: string;
  name?: string | null;
  rollout_percentage: number;
}

/** The fields a POST or PATCH of a flag sends (others are left as stored). */
export interface FeatureFlagWrite {
  key?: string;
  name?: string;
  filters?: FeatureFlagFilters;
  active?: boolean;
  deleted?: boolean;
  ensure_experience_continuity?: boolean;
  tags?: string[];
  /** The version the edit started from; a stale one is refused with a 409. */
  version?: number;
}

/** One entry of `/feature_flags/:id/activity/`. */
export interface FlagActivityApi {
  id: string;
  user: { id: number; uuid: string | null; email: string | null; first_name: string | null } | null;
  activity: 'created' | 'updated' | 'deleted';
  scope: string;
  item_id: string;
  detail: {
    name?: string;
    changes?: { type: string; action: string; field?: string; before?: unknown; after?: unknown }[];
  };
  created_at: string;
}
