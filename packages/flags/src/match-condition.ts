import type { ConditionGroup, FlagDefinition, PropertyFilter } from './flag-definition.js';
import type { FilterOperands } from './filter-operands.js';
import type { FilterScope } from './filter-scope.js';
import { flagHash } from './hash.js';
import { InconclusiveMatchError, RequiresServerEvaluationError } from './inconclusive-match-error.js';
import { matchCohort, mergeUndecided } from './match-cohort.js';
import { matchFlagDependency } from './match-flag-dependency.js';
import { matchProperty } from './match-property.js';
import type { PreparedCondition } from './prepared-flag.js';

/** A condition's outcome; `out_of_rollout_bound` means its filters matched but the rollout hash excluded the id. */
export type ConditionOutcome = 'match' | 'no_match' | 'out_of_rollout_bound';

/**
 * Evaluates one release condition: all its filters, then hash(flag key, bucketing value) ≤ rollout/100
 * (a null rollout is 100 %). `prepared` is the condition read once (`prepareFlag`), when the caller keeps it.
 * @example matchCondition(flag, { properties: [], rollout_percentage: 45 }, scope, 'distinct_id_1') // 'match'
 */
export function matchCondition(
  flag: FlagDefinition,
  condition: ConditionGroup,
  scope: FilterScope,
  bucketingValue: string,
  prepared?: PreparedCondition,
): ConditionOutcome {
  const filters = condition.properties ?? [];
  const rollout = condition.rollout_percentage;
  if (filters.length > 0) {
    const matched = prepared !== undefined && scope.options.mode === 'remote' ? matchPreparedFilters(prepared, scope) : matchAllFilters(filters, scope);
    if (!matched) return 'no_match';
  }
  // The hash never exceeds 1, so a full rollout matches without computing it (most conditions are 100 %).
  if (rollout === null || rollout === undefined || rollout >= 100) return 'match';
  return flagHash(flag.key, bucketingValue) > rollout / 100 ? 'out_of_rollout_bound' : 'match';
}

function matchFilter(filter: PropertyFilter, scope: FilterScope, operands?: FilterOperands | null): boolean {
  if (filter.type === 'cohort') return matchCohort(filter, scope, new Set());
  if (filter.type === 'flag') return matchFlagDependency(filter, scope.dependencies, scope.options.mode);
  return matchProperty(filter, scope.properties, scope.options, operands);
}

// The flags service checks flag filters, then property filters, then cohorts (the costly ones); the order
// only shows when a cohort is missing, which errors the flag unless an earlier filter already failed.
const REMOTE_ORDER: Record<string, number> = { flag: 0, cohort: 2 };

/**
 * The filter's rank in remote evaluation: 0 flag dependencies, 1 property filters, 2 cohorts.
 * @example remoteRank({ key: '7', type: 'flag' }) // 0
 */
export function remoteRank(filter: PropertyFilter): number {
  return REMOTE_ORDER[filter.type ?? ''] ?? 1;
}

// Remote: the filters already in the flags service's order (see remoteRank), each with its operands.
function matchPreparedFilters(prepared: PreparedCondition, scope: FilterScope): boolean {
  const filters = prepared.remoteFilters;
  for (let i = 0; i < filters.length; i++) if (!matchFilter(filters[i], scope, prepared.remoteOperands[i])) return false;
  return true;
}

/** Whether any filter goes before or after the property filters (flags first, cohorts last). */
function hasRankedFilter(filters: PropertyFilter[]): boolean {
  for (const filter of filters) if (remoteRank(filter) !== 1) return true;
  return false;
}

function matchAllFilters(filters: PropertyFilter[], scope: FilterScope): boolean {
  if (scope.options.mode === 'remote') {
    // One pass per rank keeps each rank's own order (as a stable sort would) without copying the list per request.
    const ranked = hasRankedFilter(filters);
    for (let rank = ranked ? 0 : 1, lastRank = ranked ? 2 : 1; rank <= lastRank; rank++) {
      for (const filter of filters) if (remoteRank(filter) === rank && !matchFilter(filter, scope)) return false;
    }
    return true;
  }
  // Local: filters have no defined order, so an undecidable one does not stop the loop; a later filter can
  // still rule the condition out.
  let undecided: InconclusiveMatchError | undefined;
  let serverOnly: RequiresServerEvaluationError | undefined;
  for (const filter of filters) {
    try {
      if (!matchFilter(filter, scope)) return false;
    } catch (error) {
      if (!(error instanceof InconclusiveMatchError)) {
        if (undecided) break;
        throw error;
      }
      if (error instanceof RequiresServerEvaluationError && undecided === undefined) serverOnly = error;
      undecided = mergeUndecided(undecided, error);
    }
  }
  if (serverOnly) throw serverOnly;
  if (undecided) throw undecided;
  return true;
}
