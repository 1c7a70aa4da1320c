import { validationError } from '../../platform/app-error.js';
import {
  RETENTION_PERIODS,
  type LinkedFlag,
  type NetworkRedaction,
  type ReplayMasking,
  type ReplaySettings,
  type RetentionPeriod,
  type UrlPattern,
} from './replay-settings.js';

/** A live flag of the project, as the linked-flag check needs it (variants: null for a plain on/off flag). */
export interface FlagForLink {
  id: number;
  key: string;
  variants: string[] | null;
}

export type FindFlag = (key: string) => Promise<FlagForLink | null>;

/** PostHog's limit on the minimum duration (its settings screen offers up to 15 s). */
export const MAX_MINIMUM_DURATION_MS = 30_000;
const MAX_LIST = 100;
const MAX_PATTERN = 1_000;
const MAX_TEXT = 1_000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Reads the session replay fields of a project create/update body (PostHog's team field names) over the current
 * settings; fields not in the body keep their value; the first bad field throws a validation error naming it.
 * Example: await replaySettingsFrom({ session_recording_sample_rate: '0.5' }, current, retention, noFlags)
 * // { replay: { …, sampleRate: 0.5 }, retentionDays: 30 }
 */
export async function replaySettingsFrom(
  b: Record<string, unknown>,
  current: ReplaySettings,
  retentionDays: number,
  findFlag: FindFlag,
): Promise<{ replay: ReplaySettings; retentionDays: number }> {
  const s: ReplaySettings = { ...current };
  const has = (field: string) => b[field] !== undefined;
  if (has('session_recording_sample_rate')) s.sampleRate = sampleRateOf(b.session_recording_sample_rate);
  if (has('session_recording_minimum_duration_milliseconds')) s.minimumDurationMs = minimumDurationOf(b.session_recording_minimum_duration_milliseconds);
  if (has('session_recording_linked_flag')) s.linkedFlag = await linkedFlagOf(b.session_recording_linked_flag, findFlag);
  if (has('session_recording_url_trigger_config')) s.urlTriggers = urlPatternsOf(b.session_recording_url_trigger_config, 'session_recording_url_trigger_config');
  if (has('session_recording_url_blocklist_config')) s.urlBlocklist = urlPatternsOf(b.session_recording_url_blocklist_config, 'session_recording_url_blocklist_config');
  if (has('session_recording_event_trigger_config')) s.eventTriggers = eventTriggersOf(b.session_recording_event_trigger_config);
  if (has('session_recording_trigger_match_type_config')) s.triggerMatchType = matchTypeOf(b.session_recording_trigger_match_type_config);
  if (has('capture_console_log_opt_in')) s.consoleLogs = booleanOf(b.capture_console_log_opt_in, 'capture_console_log_opt_in');
  if (has('capture_performance_opt_in')) s.networkTiming = booleanOf(b.capture_performance_opt_in, 'capture_performance_opt_in');
  if (has('session_recording_network_payload_capture_config')) Object.assign(s, networkPayloadOf(b.session_recording_network_payload_capture_config));
  if (has('session_recording_network_redaction_config')) s.networkRedaction = networkRedactionOf(b.session_recording_network_redaction_config);
  if (has('session_recording_masking_config')) s.masking = maskingOf(b.session_recording_masking_config);
  if (has('session_replay_config')) s.recordCanvas = recordCanvasOf(b.session_replay_config);
  const retention = has('session_recording_retention_period') ? retentionOf(b.session_recording_retention_period) : retentionDays;
  return { replay: s, retentionDays: retention };
}

/** 0..1 with at most two decimals, as a number or a decimal string (PostHog serializes it as "0.50"); null: all. */
function sampleRateOf(value: unknown): number | null {
  const attr = 'session_recording_sample_rate';
  if (value === null) return null;
  const rate = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d*\.?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(rate)) throw validationError('A valid number is required.', attr, 'invalid');
  if (rate < 0 || rate > 1) throw validationError('Ensure this value is between 0 and 1.', attr, 'invalid');
  if (Math.abs(rate * 100 - Math.round(rate * 100)) > 1e-9) throw validationError('Ensure that there are no more than 2 decimal places.', attr, 'max_decimal_places');
  return Math.round(rate * 100) / 100;
}

