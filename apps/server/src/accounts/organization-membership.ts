import type { Principal } from '../auth/authenticator.js';
import { MEMBER } from '../organizations/membership-levels.js';
import { requireLevel } from '../organizations/membership-levels.js';
import { organizationIdParam, refuseProjectScopedKey } from '../organizations/organization-access.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { Membership } from './member-policy.js';

/**
 * The organization of `:organization_id` (a UUID or `@current`) and the caller's membership in it. Not a member is
 * 404; a key limited to some projects is refused, as for every organization-wide route.
 */
export async function callerMembership(db: MetaDb, principal: Principal, rawId: string): Promise<{ organizationId: string; actor: Membership }> {
  refuseProjectScopedKey(principal);
  const organizationId = await organizationIdParam(db, principal, rawId);
  const level = await requireLevel(db, principal.userId, organizationId, MEMBER);
  return { organizationId, actor: { userId: principal.userId, level } };
}
