import { notFound, permissionDenied } from '../platform/app-error.js';
import type { MetaDb } from '../storage/meta-schema.js';

/** PostHog's organization membership levels, as stored in `organization_memberships.level`. */
export const MEMBER = 1;
export const ADMIN = 8;
export const OWNER = 15;

/** The user's level in each organization they belong to. */
export async function membershipLevels(db: MetaDb, userId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('organization_memberships').select(['organization_id', 'level']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.organization_id, Number(r.level)]));
}

/** The user's level in one organization, or null when they are not a member. */
export async function membershipLevel(db: MetaDb, userId: number, organizationId: string): Promise<number | null> {
  const row = await db
    .selectFrom('organization_memberships')
    .select('level')
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row ? Number(row.level) : null;
}

/**
 * Refuses unless the user is a member of the organization at `level` or above: not a member is 404 (the organization
 * is not theirs to know of), too low a level is 403. Example: await requireLevel(db, 7, orgId, ADMIN).
 */
export async function requireLevel(db: MetaDb, userId: number, organizationId: string, level: number, what = 'Organization'): Promise<number> {
  const found = await membershipLevel(db, userId, organizationId);
  if (found === null) throw notFound(`${what} not found.`);
  if (found < level) throw permissionDenied('Your organization access level is insufficient.');
  return found;
}
