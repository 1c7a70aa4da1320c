import type { CohortCriterionApi, CohortGroupApi } from '@warren/shared/cohorts-api';
import { OPERATOR_LABELS, operatorTakesValue, type PropertyFilter, type PropertyOperator } from '../components/property-filter-model';

/**
 * The cohort editor's form state and its two-way mapping to PostHog's `filters.properties`. The editor shows two
 * levels, as PostHog's does: groups joined by one match type, each a list of criteria joined by its own. Anything it
 * cannot show as fields (deeper nesting, explicit date ranges, negated person filters) is kept as an `other`
 * criterion and written back unchanged, so opening and saving a cohort made through the API never loses a part of it.
 */

export type MatchType = 'AND' | 'OR';
export type BehaviorValue = 'performed_event' | 'performed_event_multiple' | 'performed_event_first_time' | 'not_performed_event';
export type TimeInterval = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export type CountOperator = 'gte' | 'gt' | 'exact' | 'lte' | 'lt';

/** Every criterion and group carries a `uid`, only for the editor: React keys that survive removing a row above. */
interface Keyed {
  uid: string;
}

export interface PersonCriterion extends Keyed {
  kind: 'person';
  key: string;
  operator: PropertyOperator;
  value: PropertyFilter['value'];
}

export interface BehavioralCriterion extends Keyed {
  kind: 'behavioral';
  value: BehaviorValue;
  /** An event name, or an action (its id as text) when `eventType` is `actions`. */
  eventType: 'events' | 'actions';
  key: string;
  timeValue: number;
  timeInterval: TimeInterval;
  /** Only for `performed_event_multiple`. */
  countOperator: CountOperator;
  count: number;
  eventFilters: PropertyFilter[];
}

export interface CohortCriterion extends Keyed {
  kind: 'cohort';
  cohortId: number | null;
  /** "Not in the cohort". */
  negated: boolean;
}

export interface OtherCriterion extends Keyed {
  kind: 'other';
  raw: CohortCriterionApi | CohortGroupApi;
}

export type Criterion = PersonCriterion | BehavioralCriterion | CohortCriterion | OtherCriterion;
export type CriterionKind = Exclude<Criterion['kind'], 'other'>;

export interface CriteriaGroup extends Keyed {
  type: MatchType;
  criteria: Criterion[];
}

export interface Definition {
  type: MatchType;
  groups: CriteriaGroup[];
}

export const BEHAVIOR_LABELS: Record<BehaviorValue, string> = {
  performed_event: 'performed',
  performed_event_multiple: 'performed a number of times',
  performed_event_first_time: 'performed for the first time',
  not_performed_event: 'did not perform',
};

export const COUNT_OPERATOR_LABELS: Record<CountOperator, string> = {
  gte: 'at least',
  gt: 'more than',
  exact: 'exactly',
  lte: 'at most',
  lt: 'fewer than',
};

export const TIME_INTERVAL_LABELS: Record<TimeInterval, string> = {
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
  year: 'years',
};

let lastUid = 0;
/** A key unique in this page. */
export function nextUid(): string {
  return `c${++lastUid}`;
}

/** A fresh criterion of a kind, with the defaults PostHog's editor starts from. */
export function newCriterion(kind: CriterionKind): Criterion {
  const uid = nextUid();
  if (kind === 'person') return { uid, kind, key: '', operator: 'exact', value: '' };
  if (kind === 'cohort') return { uid, kind, cohortId: null, negated: false };
  return { uid, kind, value: 'performed_event', eventType: 'events', key: '', timeValue: 30, timeInterval: 'day', countOperator: 'gte', count: 1, eventFilters: [] };
}

/** A group holding one fresh person property criterion. */
export function newGroup(): CriteriaGroup {
  return { uid: nextUid(), type: 'AND', criteria: [newCriterion('person')] };
}

/** What a new cohort's editor shows: one group with one empty person property criterion. */
export function emptyDefinition(): Definition {
  return { type: 'OR', groups: [newGroup()] };
}

/**
 * The form state of a stored definition. A criterion at the top level becomes a group of its own (a group of one
 * criterion means the criterion, whatever its match type).
 * Example: definitionFromApi({ type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'plan', value: 'pro' }] }] })
 *   -> { type: 'OR', groups: [{ type: 'AND', criteria: [{ kind: 'person', key: 'plan', operator: 'exact', value: 'pro' }] }] }
 */
export function definitionFromApi(group: CohortGroupApi | undefined): Definition {
  if (!group || !Array.isArray(group.values) || group.values.length === 0) return emptyDefinition();
  return {
    type: group.type === 'AND' ? 'AND' : 'OR',
    groups: group.values.map((entry) =>
      isGroup(entry)
        ? { uid: nextUid(), type: entry.type === 'OR' ? 'OR' : 'AND', criteria: entry.values.map(criterionFromApi) }
        : { uid: nextUid(), type: 'AND', criteria: [criterionFromApi(entry)] },
    ),
  };
}

/** The `filters.properties` to send for the form state. */
export function definitionToApi(definition: Definition): CohortGroupApi {
  return {
    type: definition.type,
    values: definition.groups.map((group) => ({ type: group.type, values: group.criteria.map(criterionToApi) })),
  };
}

function isGroup(entry: CohortGroupApi | CohortCriterionApi): entry is CohortGroupApi {
  return (entry.type === 'AND' || entry.type === 'OR') && Array.isArray((entry as CohortGroupApi).values);
}

