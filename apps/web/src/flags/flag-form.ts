import type { FeatureFlagApi, FeatureFlagFilters, FeatureFlagWrite, FlagConditionGroupApi, FlagPropertyFilterApi } from '@warren/shared/feature-flags-api';
import type { PropertyFilter } from '../components/property-filter-model';

/** A cohort condition as the editor holds it; `cohortId` is null until one is picked. */
export interface CohortCondition {
  cohortId: number | null;
  operator: 'in' | 'not_in';
}

/** One release condition set being edited. */
export interface ConditionForm {
  /** Stable React key: the position changes when a set above is removed. */
  uid: string;
  /** Person property filters (the PropertyFilters component edits them). */
  properties: PropertyFilter[];
  cohorts: CohortCondition[];
  /** Filters this editor has no widget for (flag dependencies, group properties): kept exactly as stored. */
  kept: FlagPropertyFilterApi[];
  rolloutPercentage: number;
  /** A variant forced for everyone matching this set; '' = none. */
  variant: string;
  /** Other fields of the stored set (description, sort key…), written back untouched. */
  rest: Record<string, unknown>;
}

export interface VariantForm {
  uid: string;
  key: string;
  name: string;
  rolloutPercentage: number;
  /** JSON text served with this variant; '' = no payload. */
  payload: string;
}

/** Everything the flag editor edits; `flagBody` turns it into the POST/PATCH body. */
export interface FlagForm {
  key: string;
  description: string;
  active: boolean;
  ensureExperienceContinuity: boolean;
  conditions: ConditionForm[];
  /** Empty for a boolean flag. */
  variants: VariantForm[];
  /** JSON text served when a boolean flag is true; '' = no payload. */
  truePayload: string;
  /** Other fields of the stored filters (aggregation, holdout, …), written back untouched. */
  restFilters: Record<string, unknown>;
  /** The version the edit started from (null for a new flag). */
  version: number | null;
}

/** Field errors keyed by slot (see `errorSlot`), e.g. `{ key: 'Only letters…' }`. */
export type FieldErrors = Record<string, string>;

export const KEY_PATTERN = /^[a-zA-Z0-9_-]+$/;

let nextUid = 0;
/** A key for list items that stays the same while the item moves. */
export function uid(): string {
  nextUid += 1;
  return `u${nextUid}`;
}

export function emptyCondition(rolloutPercentage = 0): ConditionForm {
  return { uid: uid(), properties: [], cohorts: [], kept: [], rolloutPercentage, variant: '', rest: {} };
}

/** A new flag: on, one condition set for everyone at 0 % (PostHog's default), no variants. */
export function emptyForm(): FlagForm {
  return {
    key: '',
    description: '',
    active: true,
    ensureExperienceContinuity: false,
    conditions: [emptyCondition(0)],
    variants: [],
    truePayload: '',
    restFilters: {},
    version: null,
  };
}

/** The form for a stored flag. Example: formFromFlag(flag).conditions[0].rolloutPercentage === 5 */
export function formFromFlag(flag: FeatureFlagApi): FlagForm {
  const { groups = [], multivariate, payloads = {}, ...restFilters } = flag.filters ?? {};
  const variants = (multivariate?.variants ?? []).map((v) => ({
    uid: uid(),
    key: v.key,
    name: v.name ?? '',
    rolloutPercentage: v.rollout_percentage,
    payload: payloadText(payloads[v.key]),
  }));
  return {
    key: flag.key,
    description: flag.name ?? '',
    active: flag.active,
    ensureExperienceContinuity: flag.ensure_experience_continuity,
    conditions: groups.map(conditionFromGroup),
    variants,
    truePayload: variants.length === 0 ? payloadText(payloads['true']) : '',
    restFilters,
    version: flag.version,
  };
}

