/**
 * Experiments, holdouts and saved metrics as `/api/projects/:id/experiments/`, `/experiment_holdouts/` and
 * `/experiment_saved_metrics/` answer them (PostHog's shapes, rest-api.md 4.2), and the metric shapes stored in an
 * experiment's `metrics` and posted to `/query/` as `ExperimentQuery` (rest-api.md 2.16). Built by the server's
 * experiment views; read by the web app's experiment screens and the results runner.
 */
import type { FeatureFlagFilters } from './feature-flags-api.js';

/** Who created an experiment, holdout or saved metric (PostHog's `UserBasicSerializer`, abridged). */
export interface ExperimentUserApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
}

/** Where an experiment is in its life: no start date, started and not ended, ended. */
export type ExperimentStatus = 'draft' | 'running' | 'complete';

/** The verdict recorded when an experiment ends. */
export type ExperimentConclusion = 'won' | 'lost' | 'inconclusive' | 'stopped_early' | 'invalid';

export const EXPERIMENT_CONCLUSIONS: readonly ExperimentConclusion[] = [
  'won', 'lost', 'inconclusive', 'stopped_early', 'invalid',
];

/** The flag as an experiment embeds it (PostHog's `MinimalFeatureFlagSerializer`). */
export interface ExperimentFlagApi {
  id: number;
  team_id: number;
  name: string;
  key: string;
  filters: FeatureFlagFilters;
  deleted: boolean;
  active: boolean;
  ensure_experience_continuity: boolean;
}

/**
 * One variant of the experiment's flag, as sent in `parameters.feature_flag_variants`.
 * @example { key: 'control', name: 'Control Group', rollout_percentage: 50 }
 */
export interface ExperimentVariantApi {
  key: string;
  name?: string | null;
  rollout_percentage: number;
}

/** Set-up figures kept with the experiment; unknown keys are kept as sent. */
export interface ExperimentParametersApi {
  /** The flag's variants when the experiment creates its flag; `control` must be one of them, at most 20. */
  feature_flag_variants?: ExperimentVariantApi[];
  /** Relative change (in %) the set-up calculator sized the experiment for. */
  minimum_detectable_effect?: number | null;
  recommended_sample_size?: number | null;
  recommended_running_time?: number | null;
  /** Decide the flag per group of this type (company, …) instead of per person. */
  aggregation_group_type_index?: number | null;
  [key: string]: unknown;
}

/**
 * What counts as an exposure: by default the first `$feature_flag_called` for the flag per person.
 * @example { filterTestAccounts: true, exposure_config: null, multiple_variant_handling: 'exclude' }
 */
export interface ExperimentExposureCriteriaApi {
  filterTestAccounts?: boolean;
  /** A custom exposure event instead of `$feature_flag_called`. */
  exposure_config?: ExperimentEventExposureConfig | null;
  /** People seen with more than one variant: left out (`exclude`) or counted in their first (`first_seen`). */
  multiple_variant_handling?: 'exclude' | 'first_seen';
  [key: string]: unknown;
}

/** A custom exposure: this event (with these property filters) marks a person as exposed. */
export interface ExperimentEventExposureConfig {
  kind: 'ExperimentEventExposureConfig';
  event: string;
  properties?: unknown[];
}

/** How results are computed. */
export interface ExperimentStatsConfigApi {
  method?: 'bayesian' | 'frequentist';
  [key: string]: unknown;
}

/** An event series node as metrics use it (PostHog's `EventsNode`). */
export interface ExperimentEventsNode {
  kind: 'EventsNode';
  /** The event name; null means any event. */
  event: string | null;
  name?: string;
  custom_name?: string;
  /** `total` (count), `sum`, `avg`, `min`, `max`, `unique_session`, `dau` … */
  math?: string;
  math_property?: string;
  properties?: unknown[];
  [key: string]: unknown;
}

/** An action series node as metrics use it (PostHog's `ActionsNode`). */
export interface ExperimentActionsNode {
  kind: 'ActionsNode';
  id: number;
  name?: string;
  math?: string;
  math_property?: string;
  properties?: unknown[];
  [key: string]: unknown;
}

/** What a mean metric or one side of a ratio metric counts. */
export type ExperimentMetricSource = ExperimentEventsNode | ExperimentActionsNode;

export type ExperimentMetricGoal = 'increase' | 'decrease';

export type ConversionWindowUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';

