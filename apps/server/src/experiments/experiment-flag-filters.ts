import type { ExperimentVariantApi, HoldoutFilterApi } from '@warren/shared/experiments-api';
import { validationError } from '../platform/app-error.js';

/** PostHog's variants for an experiment created without any. */
export const DEFAULT_VARIANTS: readonly ExperimentVariantApi[] = [
  { key: 'control', name: 'Control Group', rollout_percentage: 50 },
  { key: 'test', name: 'Test Variant', rollout_percentage: 50 },
];

const MAX_VARIANTS = 20;

type Filters = Record<string, unknown>;

/**
 * The variants `parameters.feature_flag_variants` asks for (PostHog's defaults when none): 2 to 20 of them, one keyed
 * `control`. Percentages summing to 100 is the flag validator's job, which runs next.
 * Example: experimentVariants({}) -> control/test 50/50.
 */
export function experimentVariants(parameters: Record<string, unknown>): ExperimentVariantApi[] {
  const raw = parameters.feature_flag_variants;
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return DEFAULT_VARIANTS.map((v) => ({ ...v }));
  if (!Array.isArray(raw)) throw validationError('Feature flag variants must be a list.', 'parameters');
  raw.forEach((v, i) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw validationError(`Feature flag variant at index ${i} must be an object.`, 'parameters');
    const { key, rollout_percentage: share } = v as Record<string, unknown>;
    if (typeof key !== 'string' || !/^[a-zA-Z0-9_-]+$/.test(key)) throw validationError(`Feature flag variant at index ${i} must have a 'key' of letters, digits, '-' and '_'.`, 'parameters');
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 100) throw validationError(`Feature flag variant at index ${i} must have a rollout_percentage between 0 and 100.`, 'parameters');
  });
  if (raw.length > MAX_VARIANTS) throw validationError(`Feature flag variants must be less than ${MAX_VARIANTS + 1}.`, 'parameters');
  if (raw.length < 2) throw validationError('Feature flag must have at least 2 variants (control and at least one test variant).', 'parameters');
  const keys = raw.map((v: { key: string }) => v.key);
  if (!keys.includes('control')) throw validationError(`Feature flag variants must contain a variant with key 'control'. Got keys: ${keys.join(', ')}.`, 'parameters');
  if (new Set(keys).size !== keys.length) throw validationError('Feature flag variant keys must be unique.', 'parameters');
  return raw.map((v: ExperimentVariantApi) => ({ key: v.key, ...(v.name ? { name: v.name } : {}), rollout_percentage: v.rollout_percentage }));
}

/**
 * The filters of the flag an experiment creates: everyone (100 %) split between the variants, the holdout if any.
 * Example: newFlagFilters(DEFAULT_VARIANTS, null, null).groups -> [{ properties: [], rollout_percentage: 100, variant: null }].
 */
export function newFlagFilters(variants: readonly ExperimentVariantApi[], aggregationGroupTypeIndex: number | null, holdout: HoldoutRef | null): Filters {
  return withHoldout(
    {
      groups: [{ properties: [], rollout_percentage: 100, variant: null }],
      multivariate: { variants: variants.map((v) => ({ ...v })) },
      aggregation_group_type_index: aggregationGroupTypeIndex,
      payloads: {},
    },
    holdout,
  );
}

/** The same flag serving different variants (a draft's parameters changed); its conditions are kept. */
export function withVariants(filters: Filters, variants: readonly ExperimentVariantApi[], aggregationGroupTypeIndex: number | null): Filters {
  return { ...filters, multivariate: { variants: variants.map((v) => ({ ...v })) }, aggregation_group_type_index: aggregationGroupTypeIndex };
}

/**
 * Refuses an existing flag an experiment cannot run on: it must be multivariate with `control` first (PostHog's rule,
 * so results always have a baseline). Throws a 400 naming `feature_flag_key`.
 */
export function checkFlagEligible(filters: Filters): void {
  const variants = (filters.multivariate as { variants?: { key: string }[] } | null | undefined)?.variants ?? [];
  if (variants.length < 2) {
    throw validationError('Feature flag must have at least 2 variants (control and at least one test variant).', 'feature_flag_key');
  }
  if (variants[0].key !== 'control') {
    throw validationError("Feature flag must use multiple variants with 'control' as the first variant.", 'feature_flag_key');
  }
}

/** The flag's variants as an experiment's `parameters.feature_flag_variants` records them. */
export function flagVariants(filters: Filters): ExperimentVariantApi[] {
  return ((filters.multivariate as { variants?: ExperimentVariantApi[] } | null | undefined)?.variants ?? []).map((v) => ({ ...v }));
}

/** A holdout as a flag refers to it. */
export interface HoldoutRef {
  id: number;
  filters: HoldoutFilterApi[];
}

/**
 * Filters with PostHog's current holdout form, `holdout: {id, exclusion_percentage}` (the first holdout filter's
 * rollout), which server and SDK evaluation both read with the `holdout-` salt; null clears it.
 * Example: withHoldout({}, { id: 7, filters: [{ rollout_percentage: 20 }] }).holdout -> { id: 7, exclusion_percentage: 20 }.
 */
export function withHoldout(filters: Filters, holdout: HoldoutRef | null): Filters {
  const share = holdout?.filters[0]?.rollout_percentage;
  const { holdout_groups: _legacy, ...rest } = filters;
  return { ...rest, holdout: holdout && typeof share === 'number' ? { id: holdout.id, exclusion_percentage: share } : null };
}

/**
 * Filters that serve `variantKey` to everyone the flag's conditions match (PostHog's "ship a variant"): that variant
 * gets 100 % of the split, the others 0 %; the holdout is dropped so held-out users get it too. With
 * `releaseToEveryone` a catch-all condition goes first, so every user gets it whatever the other conditions say.
 * Example: shippedFilters(filters, 'test', false).multivariate.variants -> [{ key: 'control', rollout_percentage: 0 }, { key: 'test', rollout_percentage: 100 }].
 */
export function shippedFilters(filters: Filters, variantKey: string, releaseToEveryone: boolean): Filters {
  const groups = Array.isArray(filters.groups) ? [...filters.groups] : [];
  const everyone = { properties: [], rollout_percentage: 100, variant: null, description: 'Added automatically when the experiment was ended to keep only one variant.' };
  return {
    groups: releaseToEveryone ? [everyone, ...groups] : groups,
    multivariate: {
      variants: flagVariants(filters).map((v) => ({ key: v.key, ...(v.name ? { name: v.name } : {}), rollout_percentage: v.key === variantKey ? 100 : 0 })),
    },
    aggregation_group_type_index: filters.aggregation_group_type_index ?? null,
    payloads: filters.payloads ?? {},
  };
}
