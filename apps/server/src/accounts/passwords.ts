import { hash, verify } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '../projects/bootstrap-install.js';

export const MIN_PASSWORD_LENGTH = 8;
/** Long enough for any passphrase; bounds the work one request can ask of the hasher. */
export const MAX_PASSWORD_LENGTH = 1000;

/** Why a new password is refused, or null. Example: passwordProblem('short') -> 'This password is too short…'. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `This password is too short. It must contain at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `This password is too long. It must contain at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}

/** Argon2id (the library's default algorithm) with OWASP's parameters; the PHC string carries salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * True when `password` matches `storedHash`. Without a stored hash (no such user, or a user without a password) it
 * still verifies against a dummy hash, so an unknown email costs as long as a wrong password.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword('warren-dummy-password');
  const against = storedHash ?? (await dummyHash);
  let matches = false;
  try {
    matches = await verify(against, password);
  } catch {
    // A malformed stored hash verifies nothing.
  }
  return storedHash !== null && matches;
}
