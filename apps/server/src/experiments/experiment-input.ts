import { EXPERIMENT_CONCLUSIONS, type ExperimentConclusion, type SavedMetricIdApi } from '@warren/shared/experiments-api';
import { AppError, validationError } from '../platform/app-error.js';
import type { ExperimentFields, ExperimentRecord } from './experiment-repository.js';
import { metricListFrom } from './experiment-metrics.js';

const MAX_NAME = 400;

export interface ExperimentInput {
  fields: ExperimentFields;
  /** Present when the body sent `saved_metrics_ids`: the links become exactly these. */
  savedMetricIds?: SavedMetricIdApi[];
}

/**
 * A create (current = null) or PATCH body validated and merged over the stored experiment, as DRF would: unknown
 * and read-only fields are ignored and the first bad field is reported in `attr`. The flag key is the route's
 * business (it decides which flag the experiment runs on).
 * Example: experimentInputFrom({ name: 'Checkout', feature_flag_key: 'checkout' }, null).fields.type === 'product'.
 */
export function experimentInputFrom(body: Record<string, unknown>, current: ExperimentRecord | null): ExperimentInput {
  const has = (k: string) => body[k] !== undefined;
  if (!current && (typeof body.name !== 'string' || body.name.trim() === '')) throw validationError('This field is required.', 'name', 'required');
  const startDate = has('start_date') ? dateOf(body.start_date, 'start_date') : (current?.startDate ?? null);
  const endDate = has('end_date') ? dateOf(body.end_date, 'end_date') : (current?.endDate ?? null);
  if (endDate !== null && startDate === null) throw validationError("An experiment can't end before it has started.", 'end_date');
  if (endDate !== null && startDate !== null && Date.parse(endDate) <= Date.parse(startDate)) throw validationError('End date must be after start date.', 'end_date');
  const fields: ExperimentFields = {
    name: has('name') ? nameOf(body.name) : current!.name,
    description: has('description') ? stringOrNull(body.description, 'description', 10_000) : (current?.description ?? null),
    holdoutId: has('holdout_id') ? idOrNull(body.holdout_id, 'holdout_id') : (current?.holdoutId ?? null),
    startDate,
    endDate,
    parameters: has('parameters') ? (objectOrNull(body.parameters, 'parameters') ?? {}) : (current?.parameters ?? {}),
    filters: has('filters') ? (objectOrNull(body.filters, 'filters') ?? {}) : (current?.filters ?? {}),
    metrics: has('metrics') ? metricListFrom(body.metrics, 'metrics') : (current?.metrics ?? []),
    metricsSecondary: has('metrics_secondary') ? metricListFrom(body.metrics_secondary, 'metrics_secondary') : (current?.metricsSecondary ?? []),
    secondaryMetrics: has('secondary_metrics') ? listOf(body.secondary_metrics, 'secondary_metrics') : (current?.secondaryMetrics ?? []),
    statsConfig: has('stats_config') ? statsConfigOf(body.stats_config) : (current?.statsConfig ?? null),
    exposureCriteria: has('exposure_criteria') ? exposureCriteriaOf(body.exposure_criteria) : (current?.exposureCriteria ?? null),
    primaryMetricsOrderedUuids: has('primary_metrics_ordered_uuids') ? uuidsOf(body.primary_metrics_ordered_uuids, 'primary_metrics_ordered_uuids') : (current?.primaryMetricsOrderedUuids ?? null),
    secondaryMetricsOrderedUuids: has('secondary_metrics_ordered_uuids') ? uuidsOf(body.secondary_metrics_ordered_uuids, 'secondary_metrics_ordered_uuids') : (current?.secondaryMetricsOrderedUuids ?? null),
    type: has('type') ? choiceOf(body.type, ['product', 'web'] as const, 'type') : (current?.type ?? 'product'),
    archived: has('archived') ? booleanOf(body.archived, 'archived') : (current?.archived ?? false),
    deleted: has('deleted') ? booleanOf(body.deleted, 'deleted') : (current?.deleted ?? false),
    conclusion: has('conclusion') ? conclusionOf(body.conclusion) : (current?.conclusion ?? null),
    conclusionComment: has('conclusion_comment') ? stringOrNull(body.conclusion_comment, 'conclusion_comment', 10_000) : (current?.conclusionComment ?? null),
    shippedVariant: current?.shippedVariant ?? null,
  };
  const savedMetricIds = has('saved_metrics_ids') ? savedMetricIdsOf(body.saved_metrics_ids) : undefined;
  return { fields, ...(savedMetricIds ? { savedMetricIds } : {}) };
}

/**
 * The name (required, at most 400 characters) and optional description of a holdout or saved metric body, each kept
 * from `current` when the body leaves it out.
 * Example: namedFieldsFrom({ name: 'Q3' }, null) → { name: 'Q3', description: null }
 */
