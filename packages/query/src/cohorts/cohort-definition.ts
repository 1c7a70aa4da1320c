import { HogQLError } from '../hogql/hogql-error.js';
import type { PropertyFilter } from '../hogql/property-filter.js';

/** What a behavioural filter asks of a person's events (rest-api.md 4.5). */
export const BEHAVIORAL_VALUES = ['performed_event', 'performed_event_multiple', 'performed_event_first_time', 'not_performed_event'] as const;
export type BehavioralValue = (typeof BEHAVIORAL_VALUES)[number];
export const TIME_INTERVALS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type TimeInterval = (typeof TIME_INTERVALS)[number];
export const COUNT_OPERATORS = ['gte', 'gt', 'lte', 'lt', 'exact', 'eq'] as const;
export type CountOperator = (typeof COUNT_OPERATORS)[number];

/**
 * PostHog's behavioural cohort filter: did event (or action) `key` in the window, maybe a number of times.
 * @example { type: 'behavioral', value: 'performed_event_multiple', key: '$pageview', event_type: 'events', time_value: 30, time_interval: 'day', operator: 'gte', operator_value: 3 }
 */
export interface BehavioralFilter {
  type: 'behavioral';
  value: BehavioralValue;
  /** The event name, or the action id when `event_type` is `actions`. */
  key: string | number;
  event_type: 'events' | 'actions';
  time_value?: number | null;
  time_interval?: TimeInterval | null;
  /** A relative (`-30d`) or absolute start instead of `time_value`; `explicit_datetime_to` ends the window. */
  explicit_datetime?: string | null;
  explicit_datetime_to?: string | null;
  operator?: CountOperator | null;
  operator_value?: number | null;
  /** Filters on the events themselves. */
  event_filters?: PropertyFilter[] | null;
  negation?: boolean;
}

/** A person-property or nested-cohort leaf (`type: 'person' | 'cohort'`), with the cohort-only `negation`. */
export type CohortPropertyFilter = PropertyFilter & { negation?: boolean };

export type CohortLeaf = CohortPropertyFilter | BehavioralFilter;

/**
 * A cohort definition: nested AND/OR groups of person, cohort and behavioural filters.
 * @example { type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] }] }
 */
export interface CohortGroup {
  type: 'AND' | 'OR';
  values: (CohortGroup | CohortLeaf)[];
}

const MAX_DEPTH = 10;
const MAX_LEAVES = 500;
const MAX_TIME_VALUE = 100_000;
const LEGACY_KEYS = ['properties', 'action_id', 'event_id', 'days', 'count', 'count_operator'];

/**
 * Whether an entry of a cohort group is itself a group.
 * @example isCohortGroup({ type: 'AND', values: [] }) // true
 */
export function isCohortGroup(entry: CohortGroup | CohortLeaf): entry is CohortGroup {
  return (entry.type === 'AND' || entry.type === 'OR') && Array.isArray((entry as CohortGroup).values);
}

/**
 * Whether a leaf is a behavioural filter (the other leaves are person and cohort filters).
 * @example isBehavioral({ type: 'behavioral', value: 'performed_event', key: 'x', event_type: 'events' }) // true
 */
export function isBehavioral(leaf: CohortLeaf): leaf is BehavioralFilter {
  return leaf.type === 'behavioral';
}

/**
 * Validates a cohort's `filters.properties` (PostHog's newer form) into a canonical group; a bad shape is a
 * HogQLError whose detail names the place. Leaves keep every field the client sent.
 * @example parseCohortGroup({ type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] })
 */
export function parseCohortGroup(raw: unknown): CohortGroup {
  const budget = { leaves: 0 };
  return parseGroup(raw, 'properties', 0, budget);
}

