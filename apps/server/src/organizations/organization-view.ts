import type { Project } from '../projects/project-repository.js';
import { projectBasicView } from '../projects/project-view.js';
import type { OrganizationRecord } from './organization-repository.js';

/**
 * An organization as PostHog's `/api/organizations/:id/` shows it: Warren's fields, and PostHog's paid-plan and
 * onboarding fields at the values of a self-hosted install where everything is free.
 * Example: organizationView(org, 15, projects, 1).membership_level === 15.
 */
export function organizationView(organization: OrganizationRecord, level: number | null, projects: readonly Project[], memberCount: number) {
  return {
    ...organizationBasicView(organization, level),
    created_at: organization.createdAt,
    updated_at: organization.updatedAt,
    teams: projects.map(projectBasicView),
    projects: projects.map((p) => ({ id: p.id, organization_id: p.organizationId, name: p.name })),
    available_product_features: [],
    is_member_join_email_enabled: false,
    metadata: {},
    customer_id: null,
    enforce_2fa: null,
    members_can_invite: true,
    allow_publicly_shared_resources: true,
    member_count: memberCount,
  };
}

/** PostHog's `OrganizationBasic`: each entry of `organizations` in `/api/users/@me/`. */
export function organizationBasicView(organization: OrganizationRecord, level: number | null) {
  return {
    id: organization.id,
    name: organization.name,
    slug: slugOf(organization.name),
    logo_media_id: null,
    membership_level: level,
    members_can_use_personal_api_keys: true,
    is_active: true,
    is_not_active_reason: null,
    is_pending_deletion: false,
  };
}

/** A URL-friendly form of the name. Example: slugOf('Acme Inc.') -> 'acme-inc'. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}
