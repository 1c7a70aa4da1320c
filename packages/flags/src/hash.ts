import crypto from 'node:crypto';

// Node's one-shot hash (20.12+) is twice as fast as createHash().update().digest() for short inputs.
const sha1Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha1', text, 'hex') : (text) => crypto.createHash('sha1').update(text, 'utf8').digest('hex');

// Deliberately above Number.MAX_SAFE_INTEGER: PostHog divides by this exact double, and changing its
// rounding would move every rollout and variant boundary.
const LONG_SCALE = 0xfffffffffffffff;

/**
 * Maps text to [0, 1]: the first 15 hex digits of its SHA-1, as an integer, over 0xFFFFFFFFFFFFFFF.
 * @example unitHash('PostHog') // 0.8015364780087316
 */
export function unitHash(text: string): number {
  const hex = sha1Hex(text);
  // parseInt(hex.slice(0, 15), 16) read as two exact integers (32 + 28 bits) and one correctly rounded sum: the same
  // double, at half the cost of parseInt's slow path for strings that are not small decimal integers.
  let high = 0;
  for (let i = 0; i < 8; i++) high = high * 16 + hexDigit(hex.charCodeAt(i));
  let low = 0;
  for (let i = 8; i < 15; i++) low = low * 16 + hexDigit(hex.charCodeAt(i));
  return (high * 0x10000000 + low) / LONG_SCALE;
}

// Node's hex digests are lowercase.
function hexDigit(code: number): number {
  return code <= 57 ? code - 48 : code - 87;
}

/**
 * PostHog's rollout/variant hash of a flag key and an identifier: unitHash("<key>.<id><salt>").
 * @example flagHash('test-flag', 'distinct_id_1') // 0.35140843114131903
 */
export function flagHash(key: string, id: string, salt = ''): number {
  return unitHash(`${key}.${id}${salt}`);
}

/**
 * The holdout hash: unitHash("holdout-<id>"), independent of the flag key so one holdout spans flags.
 * @example holdoutHash('some-distinct-id') < 0.1 // held out by a 10 % holdout
 */
export function holdoutHash(id: string): number {
  return unitHash(`holdout-${id}`);
}
