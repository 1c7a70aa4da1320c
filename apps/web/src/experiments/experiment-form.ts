import type { ExperimentApi, ExperimentWrite, SavedMetricIdApi } from '@warren/shared/experiments-api';
import type { FeatureFlagApi } from '@warren/shared/feature-flags-api';
import { variantSum } from '../flags/flag-form';
import { formFromMetric, metricErrors, metricFromForm, uid, type MetricForm } from './metric-form';

/** One variant of a flag the experiment creates, with its share of the exposed users. */
export interface VariantSplit {
  uid: string;
  key: string;
  rolloutPercentage: number;
}

/** Everything the set-up flow edits; `experimentBody` turns it into the POST/PATCH body. */
export interface ExperimentForm {
  name: string;
  description: string;
  /** Make a flag from `variants`, or run on a multivariate flag that exists. */
  flagMode: 'new' | 'existing';
  flagKey: string;
  variants: VariantSplit[];
  /** The variant keys of the existing flag picked (control first), for the calculator and the code. */
  existingVariants: string[];
  /** `$feature_flag_called` (PostHog's default) or another event marks a person as exposed. */
  exposure: 'default' | 'custom';
  customExposureEvent: string;
  multipleVariantHandling: 'exclude' | 'first_seen';
  filterTestAccounts: boolean;
  /** The holdout the experiment uses (people kept out of every experiment using it), or none. */
  holdoutId: number | null;
  primaryMetrics: MetricForm[];
  secondaryMetrics: MetricForm[];
  savedMetrics: SavedMetricIdApi[];
  statsMethod: 'bayesian' | 'frequentist';
  /** From the calculator: the relative change (%) the experiment is sized for, and what it recommends. */
  minimumDetectableEffect: number;
  recommendedSampleSize: number | null;
  recommendedRunningTime: number | null;
}

/** Field errors keyed by slot (`name`, `flagKey`, `variants.1.key`, `primary.0.steps.0`, …). */
export type FieldErrors = Record<string, string>;

export const KEY_PATTERN = /^[a-zA-Z0-9_-]+$/;
export const MAX_VARIANTS = 20;

/** The split of a new experiment: control and test, half each (PostHog's default). */
export function defaultVariants(): VariantSplit[] {
  return [
    { uid: uid(), key: 'control', rolloutPercentage: 50 },
    { uid: uid(), key: 'test', rolloutPercentage: 50 },
  ];
}

export function emptyExperimentForm(): ExperimentForm {
  return {
    name: '',
    description: '',
    flagMode: 'new',
    flagKey: '',
    variants: defaultVariants(),
    existingVariants: [],
    exposure: 'default',
    customExposureEvent: '',
    multipleVariantHandling: 'exclude',
    filterTestAccounts: true,
    holdoutId: null,
    primaryMetrics: [],
    secondaryMetrics: [],
    savedMetrics: [],
    statsMethod: 'bayesian',
    minimumDetectableEffect: 5,
    recommendedSampleSize: null,
    recommendedRunningTime: null,
  };
}

/**
 * A flag key made from the experiment's name, as PostHog suggests one: lower case, words joined by hyphens.
 * Example: suggestedFlagKey('New checkout button!') → 'new-checkout-button'
 */
export function suggestedFlagKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

/** Why an existing flag cannot carry an experiment (PostHog's rule: multivariate, control first), or null. */
export function flagProblem(flag: Pick<FeatureFlagApi, 'key' | 'filters'>): string | null {
  const variants = flag.filters.multivariate?.variants ?? [];
  if (variants.length < 2) return `${flag.key} is not a multivariate flag: an experiment needs at least two variants.`;
  if (variants[0]!.key !== 'control') return `The first variant of ${flag.key} must be control (it is ${variants[0]!.key}).`;
  return null;
}

/** The variant keys the experiment compares, control first. */
export function variantKeys(form: ExperimentForm): string[] {
  return form.flagMode === 'new' ? form.variants.map((v) => v.key.trim()) : form.existingVariants;
}

function variantErrors(variants: VariantSplit[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    const key = v.key.trim();
    if (!key) errors[`variants.${i}.key`] = 'Name the variant.';
    else if (!KEY_PATTERN.test(key)) errors[`variants.${i}.key`] = 'Only letters, numbers, hyphens (-) & underscores (_).';
    else if (seen.has(key)) errors[`variants.${i}.key`] = 'Each variant needs its own key.';
    seen.add(key);
    if (!(v.rolloutPercentage >= 0 && v.rolloutPercentage <= 100)) errors[`variants.${i}.rollout`] = 'A share from 0 to 100.';
  });
  if (variants.length < 2) errors.variants = 'An experiment compares at least two variants.';
  else if (variants.length > MAX_VARIANTS) errors.variants = `At most ${MAX_VARIANTS} variants.`;
  else if (variants[0]!.key.trim() !== 'control') errors.variants = 'The first variant must be control: the others are compared with it.';
  else if (Math.round(variantSum(variants) * 100) !== 10_000) errors.variants = 'The shares must add up to 100%.';
  return errors;
}

