import { AppError, validationError } from '../platform/app-error.js';
import type { EventDefinitionChanges, EventDefinitionRecord } from './event-definition-repository.js';
import type { PropertyDefinitionChanges, PropertyDefinitionRecord } from './property-definition-repository.js';
import type { PropertyType } from './property-type.js';

const MAX_DESCRIPTION = 10_000;
const MAX_TAGS = 100;
const PROPERTY_TYPES: readonly PropertyType[] = ['DateTime', 'String', 'Numeric', 'Boolean', 'Duration'];

/**
 * A PATCH/PUT of an event definition applied to the current one, as DRF would validate it: `description`, `tags`,
 * `verified`, `hidden`, `owner` (a user id); other fields are read-only and ignored. Verifying records who and when.
 */
export function eventDefinitionChanges(body: unknown, current: EventDefinitionRecord, userId: number | null): EventDefinitionChanges {
  const b = objectOf(body);
  const shared = sharedChanges(b, current, userId);
  return { ...shared, owner: b.owner === undefined ? current.owner : ownerOf(b.owner) };
}

/** A PATCH/PUT of a property definition: `description`, `tags`, `verified`, `hidden`, `property_type`. */
export function propertyDefinitionChanges(body: unknown, current: PropertyDefinitionRecord, userId: number | null): PropertyDefinitionChanges {
  const b = objectOf(body);
  const shared = sharedChanges(b, current, userId);
  return { ...shared, propertyType: b.property_type === undefined ? current.propertyType : propertyTypeOf(b.property_type) };
}

function sharedChanges(
  b: Record<string, unknown>,
  current: { description: string; tags: string[]; verified: boolean; verifiedAt: string | null; verifiedBy: number | null; hidden: boolean },
  userId: number | null,
) {
  const verified = b.verified === undefined ? current.verified : booleanOf(b.verified, 'verified');
  const newlyVerified = verified && !current.verified;
  return {
    description: b.description === undefined ? current.description : descriptionOf(b.description),
    tags: b.tags === undefined ? current.tags : tagsOf(b.tags),
    verified,
    verifiedAt: !verified ? null : newlyVerified ? new Date().toISOString() : current.verifiedAt,
    verifiedBy: !verified ? null : newlyVerified ? userId : current.verifiedBy,
    hidden: b.hidden === undefined ? current.hidden : booleanOf(b.hidden, 'hidden'),
    updatedBy: userId,
  };
}

function objectOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  return body as Record<string, unknown>;
}

function descriptionOf(value: unknown): string {
  if (value === null) return '';
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'description');
  if (value.length > MAX_DESCRIPTION) throw validationError(`Ensure this field has no more than ${MAX_DESCRIPTION} characters.`, 'description', 'max_length');
  return value;
}

function booleanOf(value: unknown, attr: string): boolean {
  if (typeof value !== 'boolean') throw validationError('Must be a valid boolean.', attr);
  return value;
}

function tagsOf(value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_TAGS) throw validationError(`Expected a list of at most ${MAX_TAGS} items.`, 'tags');
  const tags = value.map((tag, i) => {
    if (typeof tag !== 'string' || tag.length > 255) throw validationError('Not a valid string.', `tags__${i}`);
    return tag.trim();
  });
  return [...new Set(tags.filter((t) => t !== ''))];
}

function ownerOf(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'object' && value !== null && Number.isInteger((value as { id?: unknown }).id)) return (value as { id: number }).id;
  throw validationError('Incorrect type. Expected pk value.', 'owner', 'incorrect_type');
}

function propertyTypeOf(value: unknown): PropertyType | null {
  if (value === null) return null;
  if (!(PROPERTY_TYPES as readonly unknown[]).includes(value)) {
    throw validationError(`"${String(value).slice(0, 50)}" is not a valid choice.`, 'property_type', 'invalid_choice');
  }
  return value as PropertyType;
}
