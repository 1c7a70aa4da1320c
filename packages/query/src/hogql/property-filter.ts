import { elementCondition } from './element-filter.js';
import type { FilterTarget } from './filter-target.js';
import { hAnd, hField, hNot, hOr, type HExpr } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { parseHogQLExpr } from './parse-hogql.js';
import { ignoresValue, operatorCondition } from './property-operators.js';
import { SESSION_FIELDS } from './sessions-source.js';

export type PropertyOperator =
  | 'exact' | 'is_not' | 'icontains' | 'not_icontains' | 'regex' | 'not_regex'
  | 'gt' | 'gte' | 'lt' | 'lte' | 'is_set' | 'is_not_set'
  | 'is_date_exact' | 'is_date_before' | 'is_date_after' | 'between' | 'not_between' | 'min' | 'max'
  | 'starts_with' | 'not_starts_with' | 'ends_with' | 'not_ends_with' | 'is_cleaned_path_exact'
  | 'icontains_multi' | 'not_icontains_multi' | 'in' | 'not_in'
  | 'semver_eq' | 'semver_neq' | 'semver_gt' | 'semver_gte' | 'semver_lt' | 'semver_lte'
  | 'semver_tilde' | 'semver_caret' | 'semver_wildcard';

export type PropertyValue = string | number | boolean | null;

/** One filter, PostHog-shaped. `type` defaults to `event`, `operator` to `exact`. */
export interface PropertyFilter {
  type?: 'event' | 'person' | 'group' | 'session' | 'element' | 'event_metadata' | 'hogql' | 'cohort' | 'feature' | (string & {});
  key: string;
  value?: PropertyValue | PropertyValue[];
  operator?: PropertyOperator | (string & {}) | null;
  /** `group` filters: which group type (0–4). */
  group_type_index?: number | null;
  /** Legacy negation of `cohort` filters. */
  negation?: boolean | null;
}

export interface PropertyGroupFilter {
  type: 'AND' | 'OR';
  values: (PropertyFilter | PropertyGroupFilter)[];
}

export type PropertyFilters = (PropertyFilter | PropertyGroupFilter)[] | PropertyGroupFilter;

/** What some filters need from the query they are part of. */
export interface PropertyFilterOptions {
  /** The query's "now" and project timezone, for relative dates (`-7d`) in `is_date_*` filters. */
  now?: Date;
  timezone?: string;
  /** The condition "the event's person is in cohort N"; without it, cohort filters are refused. */
  cohortCondition?: (cohortId: number) => HExpr;
}

// Event columns that are text; the others (timestamps, uuid, person_id) compare through their text form.
const TEXT_COLUMNS = new Set(['event', 'distinct_id', 'elements_chain', '$session_id', '$window_id', '$group_0', '$group_1', '$group_2', '$group_3', '$group_4']);
const TIME_COLUMNS = new Set(['timestamp', 'created_at']);

/**
 * Turns PostHog property filters (a flat AND-ed list or nested AND/OR groups) into one HogQL condition.
 * Keys and values stay values: they become field chain parts and constants, bound when printed.
 * @example await propertyFiltersToHogQL([{ key: '$browser', value: ['Chrome'], operator: 'exact' }])
 * // properties.$browser = 'Chrome'
 */
export async function propertyFiltersToHogQL(
  filters: PropertyFilters | undefined,
  options: PropertyFilterOptions = {},
): Promise<HExpr | undefined> {
  if (!filters) return undefined;
  const group: PropertyGroupFilter = Array.isArray(filters) ? { type: 'AND', values: filters } : filters;
  return groupToHogQL(group, options);
}

async function groupToHogQL(group: PropertyGroupFilter, options: PropertyFilterOptions): Promise<HExpr | undefined> {
  if (group.type !== 'AND' && group.type !== 'OR') throw new HogQLError('unsupported', 'Filter groups are AND or OR');
  if (group.values !== undefined && !Array.isArray(group.values)) throw new HogQLError('unsupported', 'Filter group values must be a list');
  const parts: HExpr[] = [];
  for (const item of group.values ?? []) {
    if (item === null || typeof item !== 'object') throw new HogQLError('unsupported', 'Each property filter must be an object');
    const expr = isGroup(item) ? await groupToHogQL(item, options) : await filterToHogQL(item, options);
    if (expr) parts.push(expr);
  }
  if (parts.length === 0) return undefined;
  return group.type === 'AND' ? hAnd(parts) : hOr(parts);
}

