/**
 * A project (PostHog's team) as `/api/projects/:id/` answers it: the settings Warren stores, and PostHog's fields for
 * features Warren has no setting for at their neutral values. Built by the server's `projectView`.
 */
export interface ProjectApi {
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
>;
