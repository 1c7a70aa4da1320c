/**
 * Organization members and invites as `/api/organizations/:id/members/` and `/invites/` answer them. The server's
 * userBasicView, memberView and inviteView (apps/server/src/accounts/) are annotated with these types, so the two
 * sides cannot drift apart.
 */

/** PostHog's `UserBasic`: the user nested in members and invites. Warren keeps no last name, verification or hedgehog. */
export interface UserBasicApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_email_verified: boolean | null;
  hedgehog_config: null;
  role_at_organization: null;
}

export interface MemberApi {
  id: string;
  user: UserBasicApi;
  /** 1 member, 8 admin, 15 owner. */
  level: number;
  joined_at: string;
  updated_at: string;
  is_2fa_enabled: boolean;
  has_social_auth: boolean;
  last_login: string | null;
}

export interface InviteApi {
  id: string;
  target_email: string;
  first_name: string;
  /** Warren sends no email: the link is shared by hand. */
  emailing_attempt_made: boolean;
  level: number;
  is_expired: boolean;
  created_by: UserBasicApi | null;
  created_at: string;
  updated_at: string;
  message: string | null;
  private_project_access: never[];
}

/** The answer to creating an invite: the only time the link's secret token is shown. */
export interface CreatedInviteApi extends InviteApi {
  token: string;
  invite_url: string;
}

export interface InviteWrite {
  target_email: string;
  first_name?: string;
  level: number;
}
