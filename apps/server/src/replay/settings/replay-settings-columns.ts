import type { Selectable } from 'kysely';
import type { MetaSchema } from '../../storage/meta-schema.js';
import { DEFAULT_REPLAY_SETTINGS, type LinkedFlag, type NetworkRedaction, type ReplayMasking, type ReplaySettings, type UrlPattern } from './replay-settings.js';

type ProjectRow = Selectable<MetaSchema['projects']>;

/** The projects-table columns of a project's replay settings (migration 0012). Example: replaySettingsColumns(s).capture_console_log_opt_in === 1 */
export function replaySettingsColumns(settings: ReplaySettings) {
  return {
    session_recording_sample_rate: settings.sampleRate,
    session_recording_minimum_duration_ms: settings.minimumDurationMs,
    session_recording_linked_flag: settings.linkedFlag === null ? null : JSON.stringify(settings.linkedFlag),
    session_recording_url_triggers: JSON.stringify(settings.urlTriggers),
    session_recording_url_blocklist: JSON.stringify(settings.urlBlocklist),
    session_recording_event_triggers: JSON.stringify(settings.eventTriggers),
    session_recording_trigger_match_type: settings.triggerMatchType,
    capture_console_log_opt_in: settings.consoleLogs ? 1 : 0,
    capture_performance_opt_in: settings.networkTiming ? 1 : 0,
    session_recording_record_headers: settings.recordHeaders ? 1 : 0,
    session_recording_record_body: settings.recordBody ? 1 : 0,
    session_recording_network_redaction: JSON.stringify(settings.networkRedaction),
    session_recording_masking: JSON.stringify(settings.masking),
    session_recording_record_canvas: settings.recordCanvas ? 1 : 0,
  };
}

/** A project row's replay settings; JSON columns that do not parse count as their default. */
export function replaySettingsOfRow(row: ProjectRow): ReplaySettings {
  const d = DEFAULT_REPLAY_SETTINGS;
  const matchType = row.session_recording_trigger_match_type;
  return {
    sampleRate: row.session_recording_sample_rate === null ? null : Number(row.session_recording_sample_rate),
    minimumDurationMs: row.session_recording_minimum_duration_ms === null ? null : Number(row.session_recording_minimum_duration_ms),
    linkedFlag: jsonOr<LinkedFlag | null>(row.session_recording_linked_flag, null),
    urlTriggers: jsonOr<UrlPattern[]>(row.session_recording_url_triggers, d.urlTriggers),
    urlBlocklist: jsonOr<UrlPattern[]>(row.session_recording_url_blocklist, d.urlBlocklist),
    eventTriggers: jsonOr<string[]>(row.session_recording_event_triggers, d.eventTriggers),
    triggerMatchType: matchType === 'any' || matchType === 'all' ? matchType : null,
    consoleLogs: Boolean(row.capture_console_log_opt_in),
    networkTiming: Boolean(row.capture_performance_opt_in),
    recordHeaders: Boolean(row.session_recording_record_headers),
    recordBody: Boolean(row.session_recording_record_body),
    networkRedaction: jsonOr<NetworkRedaction>(row.session_recording_network_redaction, d.networkRedaction),
    masking: { ...d.masking, ...jsonOr<Partial<ReplayMasking>>(row.session_recording_masking, {}) },
    recordCanvas: Boolean(row.session_recording_record_canvas),
  };
}

function jsonOr<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
