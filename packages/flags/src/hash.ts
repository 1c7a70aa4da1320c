import crypto from 'node:crypto';

// Node's one-shot hash (20.12+) is twice as fast as createHash().update().digest() for short inputs. The digest is
// read as 'binary' (latin1) text: one character per byte, half the string hex would make, and no digits to decode.
const sha1Bytes: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha1', text, 'binary') : (text) => crypto.createHash('sha1').update(text, 'utf8').digest('binary');

// Deliberately above Number.MAX_SAFE_INTEGER: PostHog divides by this exact double, and changing its
// rounding would move every rollout and variant boundary.
const LONG_SCALE = 0xfffffffffffffff;

/**
 * Maps text to [0, 1]: the first 15 hex digits of its SHA-1, as an integer, over 0xFFFFFFFFFFFFFFF.
 * @example unitHash('PostHog') // 0.8015364780087316
 */
export function unitHash(text: string): number {
  const digest = sha1Bytes(text);
  // parseInt(hex.slice(0, 15), 16), i.e. the first 60 bits, read as two exact integers (bytes 0-3, then bytes 4-6 and
  // the high nibble of byte 7) and one correctly rounded sum: the same double, without parseInt's slow path.
  const high = digest.charCodeAt(0) * 0x1000000 + digest.charCodeAt(1) * 0x10000 + digest.charCodeAt(2) * 0x100 + digest.charCodeAt(3);
  const low = digest.charCodeAt(4) * 0x100000 + digest.charCodeAt(5) * 0x1000 + digest.charCodeAt(6) * 0x10 + (digest.charCodeAt(7) >> 4);
  return (high * 0x10000000 + low) / LONG_SCALE;
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
