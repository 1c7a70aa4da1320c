import { propertyFiltersToHogQL, type PropertyFilter } from '@warren/query/hogql/property-filter';
import { assertTimezone } from '@warren/query/hogql/timezone';
import { AppError, validationError } from '../platform/app-error.js';
import { replaySettingsFrom, type FindFlag } from '../replay/settings/replay-settings-input.js';
import type { ProjectSettings } from './project-repository.js';

const MAX_NAME = 200;
const MAX_TEST_ACCOUNT_FILTERS = 100;
const BOOLEAN_FIELDS = [
  ['anonymize_ips', 'anonymizeIps'],
  ['autocapture_opt_out', 'autocaptureOptOut'],
  ['session_recording_opt_in', 'sessionRecordingOptIn'],
] as const;

/**
 * Validates a create or update body over the current settings (or the defaults), as DRF would: read-only and unknown
 * fields are ignored, the first bad field is reported with its name in `attr`; `findFlag` resolves the session
 * recording linked flag among the project's flags (none on a project being created). Example:
 * await projectSettingsFrom({ timezone: 'Europe/Berlin' }, DEFAULT_PROJECT_SETTINGS) // { …, timezone: 'Europe/Berlin' }
 */
export async function projectSettingsFrom(body: unknown, current: ProjectSettings, findFlag: FindFlag = async () => null): Promise<ProjectSettings> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  const settings: ProjectSettings = { ...current };
  if (b.name !== undefined) settings.name = nameOf(b.name);
  if (b.timezone !== undefined) settings.timezone = timezoneOf(b.timezone);
  if (b.week_start_day !== undefined) settings.weekStartDay = weekStartDayOf(b.week_start_day);
  for (const [field, key] of BOOLEAN_FIELDS) {
    // PostHog's autocapture_opt_out is nullable: null means the default (capture).
    if (b[field] === null && field === 'autocapture_opt_out') settings[key] = false;
    else if (b[field] !== undefined) settings[key] = booleanOf(b[field], field);
  }
  if (b.test_account_filters !== undefined) settings.testAccountFilters = await testAccountFiltersOf(b.test_account_filters);
  const replay = await replaySettingsFrom(b, current.replay, current.sessionRecordingRetentionDays, findFlag);
  settings.replay = replay.replay;
  settings.sessionRecordingRetentionDays = replay.retentionDays;
  return settings;
}

function nameOf(value: unknown): string {
  if (value === null) throw validationError('This field may not be null.', 'name', 'null');
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'name');
  const name = value.trim();
  if (name === '') throw validationError('This field may not be blank.', 'name', 'blank');
  if (name.length > MAX_NAME) throw validationError(`Ensure this field has no more than ${MAX_NAME} characters.`, 'name', 'max_length');
  return name;
}

function timezoneOf(value: unknown): string {
  try {
    if (typeof value === 'string') return assertTimezone(value);
  } catch {
    // reported below, as PostHog reports a timezone outside its list
  }
  throw validationError(`"${String(value).slice(0, 100)}" is not a valid choice.`, 'timezone', 'invalid_choice');
}

/** 0 = Sunday, 1 = Monday; null (PostHog: the locale decides) is stored as Sunday, PostHog's default. */
function weekStartDayOf(value: unknown): number {
  if (value === null) return 0;
  if (value === 0 || value === 1) return value;
  throw validationError(`"${String(value).slice(0, 100)}" is not a valid choice.`, 'week_start_day', 'invalid_choice');
}

function booleanOf(value: unknown, attr: string): boolean {
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}

/** A flat list of property filters that a query can compile (checked by compiling it once now). */
async function testAccountFiltersOf(value: unknown): Promise<PropertyFilter[]> {
  if (value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_TEST_ACCOUNT_FILTERS) {
    throw validationError(`Expected a list of at most ${MAX_TEST_ACCOUNT_FILTERS} property filters.`, 'test_account_filters');
  }
  value.forEach((filter, i) => {
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter) || typeof filter.key !== 'string' || filter.key === '') {
      throw validationError('A property filter needs a key.', `test_account_filters__${i}`);
    }
  });
  const filters = value as PropertyFilter[];
  try {
    await propertyFiltersToHogQL(filters, { now: new Date(), timezone: 'UTC' });
  } catch (error) {
    throw validationError(`Invalid property filter: ${(error as Error).message}`, 'test_account_filters');
  }
  return filters;
}
