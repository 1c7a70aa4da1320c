/** A URL pattern posthog-js matches with `new RegExp(url)`. */
export interface UrlPatternApi {
  url: string;
  matching: 'regex';
}

/** A project's session replay settings, under PostHog's team field names. */
export interface ProjectReplaySettingsApi {
  /** Share of sessions recorded, a decimal string `"0.00"`..`"1.00"`; null records every session. */
  session_recording_sample_rate: string | null;
  /** Sessions shorter than this (0..30000 ms) are not sent; null sends all. */
  session_recording_minimum_duration_milliseconds: number | null;
  /** Record only when this flag is on (or has this variant). */
  session_recording_linked_flag: { id: number; key: string; variant?: string } | null;
  /** Start recording once a page matching one of these regexes is visited (none: start at once). */
  session_recording_url_trigger_config: UrlPatternApi[];
  /** Pause recording on pages matching one of these regexes. */
  session_recording_url_blocklist_config: UrlPatternApi[];
  /** Start recording once one of these events is captured (none: start at once). */
  session_recording_event_trigger_config: string[];
  /** How triggers combine; null is posthog-js's default. */
  session_recording_trigger_match_type_config: 'any' | 'all' | null;
  /** Record the browser console with the session. */
  capture_console_log_opt_in: boolean;
  /** Record network request timings with the session. */
  capture_performance_opt_in: boolean;
  /** Record request and response headers and bodies (posthog-js always drops credentials it recognises). */
  session_recording_network_payload_capture_config: { recordHeaders: boolean; recordBody: boolean };
  /** Warren's own: header names and JSON body keys whose values are replaced by `redacted` before storing. */
  session_recording_network_redaction_config: { headers: string[]; bodyKeys: string[] };
  /** What posthog-js masks in the browser: every input (default on), text under a selector, blocked elements. */
  session_recording_masking_config: { maskAllInputs: boolean; maskTextSelector: string | null; blockSelector: string | null };
  session_replay_config: { record_canvas: boolean };
  /** How long recordings are kept. */
  session_recording_retention_period: '30d' | '90d' | '1y' | '5y';
}

/**
 * A project (PostHog's team) as `/api/projects/:id/` answers it: the settings Warren stores, and PostHog's fields for
 * features Warren has no setting for at their neutral values. Built by the server's `projectView`.
 */
export interface ProjectApi extends ProjectReplaySettingsApi {
  id: number;
  uuid: string;
  /** The organization's id (a UUID). */
  organization: string;
  project_id: number;
  /** The project API token (`phc_…`) the SDKs send events with; public by design. */
  api_token: string;
  name: string;
  created_at: string;
  updated_at: string;
  /** The caller's level in the project's organization (1 member, 8 admin, 15 owner). */
  effective_membership_level: number | null;
  /** IANA name, e.g. `Europe/Berlin`; insights bucket days in it. */
  timezone: string;
  /** 0 = Sunday, 1 = Monday. */
  week_start_day: number;
  /** Discard the client IP of incoming events. */
  anonymize_ips: boolean;
  /** Tells posthog-js not to autocapture clicks and page views. */
  autocapture_opt_out: boolean;
  /** Tells posthog-js to record sessions. */
  session_recording_opt_in: boolean;
  test_account_filters: unknown[];
  test_account_filters_default_checked: boolean;
  app_urls: string[];
  is_demo: boolean;
  access_control: boolean;
  live_events_token: string | null;
  secret_api_token: string | null;
  secret_api_token_backup: string | null;
}

/** The fields a PATCH of `/api/projects/:id/` may change (everything else is ignored by the server). */
export type ProjectSettingsPatch = Partial<
  Pick<ProjectApi, 'name' | 'timezone' | 'week_start_day' | 'anonymize_ips' | 'autocapture_opt_out' | 'session_recording_opt_in' | 'test_account_filters'>
> &
  Partial<
    Omit<ProjectReplaySettingsApi, 'session_recording_sample_rate' | 'session_recording_linked_flag' | 'session_recording_masking_config' | 'session_recording_network_payload_capture_config'>
  > & {
    /** The flag's key is enough: the server looks up its id. */
    session_recording_linked_flag?: { id?: number; key: string; variant?: string } | null;
    /** A number or a decimal string. */
    session_recording_sample_rate?: string | number | null;
    /** Keys left out take their defaults (`maskAllInputs` on). */
    session_recording_masking_config?: { maskAllInputs?: boolean; maskTextSelector?: string | null; blockSelector?: string | null } | null;
    session_recording_network_payload_capture_config?: { recordHeaders?: boolean; recordBody?: boolean } | null;
  };
