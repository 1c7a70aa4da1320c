import { HogQLError } from './hogql-error.js';

// IANA names look like `UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`.
const TIMEZONE = /^[A-Za-z][A-Za-z0-9_+-]{0,39}(\/[A-Za-z0-9_+-]{1,40}){0,2}$/;

/**
 * Checks a project timezone before it is used anywhere: IANA-shaped and known to the runtime's tz database.
 * It is still bound as a parameter wherever it reaches SQL, never pasted.
 * @example assertTimezone('Europe/Berlin') // => 'Europe/Berlin'; assertTimezone("UTC'") throws
 */
export function assertTimezone(timezone: string): string {
  if (typeof timezone !== 'string' || !TIMEZONE.test(timezone) || !isKnownTimezone(timezone)) {
    throw new HogQLError('unsupported', 'Invalid project timezone');
  }
  return timezone;
}

function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
