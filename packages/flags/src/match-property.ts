import type { JsonValue, PropertyFilter } from './flag-definition.js';
import type { EvaluationMode, Properties } from './evaluation-context.js';
import {
  assertJsonRepresentable,
  exactMatchString,
  isBooleanLike,
  isTruthyValue,
  type StringifyOptions,
  type ValueSide,
} from './exact-match-string.js';
import { asciiLower, readFilterOperands, toNumber, type FilterOperands } from './filter-operands.js';
import { InconclusiveMatchError } from './inconclusive-match-error.js';
import { dateFilterMs, parseDateFilter, parseInstant, readDateFilter } from './parse-date.js';
import { matchRegex } from './regex-match.js';
import { compareSemver, inSemverRange, parseSemver, semverRange, type SemverPolicy, type SemverRange, type SemverTuple } from './semver-tuple.js';
import { textOf } from './value-text.js';

/** How to match: the mode (see `EvaluationMode`) and the anchor for relative dates. */
export interface MatchOptions {
  mode: EvaluationMode;
  now: Date;
}

// String operators compare a null property as the text "null"; every other operator fails on null.
const NULL_COMPARABLE = new Set([
  'exact', 'is_not', 'icontains', 'not_icontains', 'starts_with', 'not_starts_with',
  'ends_with', 'not_ends_with', 'regex', 'not_regex',
]);
// With the stored person at hand, an absent property satisfies exactly the negative operators.
const MATCHES_WHEN_ABSENT = new Set([
  'is_not', 'not_icontains', 'not_regex', 'not_starts_with', 'not_ends_with', 'is_not_set', 'not_between',
]);
// The SDK's operators that need no parsing of the filter value.
const SUPPORTED_WITHOUT_PARSING = new Set([
  'is_set', 'is_not_set', 'icontains', 'not_icontains', 'starts_with', 'not_starts_with', 'ends_with',
  'not_ends_with', 'regex', 'not_regex', 'gt', 'gte', 'lt', 'lte',
]);
const SEMVER_RANGES = new Set(['semver_tilde', 'semver_caret', 'semver_wildcard']);
const SEMVER_COMPARISONS: Partial<Record<string, (order: number) => boolean>> = {
  semver_eq: (order) => order === 0,
  semver_neq: (order) => order !== 0,
  semver_gt: (order) => order > 0,
  semver_gte: (order) => order >= 0,
  semver_lt: (order) => order < 0,
  semver_lte: (order) => order <= 0,
};

/**
 * Evaluates one property filter against a property bag with PostHog's coercions. In `remote` mode a missing
 * property simply fails positive operators and satisfies negative ones; in `local` mode it throws
 * `InconclusiveMatchError('missing_context')`, as do values the SDK cannot decide. `operands` are the filter's
 * `readFilterOperands` when the caller keeps them (a prepared flag set does); without them they are read here.
 * @example matchProperty({ key: 'plan', value: ['pro', 'team'], operator: 'exact' }, { plan: 'Pro' }, { mode: 'remote', now: new Date() }) // true
 */
export function matchProperty(filter: PropertyFilter, properties: Properties, options: MatchOptions, operands?: FilterOperands | null): boolean {
  const operator = filter.operator || 'exact';
  const actual = Object.prototype.hasOwnProperty.call(properties, filter.key) ? properties[filter.key] : undefined;
  if (actual === undefined) {
    if (options.mode === 'remote') return MATCHES_WHEN_ABSENT.has(operator);
    assertFilterSupported(filter, options);
    throw new InconclusiveMatchError(`Property ${filter.key} not found`, 'missing_context');
  }
  if (operator === 'is_set') return true;
  if (operator === 'is_not_set') return false;
  if (actual === null && !NULL_COMPARABLE.has(operator)) return false;
  if (filter.value === undefined) {
    // The flags service treats a filter without a value as never matching; the SDK cannot use it.
    if (options.mode === 'remote') return false;
    assertFilterSupported(filter, options);
  }
  try {
    if (options.mode === 'remote') {
      const read = operands === undefined ? readFilterOperands(filter) : operands;
      if (read !== null) return matchRemote(operator, read, filter, actual, options);
    }
    return matchPresent(operator, filter.value ?? null, actual, options, filter);
  } catch (error) {
    // A filter the SDK can never use outranks a context value it cannot read.
    if (error instanceof InconclusiveMatchError && error.reason === 'missing_context') assertFilterSupported(filter, options);
    throw error;
  }
}

