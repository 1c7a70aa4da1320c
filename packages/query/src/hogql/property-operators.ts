import { asText, textOf, type FilterTarget } from './filter-target.js';
import { hAnd, hCall, hCompare, hConstant, hNot, hOr, type HExpr, type HTuple } from './hogql-ast.js';
import { HogQLError } from './hogql-error.js';
import { dateCondition } from './property-dates.js';
import type { PropertyFilterOptions, PropertyValue } from './property-filter.js';
import { semverCondition } from './property-semver.js';
import { assertRe2Pattern } from './re2-pattern.js';

/** Operators that are the negation of another: they also match where the property is missing. */
const NEGATIONS: Readonly<Record<string, string>> = {
  is_not: 'exact',
  not_icontains: 'icontains',
  not_regex: 'regex',
  not_starts_with: 'starts_with',
  not_ends_with: 'ends_with',
  semver_neq: 'semver_eq',
};

/** Operators that mean another one here (path cleaning rules are not applied to filters). */
const ALIASES: Readonly<Record<string, string>> = {
  is_cleaned_path_exact: 'exact',
  icontains_multi: 'icontains',
  not_icontains_multi: 'not_icontains',
  min: 'gte',
  max: 'lte',
};

const COMPARE: Readonly<Record<string, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const DATES = new Set(['is_date_exact', 'is_date_before', 'is_date_after']);
const POSITIVE = new Set(['exact', 'icontains', 'regex', 'starts_with', 'ends_with', 'is_set', 'is_not_set', 'between', 'not_between', ...Object.keys(COMPARE), ...DATES]);

/**
 * An operator as its positive form and whether it is negated.
 * @example splitOperator('not_icontains') // => { operator: 'icontains', negated: true }
 */
export function splitOperator(operator: string): { operator: string; negated: boolean } {
  const canonical = Object.hasOwn(ALIASES, operator) ? ALIASES[operator] : operator;
  if (Object.hasOwn(NEGATIONS, canonical)) return { operator: NEGATIONS[canonical], negated: true };
  if (POSITIVE.has(canonical) || canonical.startsWith('semver_')) return { operator: canonical, negated: false };
  if (canonical === 'in' || canonical === 'not_in') {
    throw new HogQLError('unsupported', `Operator ${operator} is only for cohort filters`);
  }
  throw new HogQLError('unsupported', `Unsupported property operator: ${operator}`);
}

/** True for operators that look at no value (`is_set`, `is_not_set`). */
export function ignoresValue(operator: string): boolean {
  return operator === 'is_set' || operator === 'is_not_set';
}

/**
 * The condition one operator puts on a target, PostHog's semantics: negations also match missing properties,
 * numeric comparisons never match text that is not a number, several values match any of them.
 * @example operatorCondition({ expr: hField('properties', 'plan'), type: 'string' }, 'is_not', ['pro'], {})
 * // isNull(properties.plan) OR NOT properties.plan = 'pro'
 */
export function operatorCondition(target: FilterTarget, operator: string, values: readonly PropertyValue[], options: PropertyFilterOptions): HExpr {
  const split = splitOperator(operator);
  const positive = positiveCondition(target, split.operator, values, options);
  return split.negated ? hOr([hCall('isNull', target.expr), hNot(positive)]) : positive;
}

/**
 * The condition of a positive operator (see splitOperator); never NULL where the target is not NULL, so that its
 * negation is well defined. @example positiveCondition(target, 'icontains', ['acme'], {})
 */
export function positiveCondition(target: FilterTarget, operator: string, values: readonly PropertyValue[], options: PropertyFilterOptions): HExpr {
  const text = asText(target);
  const any = (build: (value: PropertyValue) => HExpr) => hOr(values.map(build));
  const lowered = (value: PropertyValue) => hCall('lowerUTF8', hConstant(textOf(value)));
  switch (operator) {
    case 'exact':
      return exact(text, target, values);
    case 'is_set':
      return hCall('isNotNull', target.expr);
    case 'is_not_set':
      return hCall('isNull', target.expr);
    case 'icontains':
      return any((v) => hCompare('>', hCall('positionCaseInsensitiveUTF8', text, hConstant(textOf(v))), hConstant(0)));
    case 'regex':
      return any((v) => {
        assertRe2Pattern(textOf(v), 'a regex property filter');
        return hCall('match', text, hConstant(textOf(v)));
      });
    case 'starts_with':
      return any((v) => hCall('startsWith', hCall('lowerUTF8', text), lowered(v)));
    case 'ends_with':
      return any((v) => hCall('endsWith', hCall('lowerUTF8', text), lowered(v)));
    case 'between':
    case 'not_between':
      return between(target, operator, values);
    default:
      if (Object.hasOwn(COMPARE, operator)) {
        return any((v) => hCompare(COMPARE[operator], number(target), hConstant(numeric(v, operator))));
      }
      if (DATES.has(operator)) return any((v) => dateCondition(target, operator, v, options));
      return any((v) => semverCondition(text, operator, v));
  }
}

/** Text values compare as text (booleans as `true` / `false`); number values also match numerically (`10` = `10.0`). */
function exact(text: HExpr, target: FilterTarget, values: readonly PropertyValue[]): HExpr {
  const asTextMatch = oneOrMany(text, values.map((v) => hConstant(textOf(v))));
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) return asTextMatch;
  const asNumber = oneOrMany(number(target), numbers.map((n) => hConstant(n)));
  return hOr([asTextMatch, hCall('ifNull', asNumber, hConstant(0))]);
}

function between(target: FilterTarget, operator: string, values: readonly PropertyValue[]): HExpr {
  if (values.length !== 2) throw new HogQLError('unsupported', `Operator ${operator} needs a value [min, max]`);
  const [low, high] = values.map((v) => numeric(v, operator));
  if (low > high) throw new HogQLError('unsupported', `Operator ${operator} needs min ≤ max`);
  const value = number(target);
  if (operator === 'between') return hAnd([hCompare('>=', value, hConstant(low)), hCompare('<=', value, hConstant(high))]);
  return hOr([hCompare('<', value, hConstant(low)), hCompare('>', value, hConstant(high))]);
}

function number(target: FilterTarget): HExpr {
  return hCall('toFloat', target.expr);
}

function numeric(value: PropertyValue, operator: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new HogQLError('unsupported', `Operator ${operator} needs a numeric value`);
  return n;
}

function oneOrMany(left: HExpr, values: HExpr[]): HExpr {
  if (values.length === 1) return hCompare('==', left, values[0]);
  const tuple: HTuple = { node: 'Tuple', exprs: values };
  return hCompare('in', left, tuple);
}