function conditionFromGroup(group: FlagConditionGroupApi): ConditionForm {
  const { properties = [], rollout_percentage, variant, ...rest } = group;
  const condition: ConditionForm = { uid: uid(), properties: [], cohorts: [], kept: [], rolloutPercentage: rollout_percentage ?? 100, variant: variant ?? '', rest };
  for (const property of properties) {
    const type = property.type ?? 'person';
    if (type === 'person') {
      condition.properties.push({ key: property.key, type: 'person', operator: (property.operator ?? 'exact') as PropertyFilter['operator'], value: property.value as PropertyFilter['value'] });
    } else if (type === 'cohort' && Number.isInteger(Number(property.value))) {
      condition.cohorts.push({ cohortId: Number(property.value), operator: property.operator === 'not_in' ? 'not_in' : 'in' });
    } else {
      condition.kept.push(property);
    }
  }
  return condition;
}

/** Payloads are stored as JSON text; older clients may have stored a raw value. */
function payloadText(payload: unknown): string {
  if (payload === undefined || payload === null) return '';
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

/**
 * The POST/PATCH body for the form, in PostHog's `filters` shape.
 * Example: flagBody(emptyForm()).filters.groups → [{ properties: [], rollout_percentage: 0, variant: null }]
 */
export function flagBody(form: FlagForm): FeatureFlagWrite {
  const multivariate = form.variants.length > 0;
  const payloads: Record<string, string> = {};
  if (multivariate) {
    for (const v of form.variants) if (v.payload.trim() !== '') payloads[v.key] = v.payload.trim();
  } else if (form.truePayload.trim() !== '') {
    payloads['true'] = form.truePayload.trim();
  }
  const filters: FeatureFlagFilters = {
    ...form.restFilters,
    groups: form.conditions.map((c) => ({
      ...c.rest,
      properties: [
        ...c.properties.map((p) => ({ key: p.key.trim(), type: 'person', operator: p.operator ?? 'exact', value: p.value ?? null })),
        ...c.cohorts.map((k) => ({ key: 'id', type: 'cohort', operator: k.operator, value: k.cohortId })),
        ...c.kept,
      ],
      rollout_percentage: c.rolloutPercentage,
      // A forced variant only means something while the flag has variants.
      variant: multivariate && c.variant !== '' ? c.variant : null,
    })),
    multivariate: multivariate ? { variants: form.variants.map((v) => ({ key: v.key.trim(), name: v.name.trim() || null, rollout_percentage: v.rolloutPercentage })) } : null,
    payloads,
  };
  const body: FeatureFlagWrite = {
    key: form.key.trim(),
    name: form.description,
    active: form.active,
    ensure_experience_continuity: form.ensureExperienceContinuity,
    filters,
  };
  if (form.version !== null) body.version = form.version;
  return body;
}

/** The error for a flag key as typed, or null. Same rule as PostHog's server. */
export function keyError(key: string): string | null {
  if (key.trim() === '') return 'Please give the flag a key.';
  if (!KEY_PATTERN.test(key.trim())) return 'Only letters, numbers, hyphens (-) & underscores (_) are allowed.';
  return null;
}

const isPercentage = (n: number) => Number.isFinite(n) && n >= 0 && n <= 100;

/**
 * What is wrong with the form before it is sent, by slot; empty when it may be saved. The server checks it all again
 * and its answer lands in the same slots.
 */
export function validateForm(form: FlagForm): FieldErrors {
  const errors: FieldErrors = {};
  const bad = keyError(form.key);
  if (bad) errors.key = bad;
  form.conditions.forEach((c, i) => {
    if (!isPercentage(c.rolloutPercentage)) errors[`filters__groups__${i}__rollout_percentage`] = 'Rollout percentage must be between 0 and 100.';
    if (c.properties.some((p) => p.key.trim() === '')) errors[`filters__groups__${i}__properties`] = 'Choose a property for every filter, or remove the empty one.';
    else if (c.cohorts.some((k) => k.cohortId === null)) errors[`filters__groups__${i}__properties`] = 'Choose a cohort, or remove the cohort filter.';
    if (form.variants.length > 0 && c.variant !== '' && !form.variants.some((v) => v.key.trim() === c.variant)) {
      errors[`filters__groups__${i}__variant`] = `There is no variant ${c.variant} any more: pick another.`;
    }
  });
  if (form.variants.length > 0) {
    const seen = new Set<string>();
    form.variants.forEach((v, i) => {
      const key = v.key.trim();
      if (key === '') errors[`filters__multivariate__variants__${i}__key`] = 'Every variant needs a key.';
      else if (!KEY_PATTERN.test(key)) errors[`filters__multivariate__variants__${i}__key`] = 'Only letters, numbers, hyphens (-) & underscores (_) are allowed.';
      else if (seen.has(key)) errors[`filters__multivariate__variants__${i}__key`] = 'Variant keys must be unique.';
      seen.add(key);
      if (!isPercentage(v.rolloutPercentage)) errors[`filters__multivariate__variants__${i}__rollout_percentage`] = 'Rollout percentage must be between 0 and 100.';
      const payloadProblem = jsonError(v.payload);
      if (payloadProblem) errors[`filters__payloads__${key}`] = payloadProblem;
    });
    if (Math.round(variantSum(form.variants) * 100) !== 10000) errors.filters__multivariate__variants = `Variant rollout percentages must sum to 100 (now ${formatPercent(variantSum(form.variants))}).`;
  } else {
    const payloadProblem = jsonError(form.truePayload);
    if (payloadProblem) errors.filters__payloads__true = payloadProblem;
  }
  return errors;
}

/** What splitting people between variants needs of a variant (a flag's, or the one an experiment creates). */
export interface VariantShare {
  rolloutPercentage: number;
}

/** The variants' shares added up, a share that is not a number counting 0. Example: variantSum([{ rolloutPercentage: 60 }, { rolloutPercentage: NaN }]) → 60 */
export function variantSum(variants: readonly VariantShare[]): number {
  return variants.reduce((sum, v) => sum + (Number.isFinite(v.rolloutPercentage) ? v.rolloutPercentage : 0), 0);
}

/** Why a payload text is not JSON, or null when it is (or is empty: no payload). */
export function jsonError(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return 'Payload must be valid JSON (e.g. {"color": "blue"}, "text", 42 or true).';
  }
}

