/** A URL pattern posthog-js matches against the page URL with `new RegExp(url)`. */
export interface UrlPattern {
  url: string;
  matching: 'regex';
}

/** The feature flag a recording waits for: recorded only when the flag is on (or has this variant). */
export interface LinkedFlag {
  id: number;
  key: string;
  variant: string | null;
}

/** Header names and JSON body keys whose values Warren replaces in recorded network requests before storing them. */
export interface NetworkRedaction {
  /** Lower-case header names. */
  headers: string[];
  /** JSON object keys, matched at any depth, ignoring case. */
  bodyKeys: string[];
}

/** How posthog-js masks the page while it records; masked text never leaves the browser. */
export interface ReplayMasking {
  maskAllInputs: boolean;
  maskTextSelector: string | null;
  blockSelector: string | null;
}

/**
 * A project's session replay settings besides on/off and retention (both columns of their own): what posthog-js is
 * told in remote config, and the network redaction Warren applies at ingest.
 */
export interface ReplaySettings {
  /** Share of sessions recorded, 0..1 in steps of 0.01; null records every session. */
  sampleRate: number | null;
  /** Sessions shorter than this are not sent; null sends every session. */
  minimumDurationMs: number | null;
  linkedFlag: LinkedFlag | null;
  /** Recording starts only once a page matching one of these is visited (when any are set). */
  urlTriggers: UrlPattern[];
  /** Recording pauses on pages matching one of these. */
  urlBlocklist: UrlPattern[];
  /** Recording starts only once one of these events is captured (when any are set). */
  eventTriggers: string[];
  /** How URL, event, flag and sampling triggers combine; null is posthog-js's default ('all' in v1 configs). */
  triggerMatchType: 'any' | 'all' | null;
  consoleLogs: boolean;
  /** Request timings (PostHog's `capture_performance_opt_in`). */
  networkTiming: boolean;
  recordHeaders: boolean;
  recordBody: boolean;
  networkRedaction: NetworkRedaction;
  masking: ReplayMasking;
  recordCanvas: boolean;
}

export const DEFAULT_REPLAY_SETTINGS: ReplaySettings = {
  sampleRate: null,
  minimumDurationMs: null,
  linkedFlag: null,
  urlTriggers: [],
  urlBlocklist: [],
  eventTriggers: [],
  triggerMatchType: null,
  consoleLogs: true,
  networkTiming: false,
  recordHeaders: false,
  recordBody: false,
  networkRedaction: { headers: [], bodyKeys: [] },
  masking: { maskAllInputs: true, maskTextSelector: null, blockSelector: null },
  recordCanvas: false,
};

export const DEFAULT_RETENTION_DAYS = 30;

/** PostHog's `session_recording_retention_period` choices and the days each keeps. */
export const RETENTION_PERIODS = { '30d': 30, '90d': 90, '1y': 365, '5y': 1825 } as const;
export type RetentionPeriod = keyof typeof RETENTION_PERIODS;

/** The PostHog period naming a number of days (the nearest choice not shorter). Example: retentionPeriodOf(90) === '90d' */
export function retentionPeriodOf(days: number): RetentionPeriod {
  const periods = Object.entries(RETENTION_PERIODS) as [RetentionPeriod, number][];
  return (periods.find(([, d]) => d >= days) ?? periods[periods.length - 1])[0];
}
