import type { Principal } from '../auth/authenticator.js';
import { notFound, permissionDenied } from '../platform/app-error.js';
import type { MetaDb } from '../storage/meta-schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * As PostHog does, a key limited to some projects reaches only routes below a project (and the user's own routes):
 * an organization-wide route would let it see or change more than those projects.
 */
export function refuseProjectScopedKey(principal: Principal): void {
  if (principal.scopedTeams && principal.scopedTeams.length > 0) {
    throw permissionDenied('API keys with scoped projects are only supported on project-based endpoints.');
  }
}

/** The user's current organization: the one of their current project, else the first they joined; null if none. */
export async function currentOrganizationId(db: MetaDb, userId: number, currentProjectId: number | null): Promise<string | null> {
  if (currentProjectId !== null) {
    const row = await db
      .selectFrom('projects as p')
      .innerJoin('organization_memberships as m', 'm.organization_id', 'p.organization_id')
      .select('p.organization_id')
      .where('p.id', '=', currentProjectId)
      .where('m.user_id', '=', userId)
      .executeTakeFirst();
    if (row) return row.organization_id;
  }
  const first = await db
    .selectFrom('organization_memberships')
    .select('organization_id')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('organization_id')
    .executeTakeFirst();
  return first?.organization_id ?? null;
}

/** `:organization_id` of a route: a UUID or `@current`; anything else, or no current organization, is 404. */
export async function organizationIdParam(db: MetaDb, principal: Principal, raw: string): Promise<string> {
  if (raw === '@current') {
    const id = await currentOrganizationId(db, principal.userId, principal.currentProjectId);
    if (id === null) throw notFound('Current organization not found.');
    return id;
  }
  if (!UUID.test(raw)) throw notFound();
  return raw.toLowerCase();
}
