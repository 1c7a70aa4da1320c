import { ADMIN, MEMBER, OWNER } from '../organizations/membership-levels.js';

/** The levels PostHog's `OrganizationMembership.Level` has. */
export const LEVELS: readonly number[] = [MEMBER, ADMIN, OWNER];

export interface Membership {
  userId: number;
  level: number;
}

/** A refusal: 403 when the caller's level does not allow it, 400 when the organization would be left without owner. */
export interface Refusal {
  status: 400 | 403;
  detail: string;
}

/**
 * Whether `actor` may set `target`'s level to `level`, PostHog's rules: never your own; only admins edit others,
 * and only those at or below their own level; only an owner makes owners; otherwise no higher than your own level.
 * Example: levelChangeRefusal({userId: 1, level: 8}, {userId: 2, level: 1}, 15)?.status === 403.
 */
export function levelChangeRefusal(actor: Membership, target: Membership, level: number): Refusal | null {
  if (actor.userId === target.userId) return deny("You can't change your own access level.");
  if (actor.level < ADMIN) return deny('You can only edit others if you are an admin.');
  if (target.level > actor.level) return deny('You can only edit others with level lower or equal to you.');
  if (level === OWNER && actor.level !== OWNER) return deny("You can only make another member owner if you're this organization's owner.");
  if (level > actor.level) return deny('You can only change access level of others to lower or equal to your current one.');
  return null;
}

/**
 * Whether `actor` may remove `target` from the organization: anyone may leave, but not its last owner; removing
 * someone else takes an admin whose level is at least theirs (so an admin cannot remove an owner).
 */
export function removalRefusal(actor: Membership, target: Membership, ownerCount: number): Refusal | null {
  if (actor.userId !== target.userId) {
    if (actor.level < ADMIN) return deny('You are not permitted to remove other organization members.');
    if (target.level > actor.level) return deny('You can only remove members with a level lower or equal to yours.');
  }
  if (target.level === OWNER && ownerCount <= 1) {
    return { status: 400, detail: 'An organization needs an owner: make another member owner first.' };
  }
  return null;
}

/** Whether `actor` may invite someone at `level`: admins and owners, up to their own level. */
export function inviteRefusal(actor: Membership, level: number): Refusal | null {
  if (actor.level < ADMIN) return deny('Only organization admins and owners can invite members.');
  if (level > actor.level) return deny('You cannot invite a user with a higher permission level than your own.');
  return null;
}

function deny(detail: string): Refusal {
  return { status: 403, detail };
}
