import { AppError, validationError } from '../platform/app-error.js';

const MAX_NAME = 64;

/**
 * The organization name of a create (required) or update (optional) body; other fields are ignored as DRF does.
 * Example: organizationNameOf({ name: ' Acme ' }, true) -> 'Acme'; organizationNameOf({}, false) -> undefined.
 */
export function organizationNameOf(body: unknown, required: boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  }
  const value = (body as Record<string, unknown>).name;
  if (value === undefined) {
    if (required) throw validationError('This field is required.', 'name', 'required');
    return undefined;
  }
  if (value === null) throw validationError('This field may not be null.', 'name', 'null');
  if (typeof value !== 'string') throw validationError('Not a valid string.', 'name');
  const name = value.trim();
  if (name === '') throw validationError('This field may not be blank.', 'name', 'blank');
  if (name.length > MAX_NAME) throw validationError(`Ensure this field has no more than ${MAX_NAME} characters.`, 'name', 'max_length');
  return name;
}
