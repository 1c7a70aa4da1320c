import { RE2JS } from 're2js';
import { isPropertyGroup, type FlagDefinition, type PropertyGroup } from './flag-definition.js';
import { dependencyChain, indexFlags } from './flag-dependencies.js';
import { parseDateFilter } from './parse-date.js';
import { own } from './own-key.js';

/**
 * One validation failure in PostHog's error style (`attr` is the field path joined with `__`).
 * @example { attr: 'filters__groups__0__rollout_percentage', code: 'invalid_input', detail: 'Rollout percentage must be between 0 and 100.' }
 */
export interface FlagValidationError {
  attr: string;
  code: string;
  detail: string;
}

/** What validation can check beyond the flag itself. */
export interface ValidateFlagOptions {
  /** POST requires at least one condition set; a PATCH may leave `groups` empty. */
  creating?: boolean;
  /** The project's other flags, for dependency references and cycles. */
  existingFlags?: readonly FlagDefinition[];
  /** The project's cohorts (id → definition), for existence and the no-behavioural-filters rule. */
  cohorts?: Record<string, PropertyGroup>;
}

const KEY_PATTERN = /^[a-zA-Z0-9_-]+$/;
const MAX_PROPERTY_VALUES = 1000;
type Sink = (attr: string, code: string, detail: string) => void;
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPercentage = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;

/**
 * Checks a flag body against the REST rules of rest-api.md 4.1 and returns every failure, in PostHog's order
 * (PostHog itself answers with the first one only). Key uniqueness is left to the store.
 * @example validateFlag({ key: 'bad key!', filters: { groups: [] } }, { creating: true })[0].attr // 'key'
 */
export function validateFlag(input: { id?: unknown; key?: unknown; filters?: unknown }, options: ValidateFlagOptions = {}): FlagValidationError[] {
  const errors: FlagValidationError[] = [];
  const add: Sink = (attr, code, detail) => errors.push({ attr, code, detail });
  if (typeof input.key !== 'string' || input.key === '') add('key', 'required', 'This field is required.');
  else if (!KEY_PATTERN.test(input.key)) add('key', 'invalid_key', 'Only letters, numbers, hyphens (-) & underscores (_) are allowed.');
  if (!isObject(input.filters)) {
    add('filters', 'required', 'This field is required.');
    return errors;
  }
  const filters = input.filters;
  const groups = filters.groups;
  if (!Array.isArray(groups)) add('filters__groups', 'invalid_input', 'Filters must contain a list of condition sets.');
  else if (groups.length === 0 && options.creating) add('filters__groups', 'invalid_input', 'Feature flags need at least one condition set.');
  const variantKeys = validateVariants(filters.multivariate, add);
  if (Array.isArray(groups)) groups.forEach((group, index) => validateCondition(group, index, filters, variantKeys, options, add));
  validatePayloads(filters.payloads, variantKeys, add);
  validateHoldout(filters.holdout, add);
  validateDependencies(input, options, add);
  return errors;
}

function validateVariants(multivariate: unknown, add: Sink): Set<string> | null {
  if (multivariate === null || multivariate === undefined) return null;
  const attr = 'filters__multivariate__variants';
  const variants = isObject(multivariate) && Array.isArray(multivariate.variants) ? multivariate.variants : null;
  if (variants === null) {
    add(attr, 'invalid_input', 'Invalid variant definitions: variants must be a list.');
    return new Set();
  }
  const keys = new Set<string>();
  let sum = 0;
  variants.forEach((variant, index) => {
    const key = isObject(variant) ? variant.key : undefined;
    if (typeof key !== 'string' || key === '') add(`${attr}__${index}__key`, 'required', 'This field is required.');
    else if (keys.has(key)) add(`${attr}__${index}__key`, 'unique', 'Invalid variant definitions: Variant keys must be unique.');
    else keys.add(key);
    const rollout = isObject(variant) ? variant.rollout_percentage : undefined;
    if (!isPercentage(rollout)) add(`${attr}__${index}__rollout_percentage`, 'invalid_input', 'Rollout percentage must be between 0 and 100.');
    else sum += rollout as number;
  });
  // Summed in hundredths so 33.33 + 33.33 + 33.34 is exactly 100.
  if (variants.length > 0 && Math.round(sum * 100) !== 10000) {
    add(attr, 'invalid_input', 'Invalid variant definitions: Variant rollout percentages must sum to 100.');
  }
  return keys;
}