function metricListErrors(prefix: string, metrics: MetricForm[]): FieldErrors {
  const errors: FieldErrors = {};
  metrics.forEach((metric, i) => {
    for (const [field, message] of Object.entries(metricErrors(metric))) errors[`${prefix}.${i}.${field}`] = message;
  });
  return errors;
}

/**
 * What stops the form from being saved, keyed by slot; empty when it can be saved. A draft may be saved without
 * metrics (they can be added before launch).
 * Example: validateExperiment(emptyExperimentForm()).name → 'Name the experiment.'
 */
export function validateExperiment(form: ExperimentForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.name.trim()) errors.name = 'Name the experiment.';
  const key = form.flagKey.trim();
  if (!key) errors.flagKey = form.flagMode === 'new' ? 'Give the flag a key.' : 'Pick a flag.';
  else if (!KEY_PATTERN.test(key)) errors.flagKey = 'Only letters, numbers, hyphens (-) & underscores (_) are allowed.';
  if (form.flagMode === 'new') Object.assign(errors, variantErrors(form.variants));
  else if (key && !errors.flagKey) {
    const problem = flagProblem({ key, filters: { groups: [], multivariate: { variants: form.existingVariants.map((k) => ({ key: k, rollout_percentage: 0 })) } } });
    if (problem) errors.flagKey = problem;
  }
  if (form.exposure === 'custom' && !form.customExposureEvent.trim()) errors.customExposureEvent = 'Pick the event that marks a person as exposed.';
  Object.assign(errors, metricListErrors('primary', form.primaryMetrics), metricListErrors('secondary', form.secondaryMetrics));
  return errors;
}

/** The POST body of a new experiment, or the PATCH body of a draft (whose flag key cannot change). */
export function experimentBody(form: ExperimentForm, isNew: boolean): ExperimentWrite {
  const body: ExperimentWrite = {
    name: form.name.trim(),
    description: form.description.trim(),
    parameters: {
      minimum_detectable_effect: form.minimumDetectableEffect,
      recommended_sample_size: form.recommendedSampleSize,
      recommended_running_time: form.recommendedRunningTime,
      ...(form.flagMode === 'new' ? { feature_flag_variants: form.variants.map((v) => ({ key: v.key.trim(), rollout_percentage: v.rolloutPercentage })) } : {}),
    },
    exposure_criteria: {
      filterTestAccounts: form.filterTestAccounts,
      multiple_variant_handling: form.multipleVariantHandling,
      exposure_config: form.exposure === 'custom' ? { kind: 'ExperimentEventExposureConfig', event: form.customExposureEvent.trim(), properties: [] } : null,
    },
    metrics: form.primaryMetrics.map(metricFromForm),
    metrics_secondary: form.secondaryMetrics.map(metricFromForm),
    saved_metrics_ids: form.savedMetrics,
    stats_config: { method: form.statsMethod },
    holdout_id: form.holdoutId,
  };
  if (isNew) body.feature_flag_key = form.flagKey.trim();
  return body;
}

/** The form for a stored experiment (a draft being edited); legacy metrics it cannot edit are left out of the form. */
export function formFromExperiment(experiment: ExperimentApi): ExperimentForm {
  const flagVariants = experiment.feature_flag?.filters.multivariate?.variants ?? [];
  const exposure = experiment.exposure_criteria ?? {};
  const params = experiment.parameters ?? {};
  return {
    ...emptyExperimentForm(),
    name: experiment.name,
    description: experiment.description ?? '',
    flagMode: 'existing',
    flagKey: experiment.feature_flag_key,
    variants: flagVariants.map((v) => ({ uid: uid(), key: v.key, rolloutPercentage: v.rollout_percentage })),
    existingVariants: flagVariants.map((v) => v.key),
    exposure: exposure.exposure_config ? 'custom' : 'default',
    customExposureEvent: exposure.exposure_config?.event ?? '',
    multipleVariantHandling: exposure.multiple_variant_handling ?? 'exclude',
    filterTestAccounts: exposure.filterTestAccounts ?? true,
    holdoutId: experiment.holdout_id ?? null,
    primaryMetrics: experiment.metrics.map(formFromMetric).filter((m): m is MetricForm => m !== null),
    secondaryMetrics: experiment.metrics_secondary.map(formFromMetric).filter((m): m is MetricForm => m !== null),
    savedMetrics: experiment.saved_metrics.map((s) => ({ id: s.saved_metric, metadata: s.metadata })),
    statsMethod: experiment.stats_config?.method ?? 'bayesian',
    minimumDetectableEffect: typeof params.minimum_detectable_effect === 'number' ? params.minimum_detectable_effect : 5,
    recommendedSampleSize: params.recommended_sample_size ?? null,
    recommendedRunningTime: params.recommended_running_time ?? null,
  };
}

/**
 * The server's `attr` of a refused save mapped to a form slot, so the message lands beside its field.
 * Example: errorSlot('feature_flag_key') → 'flagKey'
 */
export function errorSlot(attr: string | null): string {
  if (attr === 'name') return 'name';
  if (attr === 'feature_flag_key' || attr === 'feature_flag') return 'flagKey';
  if (attr?.startsWith('parameters')) return 'variants';
  if (attr === 'holdout_id') return 'holdout';
  return 'form';
}
