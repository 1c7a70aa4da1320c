import { isPropertyGroup, type PropertyFilter, type PropertyGroup } from './flag-definition.js';
import type { FilterScope } from './filter-scope.js';
import { FlagEvaluationError } from './flag-evaluation-error.js';
import { InconclusiveMatchError, pickReason, RequiresServerEvaluationError } from './inconclusive-match-error.js';
import { matchFlagDependency } from './match-flag-dependency.js';
import { matchProperty } from './match-property.js';
import { own } from './own-key.js';
import { textOf } from './value-text.js';

/**
 * Matches a `type: "cohort"` filter (`value` = cohort id, operator `in` or `not_in`): precomputed membership
 * first, else the cohort's property group evaluated inline against the scope's properties.
 * @example matchCohort({ key: 'id', type: 'cohort', value: 12 }, scope, new Set())
 */
export function matchCohort(filter: PropertyFilter, scope: FilterScope, visiting: Set<string>): boolean {
  const id = textOf(filter.value);
  let member = scope.ctx.cohortMembership?.(id);
  if (member === undefined) {
    const definition = own(scope.ctx.cohorts, id);
    if (definition === undefined || visiting.has(id)) throw cohortUnavailable(id, definition !== undefined, scope);
    visiting.add(id);
    try {
      member = matchPropertyGroup(definition, scope, visiting);
    } finally {
      visiting.delete(id);
    }
  }
  return filter.operator === 'not_in' ? !member : member;
}

function cohortUnavailable(id: string, cyclic: boolean, scope: FilterScope): Error {
  if (scope.options.mode === 'local') {
    return new RequiresServerEvaluationError(`Cohort ${id} is not in the local cohorts (static cohort?)`);
  }
  return cyclic
    ? new FlagEvaluationError('dependency_cycle', `Cohort ${id} refers to itself`)
    : new FlagEvaluationError('dependency_not_found', `Cohort ${id} does not exist`);
}

/**
 * Evaluates a property group: AND/OR of nested groups and filters; `negation` inverts a filter; an empty
 * `{}` matches, an empty AND matches and an empty OR does not. In local mode an undecidable entry does
 * not stop the loop: a later definite entry can still decide the group.
 * @example matchPropertyGroup({ type: 'OR', values: [{ key: 'plan', value: 'pro', type: 'person' }] }, scope, new Set())
 */
export function matchPropertyGroup(group: PropertyGroup, scope: FilterScope, visiting: Set<string>): boolean {
  if (!group || Object.keys(group).length === 0) return true;
  const type = group.type === 'property' ? 'AND' : group.type;
  if (type !== 'AND' && type !== 'OR') {
    if (scope.options.mode === 'local') throw new RequiresServerEvaluationError(`Unsupported group type ${group.type}`);
    return false;
  }
  let undecided: InconclusiveMatchError | undefined;
  for (const entry of group.values ?? []) {
    try {
      const matched = isPropertyGroup(entry) ? matchPropertyGroup(entry, scope, visiting) : matchLeaf(entry, scope, visiting);
      if (type === 'AND' && !matched) return false;
      if (type === 'OR' && matched) return true;
    } catch (error) {
      if (!(error instanceof InconclusiveMatchError) || error instanceof RequiresServerEvaluationError) throw error;
      undecided = mergeUndecided(undecided, error);
    }
  }
  if (undecided) throw undecided;
  return type === 'AND';
}

function matchLeaf(filter: PropertyFilter, scope: FilterScope, visiting: Set<string>): boolean {
  let matched: boolean;
  if (filter.type === 'cohort') matched = matchCohort(filter, scope, visiting);
  else if (filter.type === 'flag') matched = matchFlagDependency(filter, scope.dependencies, scope.options.mode);
  else matched = matchProperty(filter, scope.properties, scope.options);
  return filter.negation ? !matched : matched;
}

/**
 * Combines two "could not decide" errors, keeping the higher-precedence reason and any regex uncertainty.
 * @example mergeUndecided(undefined, error) // error
 */
export function mergeUndecided(current: InconclusiveMatchError | undefined, next: InconclusiveMatchError): InconclusiveMatchError {
  if (current === undefined) return next;
  const reason = pickReason(current.reason, next.reason);
  return new InconclusiveMatchError(next.message, reason, current.regexUncertain || next.regexUncertain);
}
