import { DEFAULT_REPLAY_SETTINGS, type ReplaySettings } from '../replay/settings/replay-settings.js';

/** The `sessionRecording` object of posthog-js's remote config (browser-common's SessionRecordingRemoteConfig, v1). */
export interface SessionRecordingRemoteConfig {
  endpoint: '/s/';
  consoleLogRecordingEnabled: boolean;
  recorderVersion: 'v2';
  sampleRate: string | null;
  minimumDurationMilliseconds: number | null;
  linkedFlag: string | { flag: string; variant: string } | null;
  networkPayloadCapture: { recordHeaders: boolean; recordBody: boolean } | null;
  masking: { maskAllInputs: boolean; maskTextSelector?: string; blockSelector?: string };
  urlTriggers: { url: string; matching: 'regex' }[];
  urlBlocklist: { url: string; matching: 'regex' }[];
  eventTriggers: string[];
  triggerMatchType?: 'any' | 'all';
  recordCanvas: boolean;
  canvasFps: number | null;
  canvasQuality: string | null;
  scriptConfig: { script: 'posthog-recorder' };
}

/**
 * What posthog-js is told about session replay, in the shapes PostHog's remote config builder sends: the sample rate
 * as a decimal string (left out at 1, as PostHog does), the linked flag as its key or `{flag, variant}`, masking with
 * `maskAllInputs` always present. Example: sessionRecordingConfig(DEFAULT_REPLAY_SETTINGS).masking.maskAllInputs === true
 */
export function sessionRecordingConfig(s: ReplaySettings = DEFAULT_REPLAY_SETTINGS): SessionRecordingRemoteConfig {
  const masking: SessionRecordingRemoteConfig['masking'] = { maskAllInputs: s.masking.maskAllInputs };
  if (s.masking.maskTextSelector !== null) masking.maskTextSelector = s.masking.maskTextSelector;
  if (s.masking.blockSelector !== null) masking.blockSelector = s.masking.blockSelector;
  return {
    endpoint: '/s/',
    consoleLogRecordingEnabled: s.consoleLogs,
    recorderVersion: 'v2',
    sampleRate: s.sampleRate === null || s.sampleRate >= 1 ? null : String(s.sampleRate),
    minimumDurationMilliseconds: s.minimumDurationMs || null,
    linkedFlag: s.linkedFlag === null ? null : s.linkedFlag.variant === null ? s.linkedFlag.key : { flag: s.linkedFlag.key, variant: s.linkedFlag.variant },
    networkPayloadCapture: s.recordHeaders || s.recordBody ? { recordHeaders: s.recordHeaders, recordBody: s.recordBody } : null,
    masking,
    urlTriggers: s.urlTriggers,
    urlBlocklist: s.urlBlocklist,
    eventTriggers: s.eventTriggers,
    ...(s.triggerMatchType === null ? {} : { triggerMatchType: s.triggerMatchType }),
    // PostHog's fixed canvas values while canvas recording is on.
    recordCanvas: s.recordCanvas,
    canvasFps: s.recordCanvas ? 3 : null,
    canvasQuality: s.recordCanvas ? '0.4' : null,
    scriptConfig: { script: 'posthog-recorder' },
  };
}

/** The top-level `capturePerformance`: posthog-js's network plugin records request timings when `network_timing` is on. */
export function capturePerformanceConfig(s: ReplaySettings = DEFAULT_REPLAY_SETTINGS): false | { network_timing: true; web_vitals: false } {
  return s.networkTiming ? { network_timing: true, web_vitals: false } : false;
}