function matchPresent(operator: string, value: JsonValue, actual: JsonValue, options: MatchOptions, filter: PropertyFilter): boolean {
  switch (operator) {
    case 'exact':
      return matchExact(value, actual, options);
    case 'is_not':
      return !matchExact(value, actual, options);
    case 'icontains':
    case 'not_icontains':
      return asciiLower(actual).includes(asciiLower(value)) === (operator === 'icontains');
    case 'starts_with':
    case 'not_starts_with':
      return asciiLower(actual).startsWith(asciiLower(value)) === (operator === 'starts_with');
    case 'ends_with':
    case 'not_ends_with':
      return asciiLower(actual).endsWith(asciiLower(value)) === (operator === 'ends_with');
    case 'regex':
    case 'not_regex': {
      const matched = matchRegex(textOf(value), textOf(actual), options.mode);
      return matched === null ? false : matched === (operator === 'regex');
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return matchOrdering(operator, value, actual);
    case 'is_date_before':
    case 'is_date_after':
    case 'is_date_exact':
      return matchDate(operator, value, actual, options);
    case 'between':
    case 'not_between':
      return options.mode === 'local' ? unsupported(operator) : matchBetween(operator, value, actual);
    default:
      if (operator.startsWith('semver_')) return matchSemver(filter, operator, value, actual, options);
      return options.mode === 'local' ? unsupported(operator) : false;
  }
}

// Remote matching from the filter's operands: the same coercions as matchPresent with the filter side read once.
function matchRemote(operator: string, operands: FilterOperands, filter: PropertyFilter, actual: JsonValue, options: MatchOptions): boolean {
  switch (operator) {
    case 'exact':
    case 'is_not':
      return matchExactText(operands, actual) === (operator === 'exact');
    case 'icontains':
    case 'not_icontains':
      return asciiLower(actual).includes(operands.folded) === (operator === 'icontains');
    case 'starts_with':
    case 'not_starts_with':
      return asciiLower(actual).startsWith(operands.folded) === (operator === 'starts_with');
    case 'ends_with':
    case 'not_ends_with':
      return asciiLower(actual).endsWith(operands.folded) === (operator === 'ends_with');
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareOrdering(operator, operands.number, operands.text, actual);
    case 'is_date_before':
    case 'is_date_after':
    case 'is_date_exact':
      return matchDateMs(operator, operands.date === null ? null : dateFilterMs(operands.date, options.now.getTime()), actual, options);
    case 'between':
    case 'not_between': {
      const number = toNumber(actual);
      if (operands.low === null || operands.high === null || number === null) return false;
      return (number >= operands.low && number <= operands.high) === (operator === 'between');
    }
    default:
      if (operator.startsWith('semver_')) return matchSemverOperands(operator, operands, actual);
      return matchPresent(operator, filter.value ?? null, actual, options, filter);
  }
}

function matchExactText(operands: FilterOperands, actual: JsonValue): boolean {
  if (operands.byTruth) return operands.truthy === isTruthyValue(actual);
  const actualText = exactMatchString(actual, SIDES.lenient.context).toLowerCase();
  for (const text of operands.texts) if (text === actualText) return true;
  return false;
}

function matchSemverOperands(operator: string, operands: FilterOperands, actual: JsonValue): boolean {
  const compare = SEMVER_COMPARISONS[operator];
  if (!compare && !SEMVER_RANGES.has(operator)) return false;
  const version = compare ? operands.version : null;
  const range = compare ? null : operands.range;
  if (version === null && range === null) return false;
  const actualVersion = parseActualSemver(textOf(actual), 'lenient');
  if (actualVersion === null) return false;
  return compare ? compare(compareSemver(actualVersion, version!)) : inSemverRange(actualVersion, range!);
}

function unsupported(operator: string): never {
  throw new InconclusiveMatchError(`Unknown operator: ${operator}`, 'unsupported_definition');
}

// Stringify options by mode and side, shared rather than built per comparison.
const SIDES: Record<'strict' | 'lenient', Record<ValueSide, StringifyOptions>> = {
  strict: { filter: { strict: true, side: 'filter' }, context: { strict: true, side: 'context' } },
  lenient: { filter: { strict: false, side: 'filter' }, context: { strict: false, side: 'context' } },
};

function matchExact(target: JsonValue, actual: JsonValue, options: MatchOptions): boolean {
  const strict = options.mode === 'local';
  const side = SIDES[strict ? 'strict' : 'lenient'];
  if (isBooleanLike(target) || (Array.isArray(target) && target.length === 0)) {
    if (strict) assertJsonRepresentable(actual, 'context');
    return isTruthyValue(target) === isTruthyValue(actual);
  }
  if (Array.isArray(target)) {
    const actualText = exactMatchString(actual, side.context).toLowerCase();
    for (const item of target) if (exactMatchString(item ?? null, side.filter).toLowerCase() === actualText) return true;
    return false;
  }
  const targetText = exactMatchString(target, side.filter).toLowerCase();
  return targetText === exactMatchString(actual, side.context).toLowerCase();
}

// Numeric when both sides read as finite numbers (parseFloat's lenient prefix reading), else as strings.
function matchOrdering(operator: string, value: JsonValue, actual: JsonValue): boolean {
  return compareOrdering(operator, typeof value === 'number' ? value : parseFloat(textOf(value)), textOf(value), actual);
}

function compareOrdering(operator: string, filterNumber: number, filterText: string, actual: JsonValue): boolean {
  const actualNumber = typeof actual === 'number' ? actual : parseFloat(textOf(actual));
  const numeric = Number.isFinite(filterNumber) && Number.isFinite(actualNumber);
  const left: number | string = numeric ? actualNumber : textOf(actual);
  const right: number | string = numeric ? filterNumber : filterText;
  if (operator === 'gt') return left > right;
  if (operator === 'gte') return left >= right;
  if (operator === 'lt') return left < right;
  return left <= right;
}

function matchDate(operator: string, value: JsonValue, actual: JsonValue, options: MatchOptions): boolean {
  if (options.mode === 'local' && operator === 'is_date_exact') return unsupported(operator);
  const filter = readDateFilter(value);
  const filterMs = filter === null ? null : dateFilterMs(filter, options.now.getTime());
  if (filterMs === null && options.mode === 'local') throw new InconclusiveMatchError(`Invalid date filter ${textOf(value)}`, 'unsupported_definition');
  return matchDateMs(operator, filterMs, actual, options);
}

// `filterMs`: the filter's instant at this evaluation's `now` (null: the filter is not a date).
function matchDateMs(operator: string, filterMs: number | null, actual: JsonValue, options: MatchOptions): boolean {
  const local = options.mode === 'local';
  if (filterMs === null) return false;
  // Digits JavaScript cannot read as a date are epoch seconds to the flags service.
  const actualDate = parseActualInstant(actual) ?? (local ? null : parseEpochSeconds(actual));
  if (actualDate === null) {
    if (local) throw new InconclusiveMatchError(`${textOf(actual)} is not a date`, 'missing_context');
    return false;
  }
  const actualMs = actualDate.getTime();
  if (operator === 'is_date_before') return actualMs < filterMs;
  if (operator === 'is_date_after') return actualMs > filterMs;
  return actualMs === filterMs;
}

function matchSemver(filter: PropertyFilter, operator: string, value: JsonValue, actual: JsonValue, options: MatchOptions): boolean {
  const local = options.mode === 'local';
  const compare: ((order: number) => boolean) | undefined = SEMVER_COMPARISONS[operator];
  if (!compare && !SEMVER_RANGES.has(operator)) return local ? unsupported(operator) : false;
  // The SDK refuses leading zeros; the flags service reads `3.08` as 3.8.0, so remote does too.
  const policy: SemverPolicy = local ? 'strict' : 'lenient';
  const { version: filterVersion, range } = semverFilter(filter, operator, textOf(value), policy, compare !== undefined);
  if (filterVersion === null && range === null) {
    if (local) throw new InconclusiveMatchError(`Invalid semver filter ${textOf(value)}`, 'unsupported_definition');
    return false;
  }
  const actualVersion = parseActualSemver(textOf(actual), policy);
  if (actualVersion === null) {
    if (local) throw new InconclusiveMatchError(`Invalid semver ${textOf(actual)}`, 'missing_context');
    return false;
  }
  return compare ? compare(compareSemver(actualVersion, filterVersion!)) : inSemverRange(actualVersion, range!);
}

// A filter's version or range, parsed once per filter object (definitions are cached per flag set) and policy
// instead of on every evaluation.
// The operator and value are kept with it, so a filter object edited in place is parsed again.
type ParsedSemverFilter = { operator: string; value: string; version: SemverTuple | null; range: SemverRange | null };
const SEMVER_FILTERS = new WeakMap<PropertyFilter, Partial<Record<SemverPolicy, ParsedSemverFilter>>>();

function semverFilter(filter: PropertyFilter, operator: string, value: string, policy: SemverPolicy, comparison: boolean): ParsedSemverFilter {
  let byPolicy = SEMVER_FILTERS.get(filter);
  if (byPolicy === undefined) SEMVER_FILTERS.set(filter, (byPolicy = {}));
  const known = byPolicy[policy];
  if (known !== undefined && known.operator === operator && known.value === value) return known;
  const parsed = comparison
    ? { operator, value, version: parseSemver(value, policy), range: null }
    : { operator, value, version: null, range: semverRange(operator, value, policy) };
  byPolicy[policy] = parsed;
  return parsed;
}

function parseEpochSeconds(value: JsonValue): Date | null {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return null;
  const date = new Date(Number(value) * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

// The flags service's inclusive [min, max] range; the SDK does not know these operators.
function matchBetween(operator: string, value: JsonValue, actual: JsonValue): boolean {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [low, high] = value.map((bound) => toNumber(bound));
  const number = toNumber(actual);
  if (low === null || high === null || low > high || number === null) return false;
  const inRange = number >= low && number <= high;
  return operator === 'between' ? inRange : !inRange;
}

// One person's flags often read the same property with several filters (a version, a sign-up date): the last value
// read is kept with its parse. Parsed values are never mutated.
const lastInstant: { value: unknown; date: Date | null } = { value: undefined, date: null };
const lastVersions: Record<SemverPolicy, { text: string | null; version: SemverTuple | null }> = {
  strict: { text: null, version: null },
  lenient: { text: null, version: null },
};

function parseActualInstant(value: JsonValue): Date | null {
  if (value === lastInstant.value) return lastInstant.date;
  const date = parseInstant(value);
  lastInstant.value = value;
  lastInstant.date = date;
  return date;
}

function parseActualSemver(text: string, policy: SemverPolicy): SemverTuple | null {
  const last = lastVersions[policy];
  if (text === last.text) return last.version;
  const version = parseSemver(text, policy);
  last.text = text;
  last.version = version;
  return version;
}

/**
 * Throws `InconclusiveMatchError('unsupported_definition')` when the SDK could never evaluate this filter
 * whatever the properties: an unknown operator, or a value its operator cannot parse.
 * @example assertFilterSupported({ key: 'v', operator: 'semver_gt', value: 'x.y' }, { mode: 'local', now: new Date() }) // throws
 */
export function assertFilterSupported(filter: PropertyFilter, options: MatchOptions): void {
  const operator = filter.operator || 'exact';
  const value = filter.value === undefined ? undefined : filter.value;
  const fail = (message: string) => {
    throw new InconclusiveMatchError(message, 'unsupported_definition');
  };
  if (operator === 'exact' || operator === 'is_not') {
    for (const item of Array.isArray(value) ? value : [value]) exactMatchString(item, { strict: true, side: 'filter' });
  } else if (operator === 'is_date_before' || operator === 'is_date_after') {
    if (parseDateFilter(value, options.now) === null) fail(`Invalid date filter ${textOf(value)}`);
  } else if (operator in SEMVER_COMPARISONS) {
    if (parseSemver(textOf(value), 'strict') === null) fail(`Invalid semver filter ${textOf(value)}`);
  } else if (SEMVER_RANGES.has(operator)) {
    if (semverRange(operator, textOf(value), 'strict') === null) fail(`Invalid semver filter ${textOf(value)}`);
  } else if (!SUPPORTED_WITHOUT_PARSING.has(operator)) {
    fail(`Unknown operator: ${operator}`);
  }
}

