import type { ConditionGroup, FlagDefinition, PropertyFilter } from './flag-definition.js';
import type { FilterScope } from './filter-scope.js';
import { flagHash } from './hash.js';
import { InconclusiveMatchError, RequiresServerEvaluationError } from './inconclusive-match-error.js';
import { matchCohort, mergeUndecided } from './match-cohort.js';
import { matchFlagDependency } from './match-flag-dependency.js';
import { matchProperty } from './match-property.js';

/** A condition's outcome; `out_of_rollout_bound` means its filters matched but the rollout hash excluded the id. */
export type ConditionOutcome = 'match' | 'no_match' | 'out_of_rollout_bound';

/**
 * Evaluates one release condition: all its filters, then hash(flag key, bucketing value) ≤ rollout/100
 * (a null rollout is 100 %).
 * @example matchCondition(flag, { properties: [], rollout_percentage: 45 }, scope, 'distinct_id_1') // 'match'
 */
export function matchCondition(
  flag: FlagDefinition,
  condition: ConditionGroup,
  scope: FilterScope,
  bucketingValue: string,
): ConditionOutcome {
  const filters = condition.properties ?? [];
  const rollout = condition.rollout_percentage;
  if (filters.length > 0 && !matchAllFilters(filters, scope)) return 'no_match';
  // The hash never exceeds 1, so a full rollout matches without computing it (most conditions are 100 %).
  if (rollout === null || rollout === undefined || rollout >= 100) return 'match';
  return flagHash(flag.key, bucketingValue) > rollout / 100 ? 'out_of_rollout_bound' : 'match';
}

function matchFilter(filter: PropertyFilter, scope: FilterScope): boolean {
  if (filter.type === 'cohort') return matchCohort(filter, scope, new Set());
  if (filter.type === 'flag') return matchFlagDependency(filter, scope.dependencies, scope.options.mode);
  return matchProperty(filter, scope.properties, scope.options);
}

// The flags service checks flag filters, then property filters, then cohorts (the costly ones); the order
// only shows when a cohort is missing, which errors the flag unless an earlier filter already failed.
const REMOTE_ORDER: Record<string, number> = { flag: 0, cohort: 2 };
const remoteRank = (filter: PropertyFilter): number => REMOTE_ORDER[filter.type ?? ''] ?? 1;

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
