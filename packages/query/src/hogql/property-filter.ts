import {
  hAnd,
  hCall,
  hCompare,
  hConstant,
  hField,
  hNot,
  hOr,
  type HExpr,
  type HTuple,
} from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { parseHogQLExpr } from './parse-hogql.js';

export type PropertyOperator =
  | 'exact' | 'is_not' | 'icontains' | 'not_icontains' | 'regex' | 'not_regex'
  | 'gt' | 'gte' | 'lt' | 'lte' | 'is_set' | 'is_not_set';

export type PropertyValue = string | number | boolean | null;

/** One filter, PostHog-shaped. `type` defaults to `event`, `operator` to `exact`. */
export interface PropertyFilter {
  type?: 'event' | 'person' | 'event_metadata' | 'hogql' | (string & {});
  key: string;
  value?: PropertyValue | PropertyValue[];
  operator?: PropertyOperator | (string & {}) | null;
}

export interface PropertyGroupFilter {
  type: 'AND' | 'OR';
  values: (PropertyFilter | PropertyGroupFilter)[];
}

export type PropertyFilters = (PropertyFilter | PropertyGroupFilter)[] | PropertyGroupFilter;

/**
 * Turns PostHog property filters (a flat AND-ed list or nested AND/OR groups) into one HogQL condition.
 * Keys and values stay values: they become field chain parts and constants, bound when printed.
 * @example await propertyFiltersToHogQL([{ key: '$browser', value: ['Chrome'], operator: 'exact' }])
 * // properties.$browser IN ('Chrome')
 */
export async function propertyFiltersToHogQL(filters: PropertyFilters | undefined): Promise<HExpr | undefined> {
  if (!filters) return undefined;
  const group: PropertyGroupFilter = Array.isArray(filters) ? { type: 'AND', values: filters } : filters;
  return groupToHogQL(group);
}

async function groupToHogQL(group: PropertyGroupFilter): Promise<HExpr | undefined> {
  const parts: HExpr[] = [];
  for (const item of group.values ?? []) {
    const expr = isGroup(item) ? await groupToHogQL(item) : await filterToHogQL(item);
    if (expr) parts.push(expr);
  }
  if (parts.length === 0) return undefined;
  if (group.type !== 'AND' && group.type !== 'OR') throw new HogQLError('unsupported', 'Filter groups are AND or OR');
  return group.type === 'AND' ? hAnd(parts) : hOr(parts);
}

function isGroup(item: PropertyFilter | PropertyGroupFilter): item is PropertyGroupFilter {
  return (item.type === 'AND' || item.type === 'OR') && Array.isArray((item as PropertyGroupFilter).values);
}

async function filterToHogQL(filter: PropertyFilter): Promise<HExpr> {
  if (typeof filter.key !== 'string' || filter.key === '') throw new HogQLError('unsupported', 'Property filters need a key');
  const type = filter.type ?? 'event';
  if (type === 'hogql') return parseHogQLExpr(filter.key);
  const property =
    type === 'event' ? hField('properties', filter.key)
    : type === 'person' ? hField('person', 'properties', filter.key)
    : type === 'event_metadata' ? hField(filter.key)
    : undefined;
  if (!property) throw new HogQLError('unsupported', `Unsupported property filter type: ${type}`);
  return operatorToHogQL(property, filter.operator ?? 'exact', filter.value);
}

function operatorToHogQL(property: HExpr, operator: string, value: PropertyFilter['value']): HExpr {
  const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined);
  const strings = values.map((v) => hConstant(String(v)));
  const missingOr = (expr: HExpr) => hOr([hCall('isNull', property), expr]);
  const position = (v: HExpr) => hCall('positionCaseInsensitiveUTF8', property, v);
  const needValues = () => {
    if (strings.length === 0) throw new HogQLError('unsupported', `Operator ${operator} needs a value`);
    return strings;
  };
  switch (operator) {
    case 'exact':
      return oneOrMany(property, needValues(), '==', 'in');
    case 'is_not':
      return missingOr(oneOrMany(property, needValues(), '!=', 'not in'));
    case 'icontains':
      return hOr(needValues().map((v) => hCompare('>', position(v), hConstant(0))));
    case 'not_icontains':
      return missingOr(hAnd(needValues().map((v) => hCompare('==', position(v), hConstant(0)))));
    case 'regex':
      return hOr(needValues().map((v) => hCall('match', property, v)));
    case 'not_regex':
      return missingOr(hAnd(needValues().map((v) => hNot(hCall('match', property, v)))));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return hCompare(COMPARE[operator], hCall('toFloat', property), hConstant(numeric(values[0], operator)));
    case 'is_set':
      return hCall('isNotNull', property);
    case 'is_not_set':
      return hCall('isNull', property);
    default:
      throw new HogQLError('unsupported', `Unsupported property operator: ${operator}`);
  }
}

const COMPARE: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

function numeric(value: PropertyValue | undefined, operator: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw new HogQLError('unsupported', `Operator ${operator} needs a numeric value`);
  return number;
}

function oneOrMany(property: HExpr, values: HExpr[], single: string, many: string): HExpr {
  if (values.length === 1) return hCompare(single, property, values[0]);
  const tuple: HTuple = { node: 'Tuple', exprs: values };
  return hCompare(many, property, tuple);
}
