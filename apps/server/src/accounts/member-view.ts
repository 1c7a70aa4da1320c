import type { MemberApi } from '@warren/shared/members-api';
import { v5 as uuidV5 } from 'uuid';
import type { MemberRecord } from './member-repository.js';
import { userBasicView } from './user-view.js';

// Warren keys a membership by (organization, user); its PostHog-style id is derived from that pair, so it is stable.
const MEMBERSHIP_NAMESPACE = '6f0d5a52-3c1e-4f7b-9a55-0f9c2b7e1d44';

/** A membership id. Example: membershipId('0190…', 7) is the same UUID on every call. */
export function membershipId(organizationId: string, userId: number): string {
  return uuidV5(`${organizationId}:${userId}`, MEMBERSHIP_NAMESPACE);
}

/** A member as PostHog's `/api/organizations/:id/members/` shows one. Example: memberView(m).level === m.level. */
export function memberView(member: MemberRecord): MemberApi {
  return {
    id: membershipId(member.organizationId, member.user.id),
    user: userBasicView(member.user),
    level: member.level,
    joined_at: member.joinedAt,
    updated_at: member.updatedAt,
    is_2fa_enabled: false,
    has_social_auth: false,
    last_login: member.user.lastLoginAt,
  };
}