/** Fields every current metric has. */
export interface ExperimentMetricBase {
  kind: 'ExperimentMetric';
  /** Stable id within the experiment; the server fills one in when missing. */
  uuid?: string;
  name?: string;
  /** Whether a rise (default) or a fall of the metric is good news. */
  goal?: ExperimentMetricGoal;
  /** Only events within this long after a person's exposure count; absent means until the experiment ends. */
  conversion_window?: number | null;
  conversion_window_unit?: ConversionWindowUnit | null;
  /** Set on metrics copied from a saved metric. */
  isSharedMetric?: boolean;
  sharedMetricId?: number;
  [key: string]: unknown;
}

/**
 * Count, sum or average of a property per exposed person, optionally capped at percentiles.
 * @example { kind: 'ExperimentMetric', metric_type: 'mean', source: { kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }, upper_bound_percentile: 0.99 }
 */
export interface ExperimentMeanMetric extends ExperimentMetricBase {
  metric_type: 'mean';
  source: ExperimentMetricSource;
  /** Winsorise per-person values below this quantile (0–1). */
  lower_bound_percentile?: number | null;
  /** Winsorise per-person values above this quantile (0–1). */
  upper_bound_percentile?: number | null;
  ignore_zeros?: boolean;
}

/**
 * Share of exposed people who go through the ordered steps after their exposure.
 * @example { kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'checkout' }] }
 */
export interface ExperimentFunnelMetric extends ExperimentMetricBase {
  metric_type: 'funnel';
  series: ExperimentMetricSource[];
  /** `ordered` (default), `strict` or `unordered`, as in funnels. */
  funnel_order_type?: 'ordered' | 'strict' | 'unordered';
}

/**
 * Numerator over denominator, each summed per exposed person (e.g. revenue per order).
 * @example { kind: 'ExperimentMetric', metric_type: 'ratio', numerator: { kind: 'EventsNode', event: 'purchase', math: 'sum', math_property: 'amount' }, denominator: { kind: 'EventsNode', event: 'purchase' } }
 */
export interface ExperimentRatioMetric extends ExperimentMetricBase {
  metric_type: 'ratio';
  numerator: ExperimentMetricSource;
  denominator: ExperimentMetricSource;
}

export type ExperimentMetric = ExperimentMeanMetric | ExperimentFunnelMetric | ExperimentRatioMetric;

export type ExperimentMetricType = ExperimentMetric['metric_type'];