function minimumDurationOf(value: unknown): number | null {
  const attr = 'session_recording_minimum_duration_milliseconds';
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validationError('A valid integer is required.', attr, 'invalid');
  if (value < 0 || value > MAX_MINIMUM_DURATION_MS) {
    throw validationError(`Ensure this value is between 0 and ${MAX_MINIMUM_DURATION_MS} milliseconds.`, attr, 'invalid');
  }
  return value;
}

/** PostHog's `{id, key}` or `{id, key, variant}` naming a live flag of the project (the id may be left out). */
async function linkedFlagOf(value: unknown, findFlag: FindFlag): Promise<LinkedFlag | null> {
  const attr = 'session_recording_linked_flag';
  if (value === null) return null;
  const v = objectOf(value, attr);
  const extra = Object.keys(v).filter((k) => !['id', 'key', 'variant'].includes(k));
  if (extra.length > 0) throw validationError("Must provide a dictionary with only 'id' and 'key' keys, and optionally 'variant'.", attr);
  if (typeof v.key !== 'string' || v.key === '') throw validationError("The linked flag needs the flag's 'key'.", attr);
  const flag = await findFlag(v.key);
  if (!flag) throw validationError(`No feature flag with key "${v.key.slice(0, 200)}" in this project.`, attr, 'does_not_exist');
  if (v.id !== undefined && v.id !== null && Number(v.id) !== flag.id) throw validationError(`Feature flag ${String(v.id).slice(0, 40)} is not the flag "${flag.key}".`, attr);
  const variant = v.variant === undefined || v.variant === null ? null : v.variant;
  if (variant !== null) {
    if (typeof variant !== 'string' || !flag.variants?.includes(variant)) {
      throw validationError(`Flag "${flag.key}" has no variant "${String(variant).slice(0, 200)}".`, attr, 'invalid_choice');
    }
  }
  return { id: flag.id, key: flag.key, variant };
}

/** `[{url, matching: 'regex'}]`, each a regular expression JavaScript compiles (posthog-js runs `new RegExp(url)`). */
function urlPatternsOf(value: unknown, attr: string): UrlPattern[] {
  const list = listOf(value, attr);
  return list.map((item, i) => {
    const at = `${attr}__${i}`;
    const v = objectOf(item, at);
    if (v.matching !== undefined && v.matching !== 'regex') throw validationError('"matching" must be "regex".', at, 'invalid_choice');
    if (typeof v.url !== 'string' || v.url.trim() === '') throw validationError('A URL pattern may not be blank.', at, 'blank');
    if (v.url.length > MAX_PATTERN) throw validationError(`Ensure this pattern has no more than ${MAX_PATTERN} characters.`, at, 'max_length');
    try {
      new RegExp(v.url);
    } catch (error) {
      throw validationError(`"${v.url.slice(0, 200)}" is not a valid regular expression: ${(error as Error).message}`, at, 'invalid_regex');
    }
    return { url: v.url, matching: 'regex' as const };
  });
}

function eventTriggersOf(value: unknown): string[] {
  const attr = 'session_recording_event_trigger_config';
  return [...new Set(listOf(value, attr).map((item, i) => textOf(item, `${attr}__${i}`)))];
}

function matchTypeOf(value: unknown): 'any' | 'all' | null {
  if (value === null || value === 'any' || value === 'all') return value;
  throw validationError("Must provide a valid trigger match type. Only 'all' or 'any' or None are allowed.", 'session_recording_trigger_match_type_config', 'invalid_choice');
}

function networkPayloadOf(value: unknown): { recordHeaders: boolean; recordBody: boolean } {
  const attr = 'session_recording_network_payload_capture_config';
  if (value === null) return { recordHeaders: false, recordBody: false };
  const v = objectOf(value, attr);
  if (Object.keys(v).some((k) => k !== 'recordHeaders' && k !== 'recordBody')) {
    throw validationError("Must provide a dictionary with only 'recordHeaders' and/or 'recordBody' keys.", attr);
  }
  return {
    recordHeaders: v.recordHeaders === undefined ? false : booleanOf(v.recordHeaders, `${attr}__recordHeaders`),
    recordBody: v.recordBody === undefined ? false : booleanOf(v.recordBody, `${attr}__recordBody`),
  };
}

