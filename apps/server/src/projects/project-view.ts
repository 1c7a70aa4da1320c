import type { ProjectApi } from '@warren/shared/projects-api';
import { replaySettingsView } from '../replay/settings/replay-settings-view.js';
import { DEFAULT_REPLAY_SETTINGS, DEFAULT_RETENTION_DAYS } from '../replay/settings/replay-settings.js';
import type { Project } from './project-repository.js';

/**
 * A project as PostHog's `/api/projects/:id/` shows a team (rest-api.md 4; `ProjectBackwardCompat`): the settings
 * Warren stores, and PostHog's fields for features Warren has no setting for at their neutral values.
 * Example: projectView(project, 15).api_token === project.apiToken.
 */
export function projectView(project: Project, membershipLevel: number | null): ProjectApi {
  return {
    id: project.id,
    uuid: project.uuid,
    organization: project.organizationId,
    project_id: project.id,
    api_token: project.apiToken,
    name: project.name,
    created_at: project.createdAt,
    updated_at: project.updatedAt ?? project.createdAt,
    effective_membership_level: membershipLevel,
    timezone: project.timezone,
    week_start_day: project.weekStartDay,
    anonymize_ips: project.anonymizeIps,
    autocapture_opt_out: project.autocaptureOptOut,
    session_recording_opt_in: project.sessionRecordingOptIn,
    ...replaySettingsView(project.replay ?? DEFAULT_REPLAY_SETTINGS, project.sessionRecordingRetentionDays ?? DEFAULT_RETENTION_DAYS),
    test_account_filters: project.testAccountFilters ?? [],
    test_account_filters_default_checked: false,
    app_urls: [],
    is_demo: false,
    access_control: false,
    live_events_token: null,
    secret_api_token: null,
    secret_api_token_backup: null,
  };
}

/** PostHog's `TeamBasic`: the project nested in `/api/users/@me/`. */
export function projectBasicView(project: Project) {
  return {
    id: project.id,
    uuid: project.uuid,
    organization: project.organizationId,
    project_id: project.id,
    api_token: project.apiToken,
    name: project.name,
    timezone: project.timezone,
    is_demo: false,
    access_control: false,
  };
}
