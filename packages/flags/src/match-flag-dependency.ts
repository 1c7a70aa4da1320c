import type { FlagValue, JsonValue, PropertyFilter } from './flag-definition.js';
import type { DependencyLookup, EvaluationMode } from './evaluation-context.js';
import { InconclusiveMatchError, RequiresServerEvaluationError } from './inconclusive-match-error.js';

/**
 * Whether a dependency's value satisfies a `flag_evaluates_to` filter: `true` accepts true or any
 * non-empty variant, `false` only false, a string only that variant.
 * @example flagValueMatches(true, 'test') // true
 */
export function flagValueMatches(expected: JsonValue | undefined, value: FlagValue): boolean {
  if (typeof expected === 'boolean') {
    return expected === value || (expected && typeof value === 'string' && value !== '');
  }
  if (typeof expected === 'string') return value === expected;
  return false;
}

/**
 * Matches a `type: "flag"` filter (key = the other flag's id or key) through the dependency lookup.
 * @example matchFlagDependency({ key: '7', type: 'flag', operator: 'flag_evaluates_to', value: true }, lookup, 'remote')
 */
export function matchFlagDependency(filter: PropertyFilter, lookup: DependencyLookup | undefined, mode: EvaluationMode): boolean {
  const dependency = lookup ? lookup(String(filter.key)) : ({ kind: 'missing' } as const);
  if (dependency.kind === 'value') return flagValueMatches(filter.value, dependency.value);
  if (mode === 'remote') return false;
  if (dependency.kind === 'missing') {
    throw new InconclusiveMatchError(`Missing flag dependency '${filter.key}'`, 'unsupported_definition');
  }
  if (dependency.requiresServer) {
    throw new RequiresServerEvaluationError(`Flag dependency '${filter.key}' requires the server`, 'unresolved_dependency');
  }
  throw new InconclusiveMatchError(`Flag dependency '${filter.key}' could not be evaluated`, 'unresolved_dependency');
}
