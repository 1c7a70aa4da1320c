/**
 * Organization members and invites as `/api/organizations/:id/members/` and `/invites/` answer them (the server's
 * memberView and inviteView in apps/server/src/accounts/). Kept here, as only this screen reads them for now.
 */

export interface UserBasicApi {
  id: number;
  uuid: string;
  distinct_id: string;
  first_name: string;
  last_name: string;
  email: string;
}

export interface MemberApi {
  id: string;
  user: UserBasicApi;
  /** 1 member, 8 admin, 15 owner. */
  level: number;
  joined_at: string;
  updated_at: string;
  last_login: string | null;
}

export interface InviteApi {
  id: string;
  target_email: string;
  first_name: string;
  level: number;
  is_expired: boolean;
  created_by: UserBasicApi | null;
  created_at: string;
  message: string | null;
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
