import type { Project } from '../projects/project-repository.js';
import { projectBasicView } from '../projects/project-view.js';
import type { OrganizationRecord } from './organization-repository.js';
import { organizationBasicView, organizationView } from './organization-view.js';

export interface CurrentUser {
  id: number;
  uuid: string;
  distinctId: string;
  firstName: string;
  email: string;
  hasPassword: boolean;
  createdAt: string;
}

export interface CurrentUserContext {
  user: CurrentUser;
  memberships: { organization: OrganizationRecord; level: number }[];
  /** The current organization with its projects and member count; null when the user belongs to none. */
  organization: { record: OrganizationRecord; level: number; projects: Project[]; memberCount: number } | null;
  project: Project | null;
}

/**
 * `/api/users/@me/` as PostHog shows it: the user, their current organization in full, every organization they
 * belong to, and their current project (`team`). Features Warren does not have (2FA, social login, impersonation,
 * staff) read as off. Example: currentUserView(ctx).team?.api_token.
 */
export function currentUserView(ctx: CurrentUserContext) {
  const { user, organization } = ctx;
  return {
    id: user.id,
    uuid: user.uuid,
    distinct_id: user.distinctId,
    first_name: user.firstName,
    last_name: '',
    email: user.email,
    pending_email: null,
    is_email_verified: null,
    date_joined: user.createdAt,
    has_password: user.hasPassword,
    is_staff: false,
    is_impersonated: false,
    is_impersonated_until: null,
    sensitive_session_expires_at: null,
    is_2fa_enabled: false,
    has_social_auth: false,
    has_sso_enforcement: false,
    anonymize_data: false,
    toolbar_mode: null,
    theme_mode: null,
    hedgehog_config: null,
    role_at_organization: null,
    notification_settings: {},
    events_column_config: { active: 'DEFAULT' },
    has_seen_product_intro_for: null,
    scene_personalisation: [],
    team: ctx.project ? projectBasicView(ctx.project) : null,
    organization: organization ? organizationView(organization.record, organization.level, organization.projects, organization.memberCount) : null,
    organizations: ctx.memberships.map((m) => organizationBasicView(m.organization, m.level)),
  };
}
