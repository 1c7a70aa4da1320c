/**
 * A cohort as `/api/projects/:id/cohorts/` answers it (PostHog's shape, rest-api.md 4.5). Built by the server's
 * `cohortView`; read by the web app's cohort screens.
 */
export interface CohortApi {
  id: number;
  name: string;
  description: string;
  /** PostHog's legacy definition, shown back as it was sent (the editor writes `filters` instead). */
  groups: unknown[];
  /** The dynamic definition; `{}` for static cohorts. */
  filters: { properties?: CohortGroupApi };
  query: null;
  deleted: boolean;
  /** True from a definition change until its calculation finishes. */
  is_calculating: boolean;
  last_calculation: string | null;
  errors_calculating: number;
  last_error_message: string | null;
  /** Members at the last calculation or upload; null before the first one. */
  count: number | null;
  is_static: boolean;
  cohort_type: 'static' | 'behavioral' | 'person_property';
  /** The current membership version; null until the first calculation finishes. */
  version: number | null;
  created_by: CohortUserApi | null;
  created_at: string;
  experiment_set: unknown[];
}

/** Who created a cohort or an action. */
export interface CohortUserApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  email: string;
}

/**
 * A cohort definition: nested AND/OR groups of criteria.
 * @example { type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'plan', operator: 'exact', value: 'pro' }] }] }
 */
export interface CohortGroupApi {
  type: 'AND' | 'OR';
  values: (CohortGroupApi | CohortCriterionApi)[];
}

/**
 * One criterion of a definition, loosely typed because the server keeps every field a client sent. `type` says which:
 * `person` (key, operator, value), `cohort` (value = cohort id, `negation` for "not in") or `behavioral` (value is
 * `performed_event`, `performed_event_multiple`, `performed_event_first_time` or `not_performed_event`; key = event
 * name or action id; a window in `time_value` + `time_interval`; a count in `operator` + `operator_value`).
 * @example { type: 'behavioral', value: 'performed_event_multiple', key: '$pageview', event_type: 'events', time_value: 30, time_interval: 'day', operator: 'gte', operator_value: 3 }
 */
export interface CohortCriterionApi {
  type?: string;
  key?: string | number;
  value?: unknown;
  operator?: string | null;
  negation?: boolean | null;
  event_type?: 'events' | 'actions';
  time_value?: number | null;
  time_interval?: string | null;
  explicit_datetime?: string | null;
  explicit_datetime_to?: string | null;
  operator_value?: number | null;
  /** Filters on the events of a behavioural criterion. */
  event_filters?: unknown[] | null;
  group_type_index?: number | null;
}

/** One member of a cohort, as `/cohorts/:id/persons/` lists it (PostHog's person object). */
export interface CohortPersonApi {
  /** The person's UUID (also in `uuid`); person pages are addressed by it. */
  id: string;
  uuid: string;
  /** Email or name property if set, else a distinct id. */
  name: string;
  distinct_ids: string[];
  properties: Record<string, unknown>;
  is_identified: boolean;
  created_at: string;
}
