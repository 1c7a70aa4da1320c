import type { Generated, Kysely } from 'kysely';

/** Transactional state, the same tables on SQLite (embedded) and PostgreSQL (scale). Times are ISO 8601 strings. */
export interface MetaSchema {
  organizations: { id: string; name: string; created_at: string; updated_at: string | null };
  projects: {
    id: Generated<number>;
    uuid: string;
    organization_id: string;
    name: string;
    api_token: string;
    timezone: string;
    week_start_day: number;
    /** PostHog's "discard client IP data". */
    anonymize_ips: number;
    autocapture_opt_out: number;
    session_recording_opt_in: number;
    created_at: string;
    /** `sha256$<hex>` of the project secret key (`phs_…`), which server SDKs may use for local evaluation. */
    secret_api_token_hash: string | null;
    /** JSON array of PostHog property filters applied when a query sets `filterTestAccounts`. */
    test_account_filters: Generated<string>;
    updated_at: string | null;
    /** Session replay settings (migration 0012; replay/settings/replay-settings.ts): JSON columns hold arrays or objects. */
    session_recording_sample_rate: number | null;
    session_recording_minimum_duration_ms: number | null;
    session_recording_linked_flag: string | null;
    session_recording_url_triggers: Generated<string>;
    session_recording_url_blocklist: Generated<string>;
    session_recording_event_triggers: Generated<string>;
    session_recording_trigger_match_type: string | null;
    capture_console_log_opt_in: Generated<number>;
    capture_performance_opt_in: Generated<number>;
    session_recording_record_headers: Generated<number>;
    session_recording_record_body: Generated<number>;
    session_recording_network_redaction: Generated<string>;
    session_recording_masking: Generated<string>;
    session_recording_record_canvas: Generated<number>;
    session_recording_retention_days: Generated<number>;
  };
  users: {
    id: Generated<number>;
    uuid: string;
    distinct_id: string;
    email: string;
    first_name: string;
    password_hash: string | null;
    current_project_id: number | null;
    created_at: string;
    last_login_at: string | null;
  };
  organization_memberships: { organization_id: string; user_id: number; level: number; created_at: string; updated_at: string | null };
  /** Signed-in browser sessions; only a hash of the cookie's token is stored. Expiry slides with use. */
  user_sessions: { id: string; token_hash: string; user_id: number; created_at: string; last_seen_at: string; expires_at: string };
  /** Invitations to an organization by link; only a hash of the link's token is stored. */
  organization_invites: {
    id: string;
    organization_id: string;
    target_email: string;
    first_name: string;
    level: number;
    message: string | null;
    token_hash: string;
    created_by: number | null;
    created_at: string;
    updated_at: string;
    expires_at: string;
  };
  personal_api_keys: {
    id: string;
    user_id: number;
    label: string;
    /** `sha256$<hex>` of the key; the key itself is never stored. */
    secure_value: string;
    mask_value: string;
    scopes: string;
    scoped_teams: string | null;
    /** JSON array of organization ids the key is limited to; null = no limit. */
    scoped_organizations: string | null;
    created_at: string;
    last_used_at: string | null;
    last_rolled_at: string | null;
  };
  persons: {
    id: Generated<number>;
    uuid: string;
    team_id: number;
    properties: string;
    /** JSON map property -> ISO time of the event that last wrote it (last write by event time wins). */
    properties_last_updated_at: string;
    is_identified: number;
    created_at: string;
    version: number;
  };
  person_distinct_ids: { team_id: number; distinct_id: string; person_id: number; version: number };
  group_type_mappings: { team_id: number; group_type: string; group_type_index: number };
  groups: {
    team_id: number;
    group_type_index: number;
    group_key: string;
    properties: string;
    created_at: string;
    version: number;
  };
  feature_flags: {
    id: Generated<number>;
    team_id: number;
    key: string;
    name: string;
    /** PostHog's `filters` JSON: groups, multivariate, payloads, aggregation_group_type_index, ... */
    filters: string;
    active: number;
    deleted: number;
    ensure_experience_continuity: number;
    version: number;
    tags: string;
    evaluation_runtime: string;
    created_at: string;
    created_by: number | null;
    updated_at: string;
    last_modified_by: number | null;
  };
  /** Which id a person's flags hash on (experience continuity across identify). */
  feature_flag_hash_key_overrides: { team_id: number; person_uuid: string; feature_flag_key: string; hash_key: string };
  /** PostHog's actions: named event definitions whose `steps` (JSON array, OR-ed) match events. */
  actions: {
    id: Generated<number>;
    team_id: number;
    name: string;
    description: string;
    steps: string;
    tags: string;
    created_at: string;
    created_by: number | null;
    updated_at: string;
    deleted: number;
  };
  /** Who has opened which recording (a recording is a `$session_id`; the recording itself is in the event store). */
  session_recording_views: { team_id: number; session_id: string; user_id: number; viewed_at: string };
  /** Recordings deleted through the API: never listed or served again, their snapshots removed by the retention sweep. */
  session_recording_deletions: { team_id: number; session_id: string; deleted_by: number | null; deleted_at: string };
  /** Export jobs (PostHog's exported assets); the file lies under `<dataDir>/exports/<content_location>`. */
  exported_assets: {
    id: Generated<number>;
    team_id: number;
    /** A MIME type: `text/csv`, `application/json` (JSON lines) or `application/vnd.apache.parquet`. */
    export_format: string;
    /** JSON: the events to export (`after`, `before`, `event`, `properties`). */
    export_context: string;
    status: 'queued' | 'running' | 'complete' | 'failed';
    filename: string;
    content_location: string | null;
    /** bigint: PostgreSQL returns it as text, so read it through Number(). */
    rows_exported: number | string;
    content_size: number | string;
    exception: string | null;
    created_at: string;
    created_by: number | null;
    started_at: string | null;
    finished_at: string | null;
    expires_after: string;
  };
  /** Saved insights: a query (JSON, usually a wrapper node) with a name; results live in the query cache. */
  insights: {
    id: Generated<number>;
    team_id: number;
    /** 8 characters, unique per project, used in links. */
    short_id: string;
    name: string | null;
    derived_name: string | null;
    description: string;
    query: string | null;
    /** The kind of the query that runs, inside its wrappers (`TrendsQuery`, `HogQLQuery`, …). */
    query_kind: string | null;
    tags: string;
    favorited: number;
    saved: number;
    deleted: number;
    created_at: string;
    created_by: number | null;
    updated_at: string;
    last_modified_at: string;
    last_modified_by: number | null;
  };
  dashboards: {
    id: Generated<number>;
    team_id: number;
    name: string | null;
    description: string;
    pinned: number;
    tags: string;
    /** PostHog's dashboard filters (`date_from`, `date_to`, `properties`, `breakdown_filter`), applied to every tile. */
    filters: string;
    creation_mode: string;
    deleted: number;
    created_at: string;
    created_by: number | null;
    last_accessed_at: string | null;
    last_refresh: string | null;
  };
  /** The text of a text tile (markdown). */
  dashboard_texts: {
    id: Generated<number>;
    team_id: number;
    body: string | null;
    created_by: number | null;
    last_modified_by: number | null;
    last_modified_at: string;
  };
  /** A place on a dashboard for an insight or a text; removing a tile soft-deletes it. */
  dashboard_tiles: {
    id: Generated<number>;
    dashboard_id: number;
    insight_id: number | null;
    text_id: number | null;
    /** JSON `{sm: {x, y, w, h, …}, xs: …}`. */
    layouts: string;
    color: string | null;
    deleted: number;
    created_at: string;
  };
  /** A secret read-only link to a dashboard or an insight. */
  sharing_configurations: {
    id: Generated<number>;
    team_id: number;
    dashboard_id: number | null;
    insight_id: number | null;
    enabled: number;
    access_token: string;
    /** `sha256` hex of the token: what a public request is looked up by. */
    access_token_hash: string;
    created_at: string;
    /** 1: the project's web analytics page (0014_web_sharing). */
    web_analytics: Generated<number>;
  };
  activity_log: {
    id: Generated<number>;
    team_id: number;
    scope: string;
    item_id: string;
    activity: string;
    user_id: number | null;
    detail: string;
    created_at: string;
  };
  /** Notes on a date, shown on graphs; `scope` is project, organization, dashboard_item, dashboard or recording. */
  annotations: {
    id: Generated<number>;
    team_id: number;
    organization_id: string;
    content: string | null;
    date_marker: string | null;
    creation_type: string;
    scope: string;
    dashboard_item: number | null;
    dashboard_id: number | null;
    deleted: number;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  /** Event names seen by ingestion, with what people wrote about them. */
  event_definitions: {
    id: string;
    team_id: number;
    name: string;
    created_at: string;
    last_seen_at: string | null;
    description: Generated<string>;
    tags: Generated<string>;
    owner: number | null;
    verified: Generated<number>;
    verified_at: string | null;
    verified_by: number | null;
    hidden: Generated<number>;
    updated_at: string | null;
    updated_by: number | null;
  };
  /** Events stored per event name and UTC day (`YYYY-MM-DD`): the 30-day volume. */
  event_definition_volumes: { team_id: number; name: string; day: string; count: number | string };
  /** Property names seen by ingestion; `type` 1 event, 2 person, 3 group (with `group_type_index`, else -1). */
  property_definitions: {
    id: string;
    team_id: number;
    name: string;
    type: number;
    group_type_index: number;
    property_type: string | null;
    description: Generated<string>;
    tags: Generated<string>;
    verified: Generated<number>;
    verified_at: string | null;
    verified_by: number | null;
    hidden: Generated<number>;
    created_at: string;
    updated_at: string | null;
    updated_by: number | null;
  };
  /** Which event properties were seen on which event. */
  event_properties: { team_id: number; event: string; property: string };
  /** Person deletions whose events / recordings still have to leave the event store (done when verified). */
  person_deletions: {
    id: Generated<number>;
    team_id: number;
    person_uuid: string;
    distinct_ids: string;
    delete_events: number;
    delete_recordings: number;
    created_at: string;
    delete_verified_at: string | null;
    attempts: Generated<number>;
    last_error: string | null;
  };
  /** Cohorts: a dynamic definition or a static list; members are in the event store's `cohort_people`. */
  cohorts: {
    id: Generated<number>;
    team_id: number;
    name: string;
    description: string;
    /** JSON `{properties: <property group>}`; null for static cohorts. */
    filters: string | null;
    /** A legacy `groups` body as the client sent it (JSON array). */
    groups: string;
    is_static: number;
    deleted: number;
    /** The `cohort_people` version queries read; null until the first calculation finishes. */
    version: number | string | null;
    count: number | null;
    is_calculating: Generated<number>;
    last_calculation: string | null;
    errors_calculating: Generated<number>;
    last_error: string | null;
    created_at: string;
    created_by: number | null;
    updated_at: string;
  };
  /** A/B tests on a feature flag; JSON columns hold PostHog's shapes (parameters, metrics, exposure criteria, …). */
  experiments: {
    id: Generated<number>;
    team_id: number;
    name: string;
    description: string | null;
    feature_flag_id: number;
    holdout_id: number | null;
    start_date: string | null;
    end_date: string | null;
    parameters: string;
    filters: string;
    metrics: string;
    metrics_secondary: string;
    secondary_metrics: string;
    stats_config: string | null;
    exposure_criteria: string | null;
    primary_metrics_ordered_uuids: string | null;
    secondary_metrics_ordered_uuids: string | null;
    type: string;
    archived: number;
    deleted: number;
    conclusion: string | null;
    conclusion_comment: string | null;
    shipped_variant: string | null;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  /** Shares of users kept out of every experiment that uses the holdout; `filters` is PostHog's JSON list. */
  experiment_holdouts: {
    id: Generated<number>;
    team_id: number;
    name: string;
    description: string | null;
    filters: string;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  /** Experiment metrics kept once and linked to many experiments. */
  experiment_saved_metrics: {
    id: Generated<number>;
    team_id: number;
    name: string;
    description: string | null;
    query: string;
    tags: string;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  /** Which saved metrics an experiment uses, primary or secondary (`metadata` JSON). */
  experiment_to_saved_metrics: {
    id: Generated<number>;
    team_id: number;
    experiment_id: number;
    saved_metric_id: number;
    metadata: string;
    created_at: string;
  };
}

export type MetaDb = Kysely<MetaSchema>;
