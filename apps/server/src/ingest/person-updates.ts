/**
 * Person-update fields of an event brought into one place: `properties.$set`, `$set_once`, `$unset`, and a valid
 * `$process_person_profile` (sdk-wire.md section 1, bad-inputs.md 45).
 */
import type { IngestionWarning, JsonObject } from './types.js';

/**
 * Moves top-level `$set` / `$set_once` (posthog-js identify, posthog-python set) into `properties.$set` /
 * `properties.$set_once`. When both levels have an object they are merged and the property-level key wins on a
 * conflict (it is what posthog-node and the v1 capture send; the top level is the older place). Non-object values
 * are removed with an `invalid_event_shape` warning; null is treated as absent. `$unset` (array of keys, or an
 * object whose keys are unset) from both levels becomes one array of strings in `properties.$unset`.
 * Mutates `properties` (owned by the caller) and pushes warnings.
 * @example mergePersonUpdates({$set: {plan: 'pro'}}, props, warnings) // props.$set is {plan:'pro'}
 */
export function mergePersonUpdates(event: JsonObject, properties: JsonObject, warnings: IngestionWarning[]): void {
  mergeObjectField(event, properties, '$set', warnings);
  mergeObjectField(event, properties, '$set_once', warnings);
  mergeUnset(event, properties, warnings);
}

function mergeObjectField(event: JsonObject, properties: JsonObject, field: '$set' | '$set_once', warnings: IngestionWarning[]): void {
  const inner = validObject(properties[field], `properties.${field}`, warnings);
  const outer = validObject(event[field], field, warnings);
  if (inner === undefined) {
    if (outer === undefined) delete properties[field];
    else properties[field] = outer;
    return;
  }
  if (outer !== undefined) {
    for (const key in outer) if (!Object.hasOwn(inner, key)) inner[key] = outer[key];
  }
}

/** The value when it is a plain JSON object; undefined otherwise, with a warning unless it was absent or null. */
function validObject(value: unknown, where: string, warnings: IngestionWarning[]): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  warnings.push({ type: 'invalid_event_shape', details: { field: where, reason: 'not an object, ignored' } });
  return undefined;
}

function mergeUnset(event: JsonObject, properties: JsonObject, warnings: IngestionWarning[]): void {
  const inner = unsetKeys(properties.$unset, 'properties.$unset', warnings);
  const outer = unsetKeys(event.$unset, '$unset', warnings);
  if (inner.length === 0 && outer.length === 0) {
    delete properties.$unset;
    return;
  }
  properties.$unset = outer.length === 0 ? inner : inner.length === 0 ? outer : [...new Set([...inner, ...outer])];
}

function unsetKeys(value: unknown, where: string, warnings: IngestionWarning[]): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.filter((key): key is string => typeof key === 'string');
  if (typeof value === 'object') return Object.keys(value);
  warnings.push({ type: 'invalid_event_shape', details: { field: where, reason: 'not an array of keys, ignored' } });
  return [];
}

/**
 * A `$process_person_profile` that is not a boolean is read as true (the default), with a warning.
 * @example checkProcessPersonProfile(props, warnings) // props.$process_person_profile 'no' -> true
 */
export function checkProcessPersonProfile(properties: JsonObject, warnings: IngestionWarning[]): void {
  const value = properties.$process_person_profile;
  if (value === undefined || typeof value === 'boolean') return;
  warnings.push({
    type: 'invalid_process_person_profile',
    details: { value: typeof value === 'string' ? value.slice(0, 100) : JSON.stringify(value)?.slice(0, 100) ?? null },
  });
  properties.$process_person_profile = true;
}
