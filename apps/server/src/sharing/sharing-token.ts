import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes: 192 bits, 32 URL-safe characters (PostHog's tokens are `token_urlsafe(22)`, 176 bits). */
const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** A fresh secret for a sharing link. Example: newAccessToken() -> 'q3N…' (32 characters). */
export function newAccessToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What a token is stored and looked up by. Example: accessTokenHash('abc') -> 'ba7816bf…'. */
export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True when `token` could be a sharing token at all (anything else is a 404 without a lookup). */
export function plausibleAccessToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** Compares two tokens without leaking, through timing, how much of them matched. */
export function sameAccessToken(a: string, b: string): boolean {
  const ha = Buffer.from(accessTokenHash(a), 'hex');
  const hb = Buffer.from(accessTokenHash(b), 'hex');
  return timingSafeEqual(ha, hb);
}
