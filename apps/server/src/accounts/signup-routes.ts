import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { validationError } from '../platform/app-error.js';
import type { AccountDeps } from './account-deps.js';
import { beginSession } from './begin-session.js';
import { createFirstOwner } from './first-owner.js';
import type { InviteRecord } from './invite-repository.js';
import { maskEmail } from './invite-view.js';
import { hashPassword, MAX_PASSWORD_LENGTH, passwordProblem } from './passwords.js';
import { anyUserHasPassword, emailProblem, findUserById, findUserByEmail, firstProjectOf, insertUser } from './user-accounts.js';
import { userBasicView } from './user-view.js';

const Signup = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: MAX_PASSWORD_LENGTH }),
  first_name: Type.String({ minLength: 1, maxLength: 128 }),
  organization_name: Type.Optional(Type.String({ maxLength: 128 })),
});

const InviteSignup = Type.Object({
  first_name: Type.String({ minLength: 1, maxLength: 128 }),
  password: Type.String({ maxLength: MAX_PASSWORD_LENGTH }),
});

const InviteParams = Type.Object({ invite_token: Type.String({ maxLength: 200 }) });

/**
 * Accounts made without being signed in: the install's first owner (`/api/signup/`, open until some user has a
 * password) and a teammate opening an invite link (`/api/signup/:invite_token/`). Both sign the browser in.
 */
export function registerSignupRoutes(app: FastifyInstance, deps: AccountDeps): void {
  app.get('/api/signup/status/', async () => ({ open: !(await anyUserHasPassword(deps.db)) }));

  app.post('/api/signup/', { schema: { body: Signup } }, async (request, reply) => {
    const body = request.body as { email: string; password: string; first_name: string; organization_name?: string };
    const emailError = emailProblem(body.email);
    if (emailError) throw validationError(emailError, 'email');
    const passwordError = passwordProblem(body.password);
    if (passwordError) throw validationError(passwordError, 'password');
    const organizationName = body.organization_name?.trim() || body.first_name;
    const userId = await createFirstOwner(deps.db, { email: body.email, firstName: body.first_name, passwordHash: await hashPassword(body.password), organizationName });
    await beginSession(deps, request, reply, userId);
    const user = await findUserById(deps.db, userId);
    return reply.code(201).send({ ...userBasicView(user!), redirect_url: '/' });
  });

  app.get('/api/signup/:invite_token/', { schema: { params: InviteParams } }, async (request) => {
    const invite = await usableInvite(deps, (request.params as { invite_token: string }).invite_token);
    const organization = await deps.db.selectFrom('organizations').select('name').where('id', '=', invite.organizationId).executeTakeFirst();
    return { id: invite.id, target_email: maskEmail(invite.targetEmail), first_name: invite.firstName, organization_name: organization?.name ?? '' };
  });

  app.post('/api/signup/:invite_token/', { schema: { params: InviteParams, body: InviteSignup } }, async (request, reply) => {
    const token = (request.params as { invite_token: string }).invite_token;
    const body = request.body as { first_name: string; password: string };
    const passwordError = passwordProblem(body.password);
    if (passwordError) throw validationError(passwordError, 'password');
    const passwordHash = await hashPassword(body.password);
    const userId = await deps.db.transaction().execute(async (trx) => {
      const invite = await usableInvite(deps, token, trx);
      if (await findUserByEmail(trx, invite.targetEmail)) {
        throw validationError(`There already exists an account with email address ${invite.targetEmail}. Please log in instead.`, null, 'account_exists');
      }
      const id = await insertUser(trx, { email: invite.targetEmail, firstName: body.first_name, passwordHash, currentProjectId: await firstProjectOf(trx, invite.organizationId) });
      await deps.members.add(trx, invite.organizationId, id, invite.level);
      await deps.invites.consume(trx, invite.id);
      return id;
    });
    await beginSession(deps, request, reply, userId);
    return reply.code(201).send(userBasicView((await findUserById(deps.db, userId))!));
  });
}

/** The invite of a link token, refused as PostHog words it when unknown (used up, deleted) or expired. */
async function usableInvite(deps: AccountDeps, token: string, db?: Parameters<AccountDeps['invites']['findByToken']>[1]): Promise<InviteRecord> {
  const invite = await deps.invites.findByToken(token, db);
  if (!invite) throw validationError('The provided invite ID is not valid.', null, 'invalid_input');
  if (deps.invites.isExpired(invite)) throw validationError('This invite has expired. Please ask your admin for a new one.', null, 'expired');
  return invite;
}
