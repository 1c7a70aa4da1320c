import type { FlagDefinition } from './flag-definition.js';
import { holdoutHash } from './hash.js';
import { matchingVariant } from './variant.js';

/**
 * The holdout variant (`holdout-<id>`) this bucketing value is held out into, or null. Reads the current
 * `filters.holdout` form, then the legacy `holdout_groups` (first group; one with property filters never holds out).
 * @example holdoutVariant({ ...flag, filters: { ...flag.filters, holdout: { id: 7, exclusion_percentage: 100 } } }, 'u1') // 'holdout-7'
 */
export function holdoutVariant(flag: FlagDefinition, bucketingValue: string): string | null {
  const holdout = flag.filters.holdout;
  if (holdout !== undefined && holdout !== null) {
    if (holdout.id === null || holdout.id === undefined) return null;
    const raw = Number(holdout.exclusion_percentage);
    // A non-numeric share would hold out everyone; the service rejects it, so treat it as no holdout.
    if (holdout.exclusion_percentage === null || !Number.isFinite(raw)) return null;
    const share = Math.min(Math.max(raw, 0), 100);
    if (share < 100 && holdoutHash(bucketingValue) > share / 100) return null;
    return `holdout-${holdout.id}`;
  }
  return legacyHoldoutVariant(flag, bucketingValue);
}

function legacyHoldoutVariant(flag: FlagDefinition, bucketingValue: string): string | null {
  const group = flag.filters.holdout_groups?.[0];
  if (!group || (group.properties ?? []).length > 0) return null;
  const rollout = group.rollout_percentage;
  if (rollout !== null && rollout !== undefined && holdoutHash(bucketingValue) > rollout / 100) return null;
  return group.variant || matchingVariant(flag, bucketingValue) || 'holdout';
}

/**
 * Whether the flag carries a holdout in either form.
 * @example hasHoldout({ ...flag, filters: { groups: [], holdout_groups: [{ rollout_percentage: 10 }] } }) // true
 */
export function hasHoldout(flag: FlagDefinition): boolean {
  return Boolean(flag.filters.holdout) || (flag.filters.holdout_groups?.length ?? 0) > 0;
}