function criterionFromApi(entry: CohortGroupApi | CohortCriterionApi): Criterion {
  const uid = nextUid();
  if (isGroup(entry)) return { uid, kind: 'other', raw: entry };
  const type = entry.type ?? 'person';
  if (type === 'person' && typeof entry.key === 'string' && !entry.negation) {
    const operator = (entry.operator ?? 'exact') as PropertyOperator;
    if (Object.hasOwn(OPERATOR_LABELS, operator)) return { uid, kind: 'person', key: entry.key, operator, value: (entry.value ?? null) as PropertyFilter['value'] };
  }
  if (type === 'cohort' || type === 'precalculated-cohort' || type === 'static-cohort' || type === 'dynamic-cohort') {
    const id = Number(entry.value);
    if (Number.isSafeInteger(id) && id > 0) return { uid, kind: 'cohort', cohortId: id, negated: Boolean(entry.negation) !== (entry.operator === 'not_in') };
  }
  if (type === 'behavioral') return behavioralFromApi(entry, uid) ?? { uid, kind: 'other', raw: entry };
  return { uid, kind: 'other', raw: entry };
}

function behavioralFromApi(entry: CohortCriterionApi, uid: string): BehavioralCriterion | null {
  const value = entry.value as BehaviorValue;
  if (!Object.hasOwn(BEHAVIOR_LABELS, value) || entry.negation || entry.explicit_datetime) return null;
  const interval = (entry.time_interval ?? 'day') as TimeInterval;
  const timeValue = Number(entry.time_value);
  if (!Object.hasOwn(TIME_INTERVAL_LABELS, interval) || !Number.isInteger(timeValue) || timeValue < 1) return null;
  const operator = (entry.operator === 'eq' ? 'exact' : (entry.operator ?? 'exact')) as CountOperator;
  if (value === 'performed_event_multiple' && !Object.hasOwn(COUNT_OPERATOR_LABELS, operator)) return null;
  return {
    uid,
    kind: 'behavioral',
    value,
    eventType: entry.event_type === 'actions' ? 'actions' : 'events',
    key: entry.key === undefined ? '' : String(entry.key),
    timeValue,
    timeInterval: interval,
    countOperator: value === 'performed_event_multiple' ? operator : 'gte',
    count: value === 'performed_event_multiple' ? Number(entry.operator_value ?? 1) : 1,
    eventFilters: (entry.event_filters ?? []) as PropertyFilter[],
  };
}

function criterionToApi(criterion: Criterion): CohortCriterionApi | CohortGroupApi {
  switch (criterion.kind) {
    case 'person':
      return { type: 'person', key: criterion.key.trim(), operator: criterion.operator, value: operatorTakesValue(criterion.operator) ? criterion.value : null };
    case 'cohort':
      return { type: 'cohort', key: 'id', value: criterion.cohortId, negation: criterion.negated };
    case 'behavioral':
      return {
        type: 'behavioral',
        value: criterion.value,
        event_type: criterion.eventType,
        key: criterion.eventType === 'actions' ? Number(criterion.key) : criterion.key.trim(),
        time_value: criterion.timeValue,
        time_interval: criterion.timeInterval,
        ...(criterion.value === 'performed_event_multiple' && { operator: criterion.countOperator, operator_value: criterion.count }),
        ...(criterion.eventFilters.length > 0 && { event_filters: criterion.eventFilters }),
      };
    case 'other':
      return criterion.raw;
  }
}

/**
 * What must be fixed before the definition can be saved, one sentence each (empty when it is ready).
 * Example: definitionProblems({ type: 'OR', groups: [] }) -> ['Add at least one criterion.']
 */
export function definitionProblems(definition: Definition): string[] {
  const problems: string[] = [];
  if (definition.groups.every((g) => g.criteria.length === 0)) problems.push('Add at least one criterion.');
  definition.groups.forEach((group, g) =>
    group.criteria.forEach((criterion, c) => {
      const where = `Group ${g + 1}, criterion ${c + 1}`;
      if (criterion.kind === 'person' && criterion.key.trim() === '') problems.push(`${where}: choose a person property.`);
      if (criterion.kind === 'cohort' && criterion.cohortId === null) problems.push(`${where}: choose a cohort.`);
      if (criterion.kind === 'behavioral') {
        if (criterion.key.trim() === '') problems.push(`${where}: choose ${criterion.eventType === 'actions' ? 'an action' : 'an event'}.`);
        if (!Number.isInteger(criterion.timeValue) || criterion.timeValue < 1) problems.push(`${where}: the time window is a whole number of at least 1.`);
        if (criterion.value === 'performed_event_multiple' && (!Number.isInteger(criterion.count) || criterion.count < 1)) {
          problems.push(`${where}: the number of times is a whole number of at least 1.`);
        }
      }
    }),
  );
  return problems;
}

/**
 * The kind of a stored cohort in a few words, for lists. Example: cohortTypeLabel({ is_static: false, cohort_type: 'behavioral' }) -> 'Dynamic · behavioural'
 */
export function cohortTypeLabel(cohort: { is_static: boolean; cohort_type: string }): string {
  if (cohort.is_static) return 'Static';
  return cohort.cohort_type === 'behavioral' ? 'Dynamic · behavioural' : 'Dynamic · person properties';
}
