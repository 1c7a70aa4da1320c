import type { ProjectApi, ProjectSettingsPatch } from '@warren/shared/projects-api';

/** The session replay form as the user edits it: numbers and lists as text, one pattern or name per line. */
export interface ReplayForm {
  /** Percent of sessions recorded, 0..100; blank records every session. */
  samplePercent: string;
  /** Minimum duration in ms, as one of MINIMUM_DURATIONS. */
  minimumDurationMs: string;
  linkedFlagKey: string;
  linkedFlagVariant: string;
  urlTriggers: string;
  urlBlocklist: string;
  eventTriggers: string;
  triggerMatchType: '' | 'any' | 'all';
  recordHeaders: boolean;
  recordBody: boolean;
  redactHeaders: string;
  redactBodyKeys: string;
  maskAllInputs: boolean;
  maskTextSelector: string;
  blockSelector: string;
  retention: ProjectApi['session_recording_retention_period'];
}

export const MINIMUM_DURATIONS: readonly { ms: string; label: string }[] = [
  { ms: '', label: 'No minimum' },
  ...[1, 2, 5, 10, 15, 30].map((s) => ({ ms: String(s * 1000), label: `${s} seconds` })),
];

export const RETENTION_CHOICES: readonly { value: ReplayForm['retention']; label: string }[] = [
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '1y', label: '1 year' },
  { value: '5y', label: '5 years' },
];

const lines = (text: string) => text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l !== '');

/** The form showing a project's stored settings. Example: replayFormOf(project).samplePercent === '50' for "0.50". */
export function replayFormOf(p: ProjectApi): ReplayForm {
  return {
    samplePercent: p.session_recording_sample_rate === null ? '' : String(Math.round(Number(p.session_recording_sample_rate) * 100)),
    minimumDurationMs: p.session_recording_minimum_duration_milliseconds ? String(p.session_recording_minimum_duration_milliseconds) : '',
    linkedFlagKey: p.session_recording_linked_flag?.key ?? '',
    linkedFlagVariant: p.session_recording_linked_flag?.variant ?? '',
    urlTriggers: p.session_recording_url_trigger_config.map((t) => t.url).join('\n'),
    urlBlocklist: p.session_recording_url_blocklist_config.map((t) => t.url).join('\n'),
    eventTriggers: p.session_recording_event_trigger_config.join('\n'),
    triggerMatchType: p.session_recording_trigger_match_type_config ?? '',
    recordHeaders: p.session_recording_network_payload_capture_config.recordHeaders,
    recordBody: p.session_recording_network_payload_capture_config.recordBody,
    redactHeaders: p.session_recording_network_redaction_config.headers.join('\n'),
    redactBodyKeys: p.session_recording_network_redaction_config.bodyKeys.join('\n'),
    maskAllInputs: p.session_recording_masking_config.maskAllInputs,
    maskTextSelector: p.session_recording_masking_config.maskTextSelector ?? '',
    blockSelector: p.session_recording_masking_config.blockSelector ?? '',
    retention: p.session_recording_retention_period,
  };
}

/**
 * The PATCH body saving the form, or the first problem the server would refuse it for (a sample rate outside
 * 0..100 %, a URL pattern that is not a regular expression). Example: replayPatchOf({ …, samplePercent: '50' }).patch
 * // { session_recording_sample_rate: '0.50', … }
 */
export function replayPatchOf(form: ReplayForm): { patch: ProjectSettingsPatch; problem: null } | { patch: null; problem: string } {
  const percent = form.samplePercent.trim();
  if (percent !== '' && !/^\d{1,3}$/.test(percent)) return { patch: null, problem: 'The sample rate is a whole percentage from 0 to 100.' };
  if (percent !== '' && Number(percent) > 100) return { patch: null, problem: 'The sample rate is a whole percentage from 0 to 100.' };
  for (const [name, text] of [['URL trigger', form.urlTriggers], ['Blocked URL', form.urlBlocklist]] as const) {
    for (const pattern of lines(text)) {
      try {
        new RegExp(pattern);
      } catch {
        return { patch: null, problem: `${name} "${pattern}" is not a valid regular expression.` };
      }
    }
  }
  const flagKey = form.linkedFlagKey.trim();
  const variant = form.linkedFlagVariant.trim();
  return {
    problem: null,
    patch: {
      session_recording_sample_rate: percent === '' ? null : (Number(percent) / 100).toFixed(2),
      session_recording_minimum_duration_milliseconds: form.minimumDurationMs === '' ? null : Number(form.minimumDurationMs),
      // The server finds the flag's id by key.
      session_recording_linked_flag: flagKey === '' ? null : { key: flagKey, ...(variant === '' ? {} : { variant }) },
      session_recording_url_trigger_config: lines(form.urlTriggers).map((url) => ({ url, matching: 'regex' as const })),
      session_recording_url_blocklist_config: lines(form.urlBlocklist).map((url) => ({ url, matching: 'regex' as const })),
      session_recording_event_trigger_config: lines(form.eventTriggers),
      session_recording_trigger_match_type_config: form.triggerMatchType === '' ? null : form.triggerMatchType,
      session_recording_network_payload_capture_config: { recordHeaders: form.recordHeaders, recordBody: form.recordBody },
      session_recording_network_redaction_config: { headers: lines(form.redactHeaders), bodyKeys: lines(form.redactBodyKeys) },
      session_recording_masking_config: {
        maskAllInputs: form.maskAllInputs,
        maskTextSelector: form.maskTextSelector.trim() || null,
        blockSelector: form.blockSelector.trim() || null,
      },
      session_recording_retention_period: form.retention,
    },
  };
}
