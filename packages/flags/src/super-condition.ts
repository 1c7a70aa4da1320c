import type { FlagDefinition } from './flag-definition.js';
import type { FilterScope } from './filter-scope.js';
import { matchCondition } from './match-condition.js';

/**
 * Early-access enrolment, evaluated before everything else: with `feature_enrollment`, the person property
 * `$feature_enrollment/<flag key>` decides when present; with legacy `super_groups`, the first group decides
 * when the person has any of its property keys. Null when it does not apply.
 * @example superConditionValue(flag, scope, 'user-1') // true | false | null
 */
export function superConditionValue(flag: FlagDefinition, personScope: FilterScope, bucketingValue: string): boolean | null {
  const properties = personScope.properties;
  if (flag.filters.feature_enrollment === true) {
    const key = `$feature_enrollment/${flag.key}`;
    if (!Object.prototype.hasOwnProperty.call(properties, key)) return null;
    return properties[key] === true || properties[key] === 'true';
  }
  const group = flag.filters.super_groups?.[0];
  const filters = group?.properties ?? [];
  if (!group || filters.length === 0) return null;
  if (!filters.some((filter) => Object.prototype.hasOwnProperty.call(properties, filter.key))) return null;
  return matchCondition(flag, group, personScope, bucketingValue) === 'match';
}

/**
 * Whether a flag uses early-access enrolment in either form (posthog-node does not know either).
 * @example usesEnrollment({ ...flag, filters: { groups: [], feature_enrollment: true } }) // true
 */
export function usesEnrollment(flag: FlagDefinition): boolean {
  const group = flag.filters.super_groups?.[0];
  return flag.filters.feature_enrollment === true || (group?.properties ?? []).length > 0;
}
