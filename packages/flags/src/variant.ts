import type { ConditionGroup, FlagDefinition, Variant } from './flag-definition.js';
import { flagHash } from './hash.js';

/**
 * The variant whose cumulative range [min, max) holds hash(key, id, "variant"), or null.
 * @example variantForHash([{ key: 'control', rollout_percentage: 50 }, { key: 'test', rollout_percentage: 50 }], 0.7) // 'test'
 */
export function variantForHash(variants: readonly Variant[], hash: number): string | null {
  let min = 0;
  for (const variant of variants) {
    const max = min + variant.rollout_percentage / 100;
    if (hash >= min && hash < max) return variant.key;
    min = max;
  }
  return null;
}

/**
 * The variant a bucketing id falls into for a multivariate flag (null for boolean flags).
 * @example matchingVariant(flag, 'distinct_id_0') // 'second-variant'
 */
export function matchingVariant(flag: FlagDefinition, bucketingValue: string): string | null {
  const variants = flag.filters.multivariate?.variants ?? [];
  if (variants.length === 0) return null;
  return variantForHash(variants, flagHash(flag.key, bucketingValue, 'variant'));
}

/**
 * The variant a matched condition yields: its override when that variant exists, else the hashed one.
 * @example conditionVariant(flag, { variant: 'test' }, 'user-1') // 'test'
 */
export function conditionVariant(flag: FlagDefinition, condition: ConditionGroup, bucketingValue: string): string | null {
  const override = condition.variant;
  const variants = flag.filters.multivariate?.variants ?? [];
  if (override && variants.some((variant) => variant.key === override)) return override;
  return matchingVariant(flag, bucketingValue);
}