/** Legacy count metric (stats v1/v2): a TrendsQuery per variant, exposure from `$feature_flag_called` by default. */
export interface ExperimentTrendsQuery {
  kind: 'ExperimentTrendsQuery';
  uuid?: string;
  name?: string;
  experiment_id?: number;
  /** A `TrendsQuery` (see the insights contracts). */
  count_query: Record<string, unknown>;
  exposure_query?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** Legacy conversion metric (stats v1/v2): a FunnelsQuery per variant. */
export interface ExperimentFunnelsQuery {
  kind: 'ExperimentFunnelsQuery';
  uuid?: string;
  name?: string;
  experiment_id?: number;
  /** A `FunnelsQuery` (see the insights contracts). */
  funnels_query: Record<string, unknown>;
  [key: string]: unknown;
}

/** What an experiment's `metrics` / `metrics_secondary` and a saved metric's `query` hold. */
export type StoredExperimentMetric = ExperimentMetric | ExperimentTrendsQuery | ExperimentFunnelsQuery;

/**
 * The body of `POST /query/` for an experiment's results: one metric of one experiment.
 * @example { kind: 'ExperimentQuery', experiment_id: 5, metric: { kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'checkout' }] } }
 */
export interface ExperimentQuery {
  kind: 'ExperimentQuery';
  experiment_id?: number;
  metric: ExperimentMetric;
  name?: string;
}

/**
 * A holdout: a share of users kept out of every experiment that uses it, bucketed with the `holdout-` salt. `filters`
 * is PostHog's list form, one entry whose `rollout_percentage` is the held-out share; the server sets each entry's
 * `variant` to `holdout-<id>`.
 * @example { id: 3, name: 'Q3 holdout', description: null, filters: [{ properties: [], rollout_percentage: 10, variant: 'holdout-3' }] }
 */
export interface ExperimentHoldoutApi {
  id: number;
  name: string;
  description: string | null;
  filters: HoldoutFilterApi[];
  created_by: ExperimentUserApi | null;
  created_at: string;
  updated_at: string;
}

export interface HoldoutFilterApi {
  properties?: unknown[];
  /** The share (0–100) of users held out. */
  rollout_percentage: number;
  variant?: string | null;
  [key: string]: unknown;
}

/** The body of a holdout create (POST) or update (PATCH). */
export interface ExperimentHoldoutWrite {
  name?: string;
  description?: string | null;
  filters?: HoldoutFilterApi[];
}

/** A metric kept once and used by many experiments (primary or secondary in each). */
export interface ExperimentSavedMetricApi {
  id: number;
  name: string;
  description: string | null;
  query: StoredExperimentMetric;
  created_by: ExperimentUserApi | null;
  created_at: string;
  updated_at: string;
  tags: string[];
}

/** The body of a saved metric create (POST) or update (PATCH). */
export interface ExperimentSavedMetricWrite {
  name?: string;
  description?: string | null;
  query?: StoredExperimentMetric;
  tags?: string[];
}

/** How an experiment uses a saved metric. */
export interface SavedMetricLinkMetadata {
  type: 'primary' | 'secondary';
  [key: string]: unknown;
}

/** One entry of the write-only `saved_metrics_ids`. */
export interface SavedMetricIdApi {
  id: number;
  metadata?: SavedMetricLinkMetadata;
}

/** One entry of an experiment's read-only `saved_metrics`: the link and the saved metric's name and query. */
export interface ExperimentToSavedMetricApi {
  id: number;
  experiment: number;
  saved_metric: number;
  metadata: SavedMetricLinkMetadata;
  created_at: string;
  query: StoredExperimentMetric;
  name: string;
}

/** An experiment as `/experiments/` answers it. */
export interface ExperimentApi {
  id: number;
  name: string;
  description: string | null;
  /** ISO time of the launch; null while a draft. */
  start_date: string | null;
  end_date: string | null;
  feature_flag_key: string;
  feature_flag: ExperimentFlagApi | null;
  holdout: ExperimentHoldoutApi | null;
  holdout_id: number | null;
  exposure_cohort: number | null;
  parameters: ExperimentParametersApi;
  secondary_metrics: unknown[];
  saved_metrics: ExperimentToSavedMetricApi[];
  /** Write-only in PostHog; answered as null. */
  saved_metrics_ids?: SavedMetricIdApi[] | null;
  filters: Record<string, unknown>;
  archived: boolean;
  deleted: boolean;
  type: 'product' | 'web';
  exposure_criteria: ExperimentExposureCriteriaApi | null;
  metrics: StoredExperimentMetric[];
  metrics_secondary: StoredExperimentMetric[];
  stats_config: ExperimentStatsConfigApi | null;
  conclusion: ExperimentConclusion | null;
  conclusion_comment: string | null;
  primary_metrics_ordered_uuids: string[] | null;
  secondary_metrics_ordered_uuids: string[] | null;
  /** Warren addition (PostHog derives it in the UI): draft, running or complete. */
  status: ExperimentStatus;
  /** Warren addition: the variant shipped to everyone through the flag, if one was. */
  shipped_variant: string | null;
  created_by: ExperimentUserApi | null;
  created_at: string;
  updated_at: string;
  user_access_level: string;
}

/** The fields a POST or PATCH of an experiment sends (others are left as stored). */
export interface ExperimentWrite {
  name?: string;
  description?: string | null;
  /** Required on create; cannot change afterwards. */
  feature_flag_key?: string;
  start_date?: string | null;
  end_date?: string | null;
  parameters?: ExperimentParametersApi | null;
  holdout_id?: number | null;
  saved_metrics_ids?: SavedMetricIdApi[] | null;
  filters?: Record<string, unknown>;
  archived?: boolean;
  deleted?: boolean;
  type?: 'product' | 'web';
  exposure_criteria?: ExperimentExposureCriteriaApi | null;
  metrics?: StoredExperimentMetric[];
  metrics_secondary?: StoredExperimentMetric[];
  stats_config?: ExperimentStatsConfigApi | null;
  conclusion?: ExperimentConclusion | null;
  conclusion_comment?: string | null;
  primary_metrics_ordered_uuids?: string[] | null;
  secondary_metrics_ordered_uuids?: string[] | null;
}

/**
 * The body of `POST /experiments/:id/ship_variant/`: the flag serves this variant to everyone in its release
 * conditions (and to all users with `release_to_everyone`); a running experiment is ended.
 * @example { variant_key: 'test', conclusion: 'won', conclusion_comment: 'Clear win on checkout.' }
 */
export interface ShipVariantWrite {
  variant_key: string;
  conclusion?: ExperimentConclusion | null;
  conclusion_comment?: string | null;
  release_to_everyone?: boolean;
}

/** The list filters of `GET /experiments/`. */
export interface ExperimentListParams {
  status?: ExperimentStatus | 'all';
  archived?: boolean;
  search?: string;
  created_by_id?: number;
  /** A field name, `-` for descending: `created_at`, `name`, `start_date`, `end_date`, `updated_at`. */
  order?: string;
  limit?: number;
  offset?: number;
}