function parseGroup(raw: unknown, where: string, depth: number, budget: { leaves: number }): CohortGroup {
  if (!isObject(raw)) throw refuse(`${where} must be an object with type and values`);
  if (depth > MAX_DEPTH) throw refuse(`Cohort filters are nested more than ${MAX_DEPTH} deep`);
  const type = raw.type === undefined ? 'AND' : raw.type;
  if (type !== 'AND' && type !== 'OR') throw refuse(`${where}.type must be AND or OR`);
  const values = raw.values ?? [];
  if (!Array.isArray(values)) throw refuse(`${where}.values must be a list`);
  return {
    type,
    values: values.map((entry, i) => {
      const at = `${where}.values[${i}]`;
      if (isObject(entry) && Array.isArray(entry.values)) return parseGroup(entry, at, depth + 1, budget);
      if (++budget.leaves > MAX_LEAVES) throw refuse(`A cohort has at most ${MAX_LEAVES} filters`);
      return parseLeaf(entry, at);
    }),
  };
}

function parseLeaf(raw: unknown, where: string): CohortLeaf {
  if (!isObject(raw)) throw refuse(`${where} must be a filter object`);
  if (raw.negation !== undefined && raw.negation !== null && typeof raw.negation !== 'boolean') throw refuse(`${where}.negation must be a boolean`);
  const type = raw.type ?? 'person';
  if (type === 'behavioral') return parseBehavioral(raw, where);
  if (type === 'cohort' || type === 'precalculated-cohort' || type === 'static-cohort' || type === 'dynamic-cohort') {
    cohortIdOf(raw.value, `${where}.value`);
    if (raw.operator !== undefined && raw.operator !== null && raw.operator !== 'in' && raw.operator !== 'not_in') {
      throw refuse(`${where}.operator must be in or not_in`);
    }
    return { ...(raw as object), type: 'cohort', key: 'id' } as CohortPropertyFilter;
  }
  if (type !== 'person') throw refuse(`${where}.type must be person, cohort or behavioral`);
  if (typeof raw.key !== 'string' || raw.key === '') throw refuse(`${where}.key must be a person property name`);
  if (raw.operator !== undefined && raw.operator !== null && typeof raw.operator !== 'string') throw refuse(`${where}.operator must be a string`);
  return { ...(raw as object), type: 'person' } as CohortPropertyFilter;
}

function parseBehavioral(raw: Record<string, unknown>, where: string): BehavioralFilter {
  const value = raw.value;
  if (!(BEHAVIORAL_VALUES as readonly unknown[]).includes(value)) {
    throw refuse(`${where}.value must be one of ${BEHAVIORAL_VALUES.join(', ')} (other behavioural filters are not supported yet)`);
  }
  const eventType = raw.event_type ?? 'events';
  if (eventType !== 'events' && eventType !== 'actions') throw refuse(`${where}.event_type must be events or actions`);
  if (eventType === 'events' && (typeof raw.key !== 'string' || raw.key === '')) throw refuse(`${where}.key must be an event name`);
  if (eventType === 'actions') cohortIdOf(raw.key, `${where}.key`);
  const filter = { ...(raw as object), type: 'behavioral', event_type: eventType } as BehavioralFilter;
  if (typeof raw.explicit_datetime === 'string' && raw.explicit_datetime !== '') {
    if (raw.explicit_datetime_to !== undefined && raw.explicit_datetime_to !== null && typeof raw.explicit_datetime_to !== 'string') {
      throw refuse(`${where}.explicit_datetime_to must be a date string`);
    }
  } else {
    if (!positiveInteger(raw.time_value, MAX_TIME_VALUE)) throw refuse(`${where}.time_value must be a whole number from 1 to ${MAX_TIME_VALUE}`);
    if (!(TIME_INTERVALS as readonly unknown[]).includes(raw.time_interval)) throw refuse(`${where}.time_interval must be one of ${TIME_INTERVALS.join(', ')}`);
    filter.time_value = Number(raw.time_value);
  }
  if (value === 'performed_event_multiple') {
    const operator = raw.operator ?? 'exact';
    if (!(COUNT_OPERATORS as readonly unknown[]).includes(operator)) throw refuse(`${where}.operator must be one of ${COUNT_OPERATORS.join(', ')}`);
    if (!positiveInteger(raw.operator_value, 1_000_000_000)) throw refuse(`${where}.operator_value must be a whole number of at least 1`);
    filter.operator = operator as CountOperator;
    filter.operator_value = Number(raw.operator_value);
  }
  if (raw.event_filters !== undefined && raw.event_filters !== null && !Array.isArray(raw.event_filters)) {
    throw refuse(`${where}.event_filters must be a list of property filters`);
  }
  return filter;
}

