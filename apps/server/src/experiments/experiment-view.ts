import type {
  ExperimentApi,
  ExperimentFlagApi,
  ExperimentHoldoutApi,
  ExperimentSavedMetricApi,
  ExperimentStatus,
  ExperimentToSavedMetricApi,
  ExperimentUserApi,
} from '@warren/shared/experiments-api';
import type { FeatureFlagFilters } from '@warren/shared/feature-flags-api';
import type { FeatureFlagRecord } from '../flags/flag-repository.js';
import type { ExperimentRecord, SavedMetricLink } from './experiment-repository.js';
import type { HoldoutRecord } from './holdout-repository.js';
import type { SavedMetricRecord } from './saved-metric-repository.js';

/** What an experiment's view needs besides the experiment: its flag, holdout, saved metrics and users, by id. */
export interface ExperimentViewContext {
  flags: Map<number, FeatureFlagRecord>;
  holdouts: Map<number, HoldoutRecord>;
  links: SavedMetricLink[];
  savedMetrics: Map<number, SavedMetricRecord>;
  users: Map<number, ExperimentUserApi>;
}

/** Draft until launched, running until ended, then complete. Example: experimentStatus({ startDate: null, endDate: null }) === 'draft'. */
export function experimentStatus(e: { startDate: string | null; endDate: string | null }): ExperimentStatus {
  if (e.startDate === null) return 'draft';
  return e.endDate === null ? 'running' : 'complete';
}

/** A stored experiment as PostHog's REST API shows it. */
export function experimentView(e: ExperimentRecord, ctx: ExperimentViewContext): ExperimentApi {
  const flag = ctx.flags.get(e.featureFlagId) ?? null;
  const holdout = e.holdoutId === null ? null : (ctx.holdouts.get(e.holdoutId) ?? null);
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    start_date: e.startDate,
    end_date: e.endDate,
    feature_flag_key: flag?.key ?? '',
    feature_flag: flag ? minimalFlag(flag) : null,
    holdout: holdout ? holdoutView(holdout, ctx.users) : null,
    holdout_id: holdout ? holdout.id : null,
    exposure_cohort: null,
    parameters: e.parameters,
    secondary_metrics: e.secondaryMetrics,
    saved_metrics: ctx.links.filter((l) => l.experimentId === e.id).flatMap((l) => linkView(l, ctx.savedMetrics)),
    saved_metrics_ids: null,
    filters: e.filters,
    archived: e.archived,
    deleted: e.deleted,
    type: e.type,
    exposure_criteria: e.exposureCriteria,
    metrics: e.metrics,
    metrics_secondary: e.metricsSecondary,
    stats_config: e.statsConfig,
    conclusion: e.conclusion,
    conclusion_comment: e.conclusionComment,
    primary_metrics_ordered_uuids: e.primaryMetricsOrderedUuids,
    secondary_metrics_ordered_uuids: e.secondaryMetricsOrderedUuids,
    status: experimentStatus(e),
    shipped_variant: e.shippedVariant,
    created_by: userOf(e.createdBy, ctx.users),
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    user_access_level: 'editor',
  };
}

/** PostHog's `MinimalFeatureFlagSerializer`. */
export function minimalFlag(flag: FeatureFlagRecord): ExperimentFlagApi {
  return {
    id: flag.id,
    team_id: flag.teamId,
    name: flag.name,
    key: flag.key,
    filters: flag.filters as FeatureFlagFilters,
    deleted: flag.deleted,
    active: flag.active,
    ensure_experience_continuity: flag.ensureExperienceContinuity,
  };
}

export function holdoutView(h: HoldoutRecord, users: Map<number, ExperimentUserApi>): ExperimentHoldoutApi {
  return { id: h.id, name: h.name, description: h.description, filters: h.filters, created_by: userOf(h.createdBy, users), created_at: h.createdAt, updated_at: h.updatedAt };
}

export function savedMetricView(m: SavedMetricRecord, users: Map<number, ExperimentUserApi>): ExperimentSavedMetricApi {
  return { id: m.id, name: m.name, description: m.description, query: m.query, created_by: userOf(m.createdBy, users), created_at: m.createdAt, updated_at: m.updatedAt, tags: m.tags };
}

function linkView(link: SavedMetricLink, metrics: Map<number, SavedMetricRecord>): ExperimentToSavedMetricApi[] {
  const metric = metrics.get(link.savedMetricId);
  if (!metric) return [];
  return [{ id: link.id, experiment: link.experimentId, saved_metric: link.savedMetricId, metadata: link.metadata, created_at: link.createdAt, query: metric.query, name: metric.name }];
}

function userOf(id: number | null, users: Map<number, ExperimentUserApi>): ExperimentUserApi | null {
  return id === null ? null : (users.get(id) ?? null);
}
