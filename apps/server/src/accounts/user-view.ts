import type { UserBasicApi } from '@warren/shared/members-api';

/** The user fields every account view starts from. */
export interface UserBasicSource {
  id: number;
  uuid: string;
  distinctId: string;
  firstName: string;
  email: string;
}

/**
 * PostHog's `UserBasic` (nested in members, invites, signup answers). Warren keeps no last name, no email
 * verification and no hedgehog, so those read as PostHog shows them for a user who never set them.
 * Example: userBasicView(user).email === user.email.
 */
export function userBasicView(user: UserBasicSource): UserBasicApi {
  return {
    id: user.id,
    uuid: user.uuid,
    distinct_id: user.distinctId,
    first_name: user.firstName,
    last_name: '',
    email: user.email,
    is_email_verified: null,
    hedgehog_config: null,
    role_at_organization: null,
  };
}