/**
 * PostHog's legacy `groups` (OR-ed; each either person properties or an event/action done within `days`, at least
 * or at most `count` times) as the newer property group. @example legacyGroupsToCohortGroup([{ properties: [{ key: 'plan', value: 'pro', type: 'person' }] }])
 */
export function legacyGroupsToCohortGroup(raw: unknown): CohortGroup {
  if (!Array.isArray(raw)) throw refuse('groups must be a list');
  const values = raw.map((group, i): CohortGroup => {
    const where = `groups[${i}]`;
    if (!isObject(group) || !Object.keys(group).some((k) => LEGACY_KEYS.includes(k))) throw refuse(`${where} must hold properties, an event_id or an action_id`);
    const entries: unknown[] = [];
    if (group.properties !== undefined && group.properties !== null) {
      if (!Array.isArray(group.properties)) throw refuse(`${where}.properties must be a list`);
      entries.push(...group.properties);
    }
    const key = group.action_id ?? group.event_id;
    if (key !== undefined && key !== null) {
      const counted = group.count !== undefined && group.count !== null;
      entries.push({
        type: 'behavioral',
        key,
        event_type: group.action_id !== undefined && group.action_id !== null ? 'actions' : 'events',
        value: counted ? 'performed_event_multiple' : 'performed_event',
        // Legacy groups without `days` meant all time: a century back stays within ClickHouse's DateTime64 range.
        ...(group.days === undefined || group.days === null ? { time_value: 100, time_interval: 'year' } : { time_value: group.days, time_interval: 'day' }),
        ...(counted && { operator: group.count_operator ?? 'gte', operator_value: group.count }),
      });
    }
    return { type: 'AND', values: entries as CohortGroup['values'] };
  });
  return parseCohortGroup({ type: 'OR', values });
}

/**
 * PostHog's `cohort_type` of a dynamic definition: behavioural when any leaf looks at events (nested cohorts aside).
 * @example cohortKind({ type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] }) // 'person_property'
 */
export function cohortKind(group: CohortGroup): 'behavioral' | 'person_property' {
  return leavesOf(group).some(isBehavioral) ? 'behavioral' : 'person_property';
}

/**
 * The ids of the cohorts a definition nests (directly). @example nestedCohortIds(group) // [12]
 */
export function nestedCohortIds(group: CohortGroup): number[] {
  return [...new Set(leavesOf(group).flatMap((leaf) => (!isBehavioral(leaf) && leaf.type === 'cohort' ? [cohortIdOf(leaf.value, 'value')] : [])))];
}

/**
 * Every leaf of a definition, depth first. @example leavesOf({ type: 'AND', values: [a, { type: 'OR', values: [b] }] }) // [a, b]
 */
export function leavesOf(group: CohortGroup): CohortLeaf[] {
  return group.values.flatMap((entry) => (isCohortGroup(entry) ? leavesOf(entry) : [entry]));
}

/**
 * A cohort or action id from a filter value: a safe positive integer, also as a digit string.
 * @example cohortIdOf('12', 'value') // 12
 */
export function cohortIdOf(value: unknown, where: string): number {
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw refuse(`${where} must be a cohort id`);
  return id;
}

function positiveInteger(value: unknown, max: number): boolean {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}
