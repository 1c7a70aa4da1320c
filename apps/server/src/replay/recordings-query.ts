import type { PropertyFilter, PropertyFilters } from '@warren/query/hogql/property-filter';
import { RECORDING_ORDER_FIELDS, type RecordingOrderField } from '@warren/shared/replay-api';
import { parseRelativeOrIsoDate } from '../events/parse-date-param.js';
import { validationError } from '../platform/app-error.js';

/** A recording figure a list can be narrowed by (`having_predicates`, or `properties` of type `recording`). */
export const RECORDING_FIGURES = [
  'duration',
  'active_seconds',
  'inactive_seconds',
  'click_count',
  'keypress_count',
  'mouse_activity_count',
  'console_log_count',
  'console_warn_count',
  'console_error_count',
  'activity_score',
] as const;
export type RecordingFigure = (typeof RECORDING_FIGURES)[number];

export interface FigurePredicate {
  figure: RecordingFigure;
  op: 'gt' | 'lt' | 'gte' | 'lte' | 'exact';
  value: number;
}

/** An event the session must contain (`events`: PostHog's EventsNode-like entries). */
export interface PerformedEvent {
  event: string | null;
  properties?: PropertyFilters;
}

/** PostHog's RecordingsQuery, the parts Warren answers, validated. */
export interface RecordingsQuery {
  dateFrom: Date;
  dateTo: Date;
  sessionIds?: string[];
  distinctIds?: string[];
  personUuid?: string;
  events: PerformedEvent[];
  /** Event and person property filters: some event of the session matches them. */
  properties?: PropertyFilter[];
  operand: 'AND' | 'OR';
  /** `filter_test_accounts`: only recordings with some event that passes the project's test-account filters. */
  filterTestAccounts: boolean;
  figures: FigurePredicate[];
  consoleLevels: ('error' | 'warn' | 'log')[];
  order: RecordingOrderField;
  direction: 'ASC' | 'DESC';
  /** Leave out recordings the caller (`current-user`) or anyone (`any-user`) has viewed; PostHog's player setting's values. */
  hideViewed: 'current-user' | 'any-user' | null;
  limit: number;
  offset: number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
const FIGURE_OPS = new Set(['gt', 'lt', 'gte', 'lte', 'exact']);

/**
 * Reads the list's query string (complex values JSON-encoded, as PostHog's UI sends them). `date_from` defaults to
 * three days ago, `date_to` to now. Example: recordingsQueryFrom({ order: 'duration', limit: '10' }, now).limit === 10.
 */
export function recordingsQueryFrom(params: Record<string, unknown>, now: Date): RecordingsQuery {
  const properties = jsonList(params.properties, 'properties') as PropertyFilter[] | undefined;
  const recordingFilters = (properties ?? []).filter((p) => p.type === 'recording');
  const having = (jsonList(params.having_predicates, 'having_predicates') ?? []) as PropertyFilter[];
  const order = params.order === undefined ? 'start_time' : String(params.order);
  if (!(RECORDING_ORDER_FIELDS as readonly string[]).includes(order)) throw validationError(`"${order}" is not a valid choice.`, 'order', 'invalid_choice');
  const direction = String(params.order_direction ?? 'DESC').toUpperCase();
  if (direction !== 'ASC' && direction !== 'DESC') throw validationError('order_direction must be ASC or DESC.', 'order_direction', 'invalid_choice');
  const operand = String(params.operand ?? 'AND').toUpperCase();
  if (operand !== 'AND' && operand !== 'OR') throw validationError('operand must be AND or OR.', 'operand', 'invalid_choice');
  const hideViewed = params.hide_viewed === undefined || params.hide_viewed === '' || params.hide_viewed === 'false' ? null : String(params.hide_viewed);
  if (hideViewed !== null && hideViewed !== 'current-user' && hideViewed !== 'any-user') {
    throw validationError('hide_viewed must be current-user or any-user.', 'hide_viewed', 'invalid_choice');
  }
  const eventAndPerson = (properties ?? []).filter((p) => p.type !== 'recording' && p.type !== 'log_entry');
  return {
    dateFrom: dateOf(params.date_from, '-3d', now, 'date_from'),
    dateTo: dateOf(params.date_to, null, now, 'date_to'),
    sessionIds: stringList(params.session_ids, 'session_ids'),
    distinctIds: stringList(params.distinct_ids, 'distinct_ids'),
    personUuid: params.person_uuid === undefined || params.person_uuid === '' ? undefined : String(params.person_uuid),
    events: performedEvents(params.events),
    properties: eventAndPerson.length > 0 ? eventAndPerson : undefined,
    operand,
    filterTestAccounts: params.filter_test_accounts === true || params.filter_test_accounts === 'true',
    figures: [...recordingFilters, ...having].map(figurePredicate),
    consoleLevels: consoleLevels(params.console_log_filters),
    order: order as RecordingOrderField,
    direction,
    hideViewed,
    limit: integer(params.limit, DEFAULT_LIMIT, 1, MAX_LIMIT, 'limit'),
    offset: integer(params.offset, 0, 0, 1_000_000, 'offset'),
  };
}

function dateOf(value: unknown, fallback: string | null, now: Date, attr: string): Date {
  if (value === undefined || value === null || value === '') return fallback === null ? now : parseRelativeOrIsoDate(fallback, now)!;
  const date = typeof value === 'string' ? parseRelativeOrIsoDate(value, now) : null;
  if (!date) throw validationError(`${attr} must be an ISO 8601 date or a relative date like -3d.`, attr);
  return date;
}

function jsonList(value: unknown, attr: string): unknown[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw validationError(`${attr} is not valid JSON.`, attr);
    }
  }
  if (!Array.isArray(parsed)) throw validationError(`${attr} must be a list.`, attr);
  if (parsed.some((item) => typeof item !== 'object' && typeof item !== 'string')) throw validationError(`${attr} has an invalid entry.`, attr);
  return parsed;
}

