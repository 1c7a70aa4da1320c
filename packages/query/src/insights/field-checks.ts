import { HogQLError } from '../hogql/hogql-error.js';
import { INTERVALS, type DateRange, type Interval } from './date-range.js';

// Checks for the fields insight queries share. Messages name the field and never echo more than a short value.

function bad(detail: string): HogQLError {
  return new HogQLError('unsupported', detail);
}

function shown(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 50) ?? String(value);
}

/**
 * An optional nested object (`stickinessFilter`, `compareFilter`, …): undefined when absent or null.
 * @example optionalObject(query.compareFilter, 'compareFilter') // => { compare: true } | undefined
 */
export function optionalObject<T extends object>(value: unknown, name: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw bad(`${name} must be an object`);
  return value as T;
}

/**
 * An optional boolean. @example optionalBoolean(query.filterTestAccounts, 'filterTestAccounts') // => false
 */
export function optionalBoolean(value: unknown, name: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw bad(`${name} must be true or false`);
  return value;
}

/**
 * An optional integer within bounds. @example optionalInteger(query.intervalCount, 'intervalCount', 1, 1000) // => undefined
 */
export function optionalInteger(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * An optional value out of a fixed set. @example optionalEnum(f.computedAs, 'computedAs', ['cumulative', 'non_cumulative'])
 */
export function optionalEnum<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw bad(`${name} must be one of ${allowed.join(', ')}; got ${shown(value)}`);
  }
  return value as T;
}

/**
 * The query's interval, `day` when absent. @example checkInterval('week') // => 'week'
 */
export function checkInterval(value: unknown): Interval {
  return optionalEnum(value, 'interval', INTERVALS) ?? 'day';
}

/**
 * A `DateRange` whose fields have the right types (the strings themselves are parsed by resolveDateRange).
 * @example checkDateRange({ date_from: '-7d' }) // => { date_from: '-7d' }
 */
export function checkDateRange(value: unknown): DateRange | undefined {
  const range = optionalObject<Record<string, unknown>>(value, 'dateRange');
  if (!range) return undefined;
  for (const key of ['date_from', 'date_to'] as const) {
    const field = range[key];
    if (field !== undefined && field !== null && typeof field !== 'string') throw bad(`dateRange.${key} must be a string`);
  }
  optionalBoolean(range.explicitDate, 'dateRange.explicitDate');
  return range as DateRange;
}

/**
 * Property filters are a list of filters or one AND/OR group; the filter compiler checks each item.
 * @example checkProperties([{ key: '$browser', value: 'Chrome' }], 'properties')
 */
export function checkProperties(value: unknown, name: string): void {
  if (value === undefined || value === null || Array.isArray(value)) return;
  if (typeof value !== 'object') throw bad(`${name} must be a list of property filters or a filter group`);
}

/**
 * `aggregation_group_type_index`: absent for persons, else a group type 0–4.
 * @example checkGroupTypeIndex(0) // => 0
 */
export function checkGroupTypeIndex(value: unknown, name = 'aggregation_group_type_index'): number | undefined {
  return optionalInteger(value, name, 0, 4);
}