function isGroup(item: PropertyFilter | PropertyGroupFilter): item is PropertyGroupFilter {
  return (item.type === 'AND' || item.type === 'OR') && Array.isArray((item as PropertyGroupFilter).values);
}

async function filterToHogQL(filter: PropertyFilter, options: PropertyFilterOptions): Promise<HExpr | undefined> {
  if (typeof filter.key !== 'string' || filter.key === '') {
    if (filter.type !== 'cohort') throw new HogQLError('unsupported', 'Property filters need a key');
  }
  const type = filter.type ?? 'event';
  if (type === 'hogql') return parseHogQLExpr(filter.key);
  if (type === 'cohort') return cohortCondition(filter, options);
  const operator = filter.operator ?? 'exact';
  if (typeof operator !== 'string') throw new HogQLError('unsupported', 'A property operator must be a string');
  const values = filterValues(filter.value, operator);
  if (values === undefined) return undefined;
  if (type === 'element') return elementCondition(filter.key, operator, values, options);
  return operatorCondition(filterTarget(type, filter), operator, values, options);
}

/** The filter's values as a list; undefined (no condition, as PostHog) for an empty list. */
function filterValues(value: PropertyFilter['value'], operator: string): PropertyValue[] | undefined {
  if (ignoresValue(operator)) return [];
  const list = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined);
  for (const v of list) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) throw new HogQLError('unsupported', 'Filter values must be strings, numbers or booleans');
  }
  if (list.length > 0) return list;
  if (Array.isArray(value) && value.length === 0) return undefined;
  throw new HogQLError('unsupported', `Operator ${operator} needs a value`);
}

function filterTarget(type: string, filter: PropertyFilter): FilterTarget {
  const { key } = filter;
  switch (type) {
    case 'event':
      // PostHog lets filters treat the elements chain as an event property.
      return key === '$elements_chain' ? { expr: hField('elements_chain'), type: 'string' } : { expr: hField('properties', key), type: 'string' };
    case 'person':
      return { expr: hField('person', 'properties', key), type: 'string' };
    case 'feature':
      return { expr: hField('person', 'properties', `$feature_enrollment/${key}`), type: 'string' };
    case 'group':
      return { expr: hField(`group_${groupTypeIndex(filter.group_type_index)}`, 'properties', key), type: 'string' };
    case 'session': {
      const fieldType = SESSION_FIELDS.get(key);
      if (!fieldType) throw new HogQLError('resolution_error', `Unknown session property: ${key}`);
      return { expr: hField('session', key), type: fieldType };
    }
    case 'event_metadata':
      return { expr: hField(key), type: TEXT_COLUMNS.has(key) ? 'string' : TIME_COLUMNS.has(key) ? 'datetime' : 'other' };
    default:
      throw new HogQLError('unsupported', `Property filters of type ${type} are not supported`);
  }
}

function groupTypeIndex(index: unknown): number {
  const n = typeof index === 'string' && index.trim() !== '' ? Number(index) : index;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 4) {
    throw new HogQLError('unsupported', 'Group property filters need a group_type_index from 0 to 4');
  }
  return n;
}

function cohortCondition(filter: PropertyFilter, options: PropertyFilterOptions): HExpr {
  if (!options.cohortCondition) throw new HogQLError('unsupported', 'Cohort filters are not available yet');
  const id = typeof filter.value === 'string' && /^\d+$/.test(filter.value) ? Number(filter.value) : filter.value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new HogQLError('unsupported', 'A cohort filter takes a cohort id as its value');
  const operator = filter.operator ?? 'in';
  if (operator !== 'in' && operator !== 'not_in') throw new HogQLError('unsupported', `Cohort filters take in or not_in, not ${operator}`);
  const member = options.cohortCondition(id);
  return operator === 'not_in' || filter.negation ? hNot(member) : member;
}
