import type { PropertyFilters } from '@warren/query/hogql/property-filter';
import { validationError } from '../platform/app-error.js';
import type { EventFilters } from './event-query.js';
import { parseRelativeOrIsoDate } from './parse-date-param.js';

/** `/events/`'s filter parameters as they arrive (query string, or an export's `export_context`). */
export interface EventFilterParams {
  event?: unknown;
  distinct_id?: unknown;
  person_id?: unknown;
  properties?: unknown;
  after?: unknown;
  before?: unknown;
}

const MAX_TEXT = 400;
/** PostHog waits 5 s past now for events still arriving with a slightly fast clock. */
const BEFORE_SLACK_MS = 5_000;

/**
 * Validates the filters; `after` defaults to the beginning of time, `before` to now + 5 s. `attrPrefix` names the
 * fields inside a body (`export_context__`). Example: eventFiltersFrom({ after: '-24h', event: '$pageview' }, now).
 */
export function eventFiltersFrom(params: EventFilterParams, now: Date, attrPrefix = ''): EventFilters {
  const after = params.after === undefined || params.after === null ? new Date(0) : dateOf(params.after, now, attrPrefix + 'after');
  const before = params.before === undefined || params.before === null ? new Date(now.getTime() + BEFORE_SLACK_MS) : dateOf(params.before, now, attrPrefix + 'before');
  return {
    after,
    before,
    event: textOf(params.event, attrPrefix + 'event'),
    distinctId: textOf(params.distinct_id, attrPrefix + 'distinct_id'),
    personId: textOf(params.person_id, attrPrefix + 'person_id'),
    properties: propertiesOf(params.properties, attrPrefix + 'properties'),
  };
}

function dateOf(value: unknown, now: Date, attr: string): Date {
  const date = typeof value === 'string' ? parseRelativeOrIsoDate(value, now) : null;
  if (!date) throw validationError(`${attr.split('__').at(-1)} must be an ISO 8601 date or a relative date like -24h.`, attr);
  return date;
}

function textOf(value: unknown, attr: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  if (value.length > MAX_TEXT) throw validationError(`Ensure this field has no more than ${MAX_TEXT} characters.`, attr, 'max_length');
  return value;
}

/** A JSON list of filters or an AND/OR group, given as JSON text (query string) or as the value itself (body). */
function propertiesOf(value: unknown, attr: string): PropertyFilters | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw validationError('Properties are unparsable!', attr);
    }
  }
  if (typeof parsed !== 'object' || parsed === null) throw validationError('Properties must be a list of filters or a filter group.', attr);
  return parsed as PropertyFilters;
}
