import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import { AppError, notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerUserRoute } from '../platform/user-route.js';
import type { AccountDeps } from './account-deps.js';
import { LEVELS, levelChangeRefusal, removalRefusal, type Refusal } from './member-policy.js';
import type { MemberRecord } from './member-repository.js';
import { memberView } from './member-view.js';
import { callerMembership } from './organization-membership.js';

const LIST = '/api/organizations/:organization_id/members/';
const DETAIL = `${LIST}:user_uuid/`;

const ListQuery = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 254 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const LevelBody = Type.Object({ level: Type.Integer() });

/**
 * `/api/organizations/:id/members/`: every member sees the list; a member is addressed by their user's UUID (or
 * `@me`); admins change levels and remove members under PostHog's rules (see member-policy.ts); anyone may leave,
 * except the last owner.
 */
export function registerMemberRoutes(app: FastifyInstance, authenticator: Authenticator, deps: AccountDeps): void {
  const target = async (principal: Principal, request: FastifyRequest) => {
    const { organizationId, actor } = await callerMembership(deps.db, principal, (request.params as { organization_id: string }).organization_id);
    const raw = (request.params as { user_uuid: string }).user_uuid;
    const member = raw === '@me' ? await deps.members.findByUserId(organizationId, principal.userId) : await deps.members.findByUserUuid(organizationId, raw);
    if (!member) throw notFound();
    return { organizationId, actor, member };
  };

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: LIST,
    scope: 'organization_member:read',
    schema: { querystring: ListQuery },
    handler: async ({ principal, request }) => {
      const { organizationId } = await callerMembership(deps.db, principal, (request.params as { organization_id: string }).organization_id);
      const q = request.query as { email?: string; limit?: number; offset?: number };
      const page = pageOf(q);
      const { count, members } = await deps.members.list(organizationId, { ...page, email: q.email });
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: members.map(memberView) };
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerUserRoute(app, authenticator, {
      method,
      path: DETAIL,
      scope: 'organization_member:write',
      schema: { body: LevelBody },
      handler: async ({ principal, request }) => {
        const { organizationId, actor, member } = await target(principal, request);
        const level = (request.body as { level: number }).level;
        if (!LEVELS.includes(level)) throw validationError(`"${level}" is not a valid choice.`, 'level', 'invalid_choice');
        refuse(levelChangeRefusal(actor, asMembership(member), level));
        await deps.members.setLevel(organizationId, member.user.id, level);
        return memberView((await deps.members.findByUserId(organizationId, member.user.id))!);
      },
    });
  }

  registerUserRoute(app, authenticator, {
    method: 'DELETE',
    path: DETAIL,
    scope: 'organization_member:write',
    handler: async ({ principal, request, reply }) => {
      const { organizationId, actor, member } = await target(principal, request);
      refuse(removalRefusal(actor, asMembership(member), await deps.members.ownerCount(organizationId)));
      await deps.members.remove(organizationId, member.user.id);
      return reply.code(204).send();
    },
  });
}

function asMembership(member: MemberRecord) {
  return { userId: member.user.id, level: member.level };
}

function refuse(refusal: Refusal | null): void {
  if (!refusal) return;
  if (refusal.status === 400) throw validationError(refusal.detail, null, 'invalid_input');
  throw new AppError(403, 'authentication_error', 'permission_denied', refusal.detail);
}
