/** Small checks on untrusted JSON values shared by the ingestion steps. */
import type { JsonObject } from './types.js';

/**
 * True for a JSON object (not null, not an array).
 * @example isJsonObject({a: 1}) // true; isJsonObject([1]) // false
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A client value made safe to put in a warning or drop detail: numbers, booleans and strings up to 100 characters
 * as they are, anything else by its kind, so that a warning never carries a large payload.
 * @example describeClientValue('x'.repeat(500)).length // 101 (100 characters and an ellipsis)
 */
export function describeClientValue(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 100)}…` : value;
  return Array.isArray(value) ? '<array>' : '<object>';
}
