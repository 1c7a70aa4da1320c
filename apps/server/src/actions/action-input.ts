import type { ActionStep } from '@warren/query/insights/insight-context';
import type { PropertyFilter } from '@warren/query/hogql/property-filter';
import { AppError, validationError } from '../platform/app-error.js';
import type { ActionRecord } from './action-repository.js';

/** What a create or update writes. */
export interface ActionWrite {
  name: string;
  description: string;
  steps: StoredActionStep[];
  tags: string[];
  deleted: boolean;
}

/** A step as stored and shown: every field PostHog's `ActionStepJSON` has, missing ones null. */
export interface StoredActionStep extends ActionStep {
  selector: string | null;
}

const MAX_NAME = 400;
const MAX_TEXT = 10_000;
const MAX_STEPS = 100;
const MAX_TAGS = 100;
const MATCHING = ['contains', 'regex', 'exact'] as const;
const STEP_TEXT_FIELDS = ['event', 'url', 'text', 'href', 'tag_name', 'selector'] as const;
const STEP_MATCHING_FIELDS = ['url_matching', 'text_matching', 'href_matching'] as const;

/**
 * Validates a create (current = null) or update body into a full write, as DRF would: unknown fields are ignored,
 * the first bad field is reported with its path in `attr` (e.g. `steps__0__url_matching`).
 */
export function actionWriteFrom(body: unknown, current: ActionRecord | null): ActionWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const b = body as Record<string, unknown>;
  return {
    name: b.name === undefined && current ? current.name : nameOf(b.name),
    description: b.description === undefined ? (current?.description ?? '') : textOf(b.description, 'description'),
    steps: b.steps === undefined ? (current?.steps ?? []) : stepsOf(b.steps),
    tags: b.tags === undefined ? (current?.tags ?? []) : tagsOf(b.tags),
    deleted: b.deleted === undefined ? (current?.deleted ?? false) : booleanOf(b.deleted, 'deleted'),
  };
}

function nameOf(value: unknown): string {
  if (value === undefined || value === null) throw validationError('This field is required.', 'name', 'required');
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'name');
  const name = value.trim();
  if (name === '') throw validationError('This field may not be blank.', 'name', 'blank');
  if (name.length > MAX_NAME) throw validationError(`Ensure this field has no more than ${MAX_NAME} characters.`, 'name', 'max_length');
  return name;
}

function textOf(value: unknown, attr: string): string {
  if (value === null) return '';
  if (typeof value !== 'string') throw validationError('Not a valid string.', attr);
  if (value.length > MAX_TEXT) throw validationError(`Ensure this field has no more than ${MAX_TEXT} characters.`, attr, 'max_length');
  return value;
}

function booleanOf(value: unknown, attr: string): boolean {
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}

function tagsOf(value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_TAGS) throw validationError(`Expected a list of at most ${MAX_TAGS} items.`, 'tags');
  return [...new Set(value.map((tag, i) => textOf(tag, `tags__${i}`).trim()).filter((t) => t !== ''))];
}

function stepsOf(value: unknown): StoredActionStep[] {
  if (value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_STEPS) throw validationError(`Expected a list of at most ${MAX_STEPS} steps.`, 'steps');
  return value.map((step, i) => stepOf(step, `steps__${i}`));
}

function stepOf(value: unknown, attr: string): StoredActionStep {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError('Expected an object.', attr);
  const s = value as Record<string, unknown>;
  const step: Record<string, unknown> = {};
  for (const field of STEP_TEXT_FIELDS) {
    const v = s[field];
    step[field] = v === undefined || v === null || v === '' ? null : textOf(v, `${attr}__${field}`);
  }
  for (const field of STEP_MATCHING_FIELDS) {
    const v = s[field];
    if (v !== undefined && v !== null && !(MATCHING as readonly unknown[]).includes(v)) {
      throw validationError(`"${String(v).slice(0, 50)}" is not a valid choice.`, `${attr}__${field}`, 'invalid_choice');
    }
    step[field] = v ?? null;
  }
  // PostHog's defaults: URLs match by substring, text and links exactly.
  if (step.url !== null && step.url_matching === null) step.url_matching = 'contains';
  if (step.text !== null && step.text_matching === null) step.text_matching = 'exact';
  if (step.href !== null && step.href_matching === null) step.href_matching = 'exact';
  step.properties = propertiesOf(s.properties, `${attr}__properties`);
  return step as unknown as StoredActionStep;
}

function propertiesOf(value: unknown, attr: string): PropertyFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationError('Expected a list of property filters.', attr);
  return value.map((filter, i) => {
    if (typeof filter !== 'object' || filter === null || typeof (filter as PropertyFilter).key !== 'string' || (filter as PropertyFilter).key === '') {
      throw validationError('A property filter needs a key.', `${attr}__${i}`);
    }
    return filter as PropertyFilter;
  });
}
