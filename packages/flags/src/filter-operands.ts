import type { JsonValue, PropertyFilter } from './flag-definition.js';
import { exactMatchString, isBooleanLike, isTruthyValue } from './exact-match-string.js';
import { readDateFilter, type DateFilterValue } from './parse-date.js';
import { parseSemver, semverRange, type SemverRange, type SemverTuple } from './semver-tuple.js';
import { textOf } from './value-text.js';

/**
 * What a property filter compares a property against in `remote` mode, read from the filter once instead of on every
 * evaluation (a prepared flag set keeps them per filter). Only the fields of the filter's operator are filled.
 */
export interface FilterOperands {
  /** `exact` / `is_not`: the value is boolean-like (or an empty list), so the match compares truthiness. */
  byTruth: boolean;
  truthy: boolean;
  /** `exact` / `is_not`: every accepted value as the lenient comparison spells it, lowercased. */
  texts: readonly string[];
  /** Substring, prefix and suffix operators: the value with its ASCII letters folded. */
  folded: string;
  /** `gt` / `gte` / `lt` / `lte`: the value as a number (NaN when it is not one) and as text. */
  number: number;
  text: string;
  /** Date operators: the value read as a relative date or an instant (null: not a date). */
  date: DateFilterValue | null;
  /** Semver operators, read as the flags service reads them (`lenient`): a version or a range, null when invalid. */
  version: SemverTuple | null;
  range: SemverRange | null;
  /** `between` / `not_between`: the bounds, null when the value is not a valid [low, high]. */
  low: number | null;
  high: number | null;
}

const SEMVER_RANGE_OPERATORS = new Set(['semver_tilde', 'semver_caret', 'semver_wildcard']);

/**
 * Reads a filter's operands for `remote` matching; null when reading them fails (the filter is then matched from its
 * raw value, which reports the problem at evaluation as before).
 * @example readFilterOperands({ key: 'plan', operator: 'exact', value: ['Pro', 'team'] })?.texts // ['pro', 'team']
 */
export function readFilterOperands(filter: PropertyFilter): FilterOperands | null {
  const operator = filter.operator || 'exact';
  const value = filter.value ?? null;
  const operands: FilterOperands = {
    byTruth: false, truthy: false, texts: [], folded: '', number: NaN, text: '', date: null, version: null, range: null, low: null, high: null,
  };
  try {
    if (operator === 'exact' || operator === 'is_not') readExact(value, operands);
    else if (/^(not_)?(icontains|starts_with|ends_with)$/.test(operator)) operands.folded = asciiLower(value);
    else if (operator === 'gt' || operator === 'gte' || operator === 'lt' || operator === 'lte') {
      operands.number = typeof value === 'number' ? value : parseFloat(textOf(value));
      operands.text = textOf(value);
    } else if (operator === 'is_date_before' || operator === 'is_date_after' || operator === 'is_date_exact') operands.date = readDateFilter(value);
    else if (SEMVER_RANGE_OPERATORS.has(operator)) operands.range = semverRange(operator, textOf(value), 'lenient');
    else if (operator.startsWith('semver_')) operands.version = parseSemver(textOf(value), 'lenient');
    else if (operator === 'between' || operator === 'not_between') readBounds(value, operands);
  } catch {
    return null;
  }
  return operands;
}

function readExact(value: JsonValue, operands: FilterOperands): void {
  operands.byTruth = isBooleanLike(value) || (Array.isArray(value) && value.length === 0);
  operands.truthy = isTruthyValue(value);
  const side = { strict: false, side: 'filter' } as const;
  operands.texts = (Array.isArray(value) ? value : [value]).map((item) => exactMatchString(item ?? null, side).toLowerCase());
}

function readBounds(value: JsonValue, operands: FilterOperands): void {
  if (!Array.isArray(value) || value.length !== 2) return;
  const [low, high] = value.map((bound) => toNumber(bound));
  if (low === null || high === null || low > high) return;
  operands.low = low;
  operands.high = high;
}

/**
 * A JSON value as a number the way `between` reads it: numbers as they are, trimmed numeric text, else null.
 * @example toNumber(' 42 ') // 42
 */
export function toNumber(value: JsonValue): number | null {
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value.trim() : '';
  const number = text === '' ? NaN : Number(text);
  return Number.isNaN(number) ? null : number;
}

/**
 * The value as text with only its ASCII letters lowercased, as the flags service folds for substring, prefix and
 * suffix operators.
 * @example asciiLower('ÄBC') // 'Äbc'
 */
export function asciiLower(value: JsonValue): string {
  const text = textOf(value);
  return ASCII_UPPER.test(text) ? text.replace(ASCII_UPPER_ALL, (letter) => letter.toLowerCase()) : text;
}
const ASCII_UPPER = /[A-Z]/;
const ASCII_UPPER_ALL = /[A-Z]/g;
