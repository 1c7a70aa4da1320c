import type { FlagDefinition } from './flag-definition.js';
import { own } from './own-key.js';

/**
 * The payload for an enabled flag's variant (or "true") as a JSON string; objects are stringified.
 * @example payloadFor(flag, 'test') // '{"discount":10}'
 */
export function payloadFor(flag: FlagDefinition, variant: string | null): string | null {
  const payloads = flag.filters.payloads;
  if (!payloads) return null;
  const payload = own(payloads, variant ?? 'true');
  // The SDK reads an empty payload as none, so does the wire.
  if (payload === undefined || payload === null || payload === '') return null;
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