export function namedFieldsFrom(body: Record<string, unknown>, current: { name: string; description: string | null } | null): { name: string; description: string | null } {
  const name = body.name === undefined ? current?.name : body.name;
  if (typeof name !== 'string' || name.trim() === '') throw validationError('This field is required.', 'name', 'required');
  if (name.length > MAX_NAME) throw validationError(`Ensure this field has no more than ${MAX_NAME} characters.`, 'name', 'max_length');
  const description = body.description === undefined ? (current?.description ?? null) : body.description;
  if (description !== null && typeof description !== 'string') throw validationError('Not a valid string.', 'description');
  return { name, description };
}

/** The JSON body as an object, or PostHog's parse error. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  return body as Record<string, unknown>;
}

/** A conclusion (`won`, `lost`, …) or null. */
export function conclusionOf(value: unknown): ExperimentConclusion | null {
  if (value === null) return null;
  return choiceOf(value, EXPERIMENT_CONCLUSIONS, 'conclusion');
}

function savedMetricIdsOf(value: unknown): SavedMetricIdApi[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw validationError('Saved metrics must be a list.', 'saved_metrics_ids', 'not_a_list');
  const seen = new Set<number>();
  return value.map((entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw validationError('Saved metric must be an object.', 'saved_metrics_ids');
    const { id, metadata } = entry as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw validationError('Saved metric must have an id.', 'saved_metrics_ids');
    if (seen.has(id)) throw validationError('A saved metric can be linked once.', 'saved_metrics_ids');
    seen.add(id);
    if (metadata === undefined || metadata === null) return { id, metadata: { type: 'primary' as const } };
    if (typeof metadata !== 'object' || Array.isArray(metadata)) throw validationError('Metadata must be an object.', 'saved_metrics_ids');
    const type = (metadata as Record<string, unknown>).type;
    if (type !== 'primary' && type !== 'secondary') throw validationError("Metadata must have a type key: 'primary' or 'secondary'.", 'saved_metrics_ids');
    return { id, metadata: { ...(metadata as Record<string, unknown>), type } };
  });
}

function statsConfigOf(value: unknown): Record<string, unknown> | null {
  const config = objectOrNull(value, 'stats_config');
  if (config && config.method !== undefined && config.method !== 'bayesian' && config.method !== 'frequentist') {
    throw validationError('stats_config.method must be bayesian or frequentist.', 'stats_config__method', 'invalid_choice');
  }
  return config;
}

function exposureCriteriaOf(value: unknown): Record<string, unknown> | null {
  const criteria = objectOrNull(value, 'exposure_criteria');
  if (!criteria) return null;
  if (criteria.filterTestAccounts !== undefined && typeof criteria.filterTestAccounts !== 'boolean') {
    throw validationError('exposure_criteria.filterTestAccounts must be a boolean.', 'exposure_criteria__filterTestAccounts');
  }
  const handling = criteria.multiple_variant_handling;
  if (handling !== undefined && handling !== null && handling !== 'exclude' && handling !== 'first_seen') {
    throw validationError('multiple_variant_handling must be exclude or first_seen.', 'exposure_criteria__multiple_variant_handling', 'invalid_choice');
  }
  const config = criteria.exposure_config;
  if (config !== undefined && config !== null) {
    const c = objectOrNull(config, 'exposure_criteria__exposure_config')!;
    const eventNode = c.kind === undefined || c.kind === 'ExperimentEventExposureConfig';
    if (!(eventNode ? typeof c.event === 'string' && c.event !== '' : c.kind === 'ActionsNode' && typeof c.id === 'number')) {
      throw validationError("Expected {kind: 'ExperimentEventExposureConfig', event: '<event>', properties: []} or {kind: 'ActionsNode', id: <action id>}.", 'exposure_criteria__exposure_config');
    }
  }
  return criteria;
}

function dateOf(value: unknown, attr: string): string | null {
  if (value === null) return null;
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw validationError('Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].', attr, 'invalid');
  return new Date(ms).toISOString();
}

function nameOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw validationError('This field may not be blank.', 'name', 'blank');
  if (value.length > MAX_NAME) throw validationError(`Ensure this field has no more than ${MAX_NAME} characters.`, 'name', 'max_length');
  return value;
}

function stringOrNull(value: unknown, attr: string, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  if (value.length > max) throw validationError(`Ensure this field has no more than ${max} characters.`, attr, 'max_length');
  return value;
}

function idOrNull(value: unknown, attr: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw validationError('Incorrect type. Expected pk value.', attr, 'incorrect_type');
  return value;
}

function objectOrNull(value: unknown, attr: string): Record<string, unknown> | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw validationError('Expected an object.', attr);
  return value as Record<string, unknown>;
}

function listOf(value: unknown, attr: string): unknown[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw validationError('Expected a list.', attr, 'not_a_list');
  return value;
}

function uuidsOf(value: unknown, attr: string): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw validationError('Expected a list of metric uuids.', attr, 'not_a_list');
  return value as string[];
}

function booleanOf(value: unknown, attr: string): boolean {
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}

function choiceOf<T extends string>(value: unknown, choices: readonly T[], attr: string): T {
  if (!(choices as readonly unknown[]).includes(value)) throw validationError(`"${String(value).slice(0, 50)}" is not a valid choice.`, attr, 'invalid_choice');
  return value as T;
}
