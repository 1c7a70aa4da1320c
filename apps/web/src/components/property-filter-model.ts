/** A property filter as PostHog's API takes it (insights, events list, cohorts, flag conditions). */
export interface PropertyFilter {
  key: string;
  value?: string | number | boolean | (string | number)[] | null;
  operator?: PropertyOperator;
  type: 'event' | 'person' | 'session' | 'cohort' | 'group' | 'element';
  group_type_index?: number;
}

export type PropertyOperator =
  | 'exact'
  | 'is_not'
  | 'icontains'
  | 'not_icontains'
  | 'regex'
  | 'not_regex'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'is_set'
  | 'is_not_set'
  | 'is_date_before'
  | 'is_date_after'
  | 'is_date_exact'
  | 'in'
  | 'not_in';

export const OPERATOR_LABELS: Record<Exclude<PropertyOperator, 'in' | 'not_in'>, string> = {
  exact: '= equals',
  is_not: '≠ does not equal',
  icontains: 'contains',
  not_icontains: 'does not contain',
  regex: 'matches regex',
  not_regex: 'does not match regex',
  gt: '> greater than',
  gte: '≥ at least',
  lt: '< less than',
  lte: '≤ at most',
  is_set: 'is set',
  is_not_set: 'is not set',
  is_date_before: 'date before',
  is_date_after: 'date after',
  is_date_exact: 'date is',
};

/** Operators that take no value. */
export function operatorTakesValue(operator: PropertyOperator | undefined): boolean {
  return operator !== 'is_set' && operator !== 'is_not_set';
}

/**
 * The value the API gets for what was typed: numbers for comparisons, a list for `=`/`≠` with commas, text otherwise.
 * Example: filterValue('exact', 'a, b') -> ['a', 'b']; filterValue('gt', '3') -> 3
 */
export function filterValue(operator: PropertyOperator | undefined, typed: string): PropertyFilter['value'] {
  if (!operatorTakesValue(operator)) return null;
  if (operator === 'gt' || operator === 'gte' || operator === 'lt' || operator === 'lte') {
    const n = Number(typed);
    return typed.trim() !== '' && Number.isFinite(n) ? n : typed;
  }
  if ((operator === 'exact' || operator === 'is_not' || operator === undefined) && typed.includes(',')) {
    return typed
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  return typed;
}

/** What to show in a value box for a stored value. Example: typedValue(['a', 'b']) -> 'a, b' */
export function typedValue(value: PropertyFilter['value']): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