/** Warren's own: `{headers: [...], bodyKeys: [...]}`; header names are stored lower-case. */
function networkRedactionOf(value: unknown): NetworkRedaction {
  const attr = 'session_recording_network_redaction_config';
  if (value === null) return { headers: [], bodyKeys: [] };
  const v = objectOf(value, attr);
  if (Object.keys(v).some((k) => k !== 'headers' && k !== 'bodyKeys')) throw validationError("Must provide a dictionary with only 'headers' and/or 'bodyKeys' keys.", attr);
  const headers = (v.headers === undefined ? [] : listOf(v.headers, `${attr}__headers`)).map((h, i) => {
    const name = textOf(h, `${attr}__headers__${i}`);
    if (!HEADER_NAME.test(name)) throw validationError(`"${name.slice(0, 200)}" is not a valid header name.`, `${attr}__headers__${i}`);
    return name.toLowerCase();
  });
  const bodyKeys = (v.bodyKeys === undefined ? [] : listOf(v.bodyKeys, `${attr}__bodyKeys`)).map((k, i) => textOf(k, `${attr}__bodyKeys__${i}`));
  return { headers: [...new Set(headers)], bodyKeys: [...new Set(bodyKeys)] };
}

/** PostHog's masking config; `maskAllInputs` stays on unless the body turns it off, selectors are optional. */
function maskingOf(value: unknown): ReplayMasking {
  const attr = 'session_recording_masking_config';
  if (value === null) return { maskAllInputs: true, maskTextSelector: null, blockSelector: null };
  const v = objectOf(value, attr);
  const known = ['maskAllInputs', 'maskTextSelector', 'blockSelector'];
  if (Object.keys(v).some((k) => !known.includes(k))) throw validationError(`Must provide a dictionary with only known keys: ${known.join(', ')}.`, attr);
  const selector = (s: unknown, key: string) => (s === undefined || s === null ? null : textOf(s, `${attr}__${key}`));
  return {
    maskAllInputs: v.maskAllInputs === undefined ? true : booleanOf(v.maskAllInputs, `${attr}__maskAllInputs`),
    maskTextSelector: selector(v.maskTextSelector, 'maskTextSelector'),
    blockSelector: selector(v.blockSelector, 'blockSelector'),
  };
}

function recordCanvasOf(value: unknown): boolean {
  const attr = 'session_replay_config';
  if (value === null) return false;
  const v = objectOf(value, attr);
  if (Object.keys(v).some((k) => k !== 'record_canvas')) throw validationError("Must provide a dictionary with only known keys: record_canvas.", attr);
  return v.record_canvas === undefined ? false : booleanOf(v.record_canvas, `${attr}__record_canvas`);
}

function retentionOf(value: unknown): number {
  if (typeof value === 'string' && Object.hasOwn(RETENTION_PERIODS, value)) return RETENTION_PERIODS[value as RetentionPeriod];
  throw validationError(`Must provide a valid retention period. Options are: ${Object.keys(RETENTION_PERIODS).join(', ')}.`, 'session_recording_retention_period', 'invalid_choice');
}

function objectOf(value: unknown, attr: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError('Must provide a dictionary or None.', attr);
  return value as Record<string, unknown>;
}

function listOf(value: unknown, attr: string): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw validationError('Expected a list of items.', attr, 'not_a_list');
  if (value.length > MAX_LIST) throw validationError(`Ensure this field has no more than ${MAX_LIST} elements.`, attr, 'max_length');
  return value;
}

/** A non-blank string of at most MAX_TEXT characters, trimmed. */
function textOf(value: unknown, attr: string): string {
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  const text = value.trim();
  if (text === '') throw validationError('This field may not be blank.', attr, 'blank');
  if (text.length > MAX_TEXT) throw validationError(`Ensure this field has no more than ${MAX_TEXT} characters.`, attr, 'max_length');
  return text;
}

function booleanOf(value: unknown, attr: string): boolean {
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}
