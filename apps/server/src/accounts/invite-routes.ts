import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import { AppError, notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerUserRoute } from '../platform/user-route.js';
import { MEMBER } from '../organizations/membership-levels.js';
import type { AccountDeps } from './account-deps.js';
import type { InviteRecord } from './invite-repository.js';
import { inviteView } from './invite-view.js';
import { inviteRefusal, LEVELS } from './member-policy.js';
import { callerMembership } from './organization-membership.js';
import { emailProblem, findUserById, normalizeEmail } from './user-accounts.js';
import { userBasicView } from './user-view.js';

const LIST = '/api/organizations/:organization_id/invites/';

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const InviteBody = Type.Object({
  target_email: Type.String({ maxLength: 254 }),
  first_name: Type.Optional(Type.String({ maxLength: 128 })),
  level: Type.Optional(Type.Integer()),
  message: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
});

/**
 * `/api/organizations/:id/invites/`: members list the organization's invites; admins and owners invite (up to their
 * own level) and withdraw invites. The link's secret token is in the creation answer only.
 */
export function registerInviteRoutes(app: FastifyInstance, authenticator: Authenticator, deps: AccountDeps): void {
  const view = async (invite: InviteRecord) => {
    const creator = invite.createdBy === null ? null : await findUserById(deps.db, invite.createdBy);
    return inviteView(invite, creator ? userBasicView(creator) : null, deps.invites.isExpired(invite));
  };

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: LIST,
    scope: 'organization_member:read',
    schema: { querystring: ListQuery },
    handler: async ({ principal, request }) => {
      const { organizationId } = await callerMembership(deps.db, principal, organizationParam(request));
      const page = pageOf(request.query as { limit?: number; offset?: number });
      const { count, invites } = await deps.invites.list(organizationId, page);
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: await Promise.all(invites.map(view)) };
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: LIST,
    scope: 'organization_member:write',
    schema: { body: InviteBody },
    handler: async ({ principal, request, reply }) => {
      const { organizationId, actor } = await callerMembership(deps.db, principal, organizationParam(request));
      const body = request.body as { target_email: string; first_name?: string; level?: number; message?: string | null };
      const level = body.level ?? MEMBER;
      if (!LEVELS.includes(level)) throw validationError(`"${level}" is not a valid choice.`, 'level', 'invalid_choice');
      const refusal = inviteRefusal(actor, level);
      if (refusal) throw new AppError(refusal.status, 'authentication_error', 'permission_denied', refusal.detail);
      const emailError = emailProblem(body.target_email);
      if (emailError) throw validationError(emailError, 'target_email');
      if (await isMember(deps, organizationId, body.target_email)) {
        throw validationError('A user with this email address already belongs to the organization.', null, 'invalid_input');
      }
      const { invite, token } = await deps.invites.create(
        organizationId,
        { targetEmail: body.target_email, firstName: body.first_name ?? '', level, message: body.message ?? null },
        principal.userId,
      );
      const origin = deps.siteUrl ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send({ ...(await view(invite)), token, invite_url: `${origin}/signup/${token}` });
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'DELETE',
    path: `${LIST}:invite_id/`,
    scope: 'organization_member:write',
    handler: async ({ principal, request, reply }) => {
      const { organizationId, actor } = await callerMembership(deps.db, principal, organizationParam(request));
      const refusal = inviteRefusal(actor, MEMBER);
      if (refusal) throw new AppError(refusal.status, 'authentication_error', 'permission_denied', refusal.detail);
      if (!(await deps.invites.delete(organizationId, (request.params as { invite_id: string }).invite_id))) throw notFound();
      return reply.code(204).send();
    },
  });
}

function organizationParam(request: FastifyRequest): string {
  return (request.params as { organization_id: string }).organization_id;
}

async function isMember(deps: AccountDeps, organizationId: string, email: string): Promise<boolean> {
  const { count } = await deps.members.list(organizationId, { limit: 1, offset: 0, email: normalizeEmail(email) });
  return count > 0;
}