function stringList(value: unknown, attr: string): string[] | undefined {
  const list = jsonList(value, attr);
  if (!list) return undefined;
  if (list.some((x) => typeof x !== 'string' || x.length > 400)) throw validationError(`${attr} must be a list of strings.`, attr);
  return list as string[];
}

function performedEvents(value: unknown): PerformedEvent[] {
  return (jsonList(value, 'events') ?? []).map((entry) => {
    const e = entry as { id?: unknown; event?: unknown; properties?: unknown };
    const name = e.id ?? e.event ?? null;
    if (name !== null && typeof name !== 'string') throw validationError('Each event needs an event name (id) or null for any event.', 'events');
    return { event: name, properties: Array.isArray(e.properties) && e.properties.length > 0 ? (e.properties as PropertyFilters) : undefined };
  });
}

function figurePredicate(filter: PropertyFilter): FigurePredicate {
  const figure = filter.key === 'recording_duration' ? 'duration' : filter.key;
  if (!(RECORDING_FIGURES as readonly string[]).includes(figure)) throw validationError(`Recordings cannot be filtered by "${filter.key}".`, 'having_predicates');
  const op = filter.operator ?? 'exact';
  const value = Number(Array.isArray(filter.value) ? filter.value[0] : filter.value);
  if (!FIGURE_OPS.has(op) || !Number.isFinite(value)) throw validationError(`Invalid ${figure} filter.`, 'having_predicates');
  return { figure: figure as RecordingFigure, op: op as FigurePredicate['op'], value };
}

/** `console_log_filters`: `[{key: 'level', value: ['error', 'warn'], operator: 'exact', type: 'log_entry'}]`. */
function consoleLevels(value: unknown): RecordingsQuery['consoleLevels'] {
  const levels = new Set<'error' | 'warn' | 'log'>();
  for (const entry of jsonList(value, 'console_log_filters') ?? []) {
    const f = entry as { key?: unknown; value?: unknown };
    if (f.key !== 'level') continue;
    for (const level of Array.isArray(f.value) ? f.value : [f.value]) {
      if (level === 'error' || level === 'warn') levels.add(level);
      else if (level === 'info' || level === 'log') levels.add('log');
      else throw validationError('Console levels are error, warn, info or log.', 'console_log_filters');
    }
  }
  return [...levels];
}

function integer(value: unknown, fallback: number, min: number, max: number, attr: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw validationError(`${attr} must be an integer from ${min} to ${max}.`, attr);
  return n;
}