function validateCondition(group: unknown, index: number, filters: Json, variantKeys: Set<string> | null, options: ValidateFlagOptions, add: Sink): void {
  const attr = `filters__groups__${index}`;
  if (!isObject(group)) return add(attr, 'invalid_input', 'A condition set must be an object.');
  const rollout = group.rollout_percentage;
  if (rollout !== null && rollout !== undefined && !isPercentage(rollout)) {
    add(`${attr}__rollout_percentage`, 'invalid_input', 'Rollout percentage must be between 0 and 100.');
  }
  if (group.variant !== null && group.variant !== undefined && group.variant !== '' && !variantKeys?.has(String(group.variant))) {
    add(`${attr}__variant`, 'invalid_input', 'Filters are not valid (variant override does not exist)');
  }
  const properties = group.properties ?? [];
  if (!Array.isArray(properties)) return add(`${attr}__properties`, 'invalid_input', 'Properties must be a list.');
  const aggregation = filters.aggregation_group_type_index;
  properties.forEach((property, position) => validateProperty(property, `${attr}__properties__${position}`, aggregation, options, add));
}

function validateProperty(property: unknown, attr: string, aggregation: unknown, options: ValidateFlagOptions, add: Sink): void {
  if (!isObject(property) || typeof property.key !== 'string') return add(attr, 'invalid_input', 'A property filter needs a key.');
  const type = property.type ?? 'person';
  const operator = typeof property.operator === 'string' ? property.operator : 'exact';
  if (aggregation === null || aggregation === undefined) {
    if (!['person', 'cohort', 'flag'].includes(String(type))) {
      return add(`${attr}__type`, 'invalid_input', 'Filters are not valid (can only use person, cohort, and flag properties)');
    }
  } else if (type !== 'group' || property.group_type_index !== aggregation) {
    return add(`${attr}__type`, 'invalid_input', 'Filters are not valid (can only use group properties)');
  }
  if (type === 'flag' && operator !== 'flag_evaluates_to') {
    add(`${attr}__operator`, 'invalid_input', "Flag properties must use the 'flag_evaluates_to' operator");
  }
  if ((operator === 'in' || operator === 'not_in') && type !== 'cohort') {
    add(`${attr}__operator`, 'invalid_input', `Operator ${operator} is only valid for cohort properties.`);
  }
  if (type === 'cohort') validateCohortReference(property.value, attr, options, add);
  validatePropertyValue(property, operator, attr, add);
}

function validatePropertyValue(property: Json, operator: string, attr: string, add: Sink): void {
  const value = property.value;
  if (Array.isArray(value) && value.length > MAX_PROPERTY_VALUES) {
    add(`${attr}__value`, 'invalid_input', `Property group expressions of type ${String(property.key)} cannot contain more than ${MAX_PROPERTY_VALUES} values.`);
  }
  if ((operator === 'is_date_before' || operator === 'is_date_after') && parseDateFilter(value, new Date()) === null) {
    add(`${attr}__value`, 'invalid_date', `Invalid date value: ${String(value)}`);
  }
  const textOnly = ['regex', 'not_regex', 'icontains', 'not_icontains'].includes(operator);
  const textOrNumber = ['gt', 'gte', 'lt', 'lte'].includes(operator);
  if ((textOnly && typeof value !== 'string') || (textOrNumber && typeof value !== 'string' && typeof value !== 'number')) {
    return add(`${attr}__value`, 'invalid_value', `Invalid value for operator ${operator}: ${JSON.stringify(value)}`);
  }
  if ((operator === 'regex' || operator === 'not_regex') && !compilesInRe2(value as string)) {
    add(`${attr}__value`, 'invalid_regex', `Invalid regex pattern: ${String(value)}`);
  }
}

function compilesInRe2(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}

