import type { InviteApi, UserBasicApi } from '@warren/shared/members-api';
import type { InviteRecord } from './invite-repository.js';

/**
 * An invite as PostHog's `/api/organizations/:id/invites/` shows one. Warren sends no email (the link is shared by
 * hand), so `emailing_attempt_made` is false. Example: inviteView(invite, null, false).level === invite.level.
 */
export function inviteView(invite: InviteRecord, createdBy: UserBasicApi | null, expired: boolean): InviteApi {
  return {
    id: invite.id,
    target_email: invite.targetEmail,
    first_name: invite.firstName,
    emailing_attempt_made: false,
    level: invite.level,
    is_expired: expired,
    created_by: createdBy,
    created_at: invite.createdAt,
    updated_at: invite.updatedAt,
    message: invite.message,
    private_project_access: [],
  };
}

/**
 * The invited address as the signup page shows it to whoever holds the link: enough to recognise, not to harvest.
 * Example: maskEmail('ana.lopez@example.com') -> 'a********@example.com'.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(email.length);
  return email[0] + '*'.repeat(Math.max(1, at - 1)) + email.slice(at);
}