/** Whole percentages summing to 100, the first ones taking the remainder. Example: distributeEqually(3) → [34, 33, 33] */
export function distributeEqually(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  const remainder = 100 - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}

/** The variants with 100 % split equally between them (see distributeEqually). */
export function splitEqually<T extends VariantShare>(variants: readonly T[]): T[] {
  const shares = distributeEqually(variants.length);
  return variants.map((v, i) => ({ ...v, rolloutPercentage: shares[i]! }));
}

/** The variants to start a multivariate flag with, as PostHog does. */
export function starterVariants(): VariantForm[] {
  return [
    { uid: uid(), key: 'control', name: '', rolloutPercentage: 50, payload: '' },
    { uid: uid(), key: 'test', name: '', rolloutPercentage: 50, payload: '' },
  ];
}

/** Example: formatPercent(33.333) → "33.33%" */
export function formatPercent(n: number): string {
  return `${Math.round(n * 100) / 100}%`;
}

/**
 * Where an error about `attr` (PostHog's field path, e.g. `filters__groups__0__properties__1__value`) is shown in the
 * editor: the field itself, the part of the form holding it, or `form` (above the form) when nothing closer fits.
 * Example: errorSlot('filters__groups__0__properties__1__value') → 'filters__groups__0__properties'
 */
export function errorSlot(attr: string | null): string {
  if (!attr) return 'form';
  if (attr === 'key' || attr === 'name') return attr;
  let m = /^filters__groups__(\d+)__(rollout_percentage|variant)$/.exec(attr);
  if (m) return `filters__groups__${m[1]}__${m[2]}`;
  m = /^filters__groups__(\d+)/.exec(attr);
  if (m) return `filters__groups__${m[1]}__properties`;
  m = /^filters__multivariate__variants__(\d+)__(key|rollout_percentage)$/.exec(attr);
  if (m) return `filters__multivariate__variants__${m[1]}__${m[2]}`;
  if (attr.startsWith('filters__multivariate')) return 'filters__multivariate__variants';
  m = /^filters__payloads__(.+)$/.exec(attr);
  if (m) return `filters__payloads__${m[1]}`;
  return attr === 'filters__payloads' ? 'filters__payloads' : 'form';
}
