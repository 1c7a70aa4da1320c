import { permissionDenied } from '../platform/app-error.js';
import { OWNER } from '../organizations/membership-levels.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { anyUserHasPassword, findUserByEmail, firstProjectOf, insertUser } from './user-accounts.js';

export interface FirstOwner {
  email: string;
  firstName: string;
  passwordHash: string;
  organizationName: string;
}

export const SIGNUP_CLOSED = 'This install already has an owner: ask them for an invite link.';

/**
 * The first visit to an empty install: the organization made at bootstrap takes the given name and the new user
 * becomes its owner (a bootstrap user with the same email, made without a password, gets the password instead).
 * Only while no user has a password; afterwards, and for a request that lost the race, 403. Returns the user id.
 */
export async function createFirstOwner(db: MetaDb, owner: FirstOwner): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const organizationId = await bootstrapOrganization(trx);
    // Renaming first takes the organization's row lock (PostgreSQL), so a concurrent signup waits here and then
    // sees this one's user below; SQLite runs one write transaction at a time anyway.
    await trx.updateTable('organizations').set({ name: owner.organizationName }).where('id', '=', organizationId).execute();
    if (await anyUserHasPassword(trx)) throw permissionDenied(SIGNUP_CLOSED);
    const existing = await findUserByEmail(trx, owner.email);
    const userId = existing
      ? existing.id
      : await insertUser(trx, { email: owner.email, firstName: owner.firstName, passwordHash: owner.passwordHash, currentProjectId: await firstProjectOf(trx, organizationId) });
    if (existing) await trx.updateTable('users').set({ password_hash: owner.passwordHash, first_name: owner.firstName }).where('id', '=', existing.id).execute();
    const now = new Date().toISOString();
    await trx
      .insertInto('organization_memberships')
      .values({ organization_id: organizationId, user_id: userId, level: OWNER, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ level: OWNER, updated_at: now }))
      .execute();
    return userId;
  });
}

/** The organization bootstrap made: the one owning the first project (else the oldest organization). */
async function bootstrapOrganization(db: Parameters<typeof firstProjectOf>[0]): Promise<string> {
  const project = await db.selectFrom('projects').select('organization_id').orderBy('id').limit(1).executeTakeFirst();
  if (project) return project.organization_id;
  const organization = await db.selectFrom('organizations').select('id').orderBy('created_at').limit(1).executeTakeFirstOrThrow();
  return organization.id;
}
