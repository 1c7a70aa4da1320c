import type { ProjectReplaySettingsApi } from '@warren/shared/projects-api';
import { retentionPeriodOf, type ReplaySettings } from './replay-settings.js';

/**
 * A project's replay settings under PostHog's team field names (what `/api/projects/:id/` shows and a PATCH takes).
 * The sample rate is a decimal string as PostHog's DecimalField serializes it. Example:
 * replaySettingsView(DEFAULT_REPLAY_SETTINGS, 30).session_recording_retention_period === '30d'
 */
export function replaySettingsView(s: ReplaySettings, retentionDays: number): ProjectReplaySettingsApi {
  return {
    session_recording_sample_rate: s.sampleRate === null ? null : s.sampleRate.toFixed(2),
    session_recording_minimum_duration_milliseconds: s.minimumDurationMs,
    session_recording_linked_flag: s.linkedFlag === null ? null : { id: s.linkedFlag.id, key: s.linkedFlag.key, ...(s.linkedFlag.variant === null ? {} : { variant: s.linkedFlag.variant }) },
    session_recording_url_trigger_config: s.urlTriggers,
    session_recording_url_blocklist_config: s.urlBlocklist,
    session_recording_event_trigger_config: s.eventTriggers,
    session_recording_trigger_match_type_config: s.triggerMatchType,
    capture_console_log_opt_in: s.consoleLogs,
    capture_performance_opt_in: s.networkTiming,
    session_recording_network_payload_capture_config: { recordHeaders: s.recordHeaders, recordBody: s.recordBody },
    session_recording_network_redaction_config: s.networkRedaction,
    session_recording_masking_config: s.masking,
    session_replay_config: { record_canvas: s.recordCanvas },
    session_recording_retention_period: retentionPeriodOf(retentionDays),
  };
}