function validateCohortReference(value: unknown, attr: string, options: ValidateFlagOptions, add: Sink): void {
  if (!options.cohorts) return;
  const cohort = own(options.cohorts, String(value));
  if (!cohort) return add(`${attr}__value`, 'cohort_does_not_exist', `Cohort with id ${String(value)} does not exist`);
  if (hasBehaviouralFilter(cohort, options.cohorts, new Set())) {
    add(`${attr}__value`, 'behavioral_cohort_found', `Cohort ${String(value)} with filters on events cannot be used in feature flags.`);
  }
}

function hasBehaviouralFilter(group: PropertyGroup, cohorts: Record<string, PropertyGroup>, seen: Set<string>): boolean {
  return (group.values ?? []).some((entry) => {
    if (isPropertyGroup(entry)) return hasBehaviouralFilter(entry, cohorts, seen);
    if (entry.type === 'behavioral') return true;
    if (entry.type !== 'cohort' || seen.has(String(entry.value))) return false;
    seen.add(String(entry.value));
    const nested = own(cohorts, String(entry.value));
    return nested ? hasBehaviouralFilter(nested, cohorts, seen) : false;
  });
}

function validatePayloads(payloads: unknown, variantKeys: Set<string> | null, add: Sink): void {
  if (payloads === null || payloads === undefined) return;
  if (!isObject(payloads)) return add('filters__payloads', 'invalid_input', 'Payloads must be passed as a dictionary');
  for (const [key, value] of Object.entries(payloads)) {
    if (typeof value === 'string' && !isJson(value)) add(`filters__payloads__${key}`, 'invalid_input', 'Payload value is not valid JSON');
  }
  const keys = Object.keys(payloads);
  if (variantKeys && variantKeys.size > 0) {
    if (!keys.every((key) => variantKeys.has(key))) add('filters__payloads', 'invalid_input', 'Payload keys must match a variant key for multivariate flags');
  } else if (keys.some((key) => key !== 'true')) {
    add('filters__payloads', 'invalid_input', "Payload keys must be 'true' for boolean flags");
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function validateHoldout(holdout: unknown, add: Sink): void {
  if (holdout === null || holdout === undefined) return;
  if (!isObject(holdout) || typeof holdout.id !== 'number' || !isPercentage(holdout.exclusion_percentage)) {
    add('filters__holdout', 'invalid_input', 'A holdout needs an id and an exclusion percentage between 0 and 100.');
  }
}

function validateDependencies(input: { id?: unknown; key?: unknown; filters?: unknown }, options: ValidateFlagOptions, add: Sink): void {
  const filters = input.filters as Json;
  const refs = (Array.isArray(filters.groups) ? filters.groups : [])
    .flatMap((group) => (isObject(group) && Array.isArray(group.properties) ? group.properties : []))
    .filter((property): property is Json => isObject(property) && property.type === 'flag')
    .map((property) => String(property.key));
  if (refs.length === 0) return;
  const bad = refs.find((ref) => !/^\d+$/.test(ref));
  if (bad !== undefined) {
    return add('filters', 'invalid_input', `Flag dependencies must reference flag IDs (integers), not flag keys. Invalid reference: '${bad}'`);
  }
  if (!options.existingFlags) return;
  const self = typeof input.id === 'number' ? String(input.id) : null;
  if (self !== null && refs.includes(self)) return add('filters', 'invalid_input', `Feature flag '${String(input.key)}' cannot depend on itself`);
  const others = options.existingFlags.filter((flag) => String(flag.id) !== self);
  const index = indexFlags(others);
  const missing = refs.find((ref) => !index.has(ref));
  if (missing !== undefined) return add('filters', 'invalid_input', `Flag dependency references non-existent flag with ID ${missing}`);
  const candidate = { id: Number(self ?? -1), key: String(input.key), active: true, filters: filters as FlagDefinition['filters'] };
  if (dependencyChain(String(candidate.id), indexFlags([...others, candidate])) === null) {
    add('filters', 'invalid_input', `Circular dependency detected for feature flag '${String(input.key)}'`);
  }
}
