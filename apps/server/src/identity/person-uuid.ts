import { createHash } from 'node:crypto';

/**
 * The person uuid a distinct id gets when it first creates a person: derived from (project, distinct id), so
 * replaying an event after a crash recreates the same person, and personless events get the id the person
 * would have. Example: personUuidFor(1, 'user-42') -> '9c1f…' (a stable version-5 style UUID).
 */
export function personUuidFor(teamId: number, distinctId: string): string {
  const hex = createHash('sha1').update(`warren-person:${teamId}:${distinctId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
