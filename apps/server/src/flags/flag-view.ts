import type { FlagDefinition } from '@warren/flags/flag-definition';
import type { FeatureFlagApi, FeatureFlagFilters } from '@warren/shared/feature-flags-api';
import type { FeatureFlagRecord } from './flag-repository.js';

export interface UserSummary {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
}

/**
 * A stored flag as PostHog's REST API shows it; `experimentSet` is the ids of the live experiments running on it.
 * Example: flagView(record, users, [5]).experiment_set // [5]
 */
export function flagView(flag: FeatureFlagRecord, users: Map<number, UserSummary>, experimentSet: number[] = []): FeatureFlagApi {
  const groups = (flag.filters.groups as { properties?: unknown[]; rollout_percentage?: number | null }[] | undefined) ?? [];
  const simple = groups.length === 1 && (groups[0].properties ?? []).length === 0;
  return {
    id: flag.id,
    name: flag.name,
    key: flag.key,
    filters: flag.filters as FeatureFlagFilters,
    deleted: flag.deleted,
    active: flag.active,
    created_by: summary(flag.createdBy, users),
    created_at: flag.createdAt,
    updated_at: flag.updatedAt,
    last_modified_by: summary(flag.lastModifiedBy, users),
    version: flag.version,
    is_simple_flag: simple,
    rollout_percentage: simple ? (groups[0].rollout_percentage ?? null) : null,
    ensure_experience_continuity: flag.ensureExperienceContinuity,
    experiment_set: experimentSet,
    surveys: [],
    features: [],
    rollback_conditions: null,
    performed_rollback: false,
    can_edit: true,
    tags: flag.tags,
    evaluation_tags: [],
    usage_dashboard: null,
    analytics_dashboards: [],
    has_enriched_analytics: false,
    user_access_level: 'editor',
    creation_context: 'feature_flags',
    is_remote_configuration: false,
    has_encrypted_payloads: false,
    status: flag.deleted ? 'DELETED' : 'ACTIVE',
    evaluation_runtime: flag.evaluationRuntime,
    bucketing_identifier: null,
    last_called_at: null,
  };
}

/** The engine's view of a stored flag. */
export function toDefinition(flag: FeatureFlagRecord): FlagDefinition {
  return {
    id: flag.id,
    key: flag.key,
    name: flag.name,
    active: flag.active,
    deleted: flag.deleted,
    version: flag.version,
    ensure_experience_continuity: flag.ensureExperienceContinuity,
    filters: flag.filters as unknown as FlagDefinition['filters'],
  };
}

function summary(id: number | null, users: Map<number, UserSummary>) {
  return id === null ? null : (users.get(id) ?? null);
}
