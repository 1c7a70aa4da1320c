import type { FastifyInstance } from 'fastify';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import { AppError, notFound, validationError } from '../platform/app-error.js';
import { registerUserRoute } from '../platform/user-route.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { currentUserChangesFrom, type CurrentUserChanges } from './current-user-input.js';
import { currentUserView, type CurrentUserContext } from './current-user-view.js';
import { membershipLevels } from './membership-levels.js';
import { currentOrganizationId } from './organization-access.js';
import type { OrganizationRepository } from './organization-repository.js';

export interface CurrentUserRouteDeps {
  db: MetaDb;
  organizations: OrganizationRepository;
  projects: ProjectRepository;
  /**
   * Changes the password when a PATCH carries `password` / `current_password` (the accounts module checks the current
   * password and hashes the new one). Without it such a PATCH is refused rather than silently ignored.
   */
  changePassword?: (principal: Principal, body: Record<string, unknown>) => Promise<void>;
}

const ME = '/api/users/@me/';

/** `GET` and `PATCH /api/users/@me/` (PostHog also accepts the caller's own id or uuid there; Warren takes `@me`). */
export function registerCurrentUserRoutes(app: FastifyInstance, authenticator: Authenticator, deps: CurrentUserRouteDeps): void {
  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: ME,
    scope: 'user:read',
    handler: async ({ principal }) => currentUserView(await loadCurrentUser(deps, principal.userId)),
  });
  registerUserRoute(app, authenticator, {
    method: 'PATCH',
    path: ME,
    scope: 'user:write',
    handler: async ({ principal, request }) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const changes = currentUserChangesFrom(body);
      const currentProjectId = await newCurrentProject(deps, principal, changes);
      if (changes.email !== undefined) await assertEmailFree(deps.db, changes.email, principal.userId);
      if (changes.changesPassword) {
        if (!deps.changePassword) throw validationError('Passwords cannot be changed here yet.', 'password');
        await deps.changePassword(principal, body);
      }
      const set = {
        ...(changes.firstName !== undefined ? { first_name: changes.firstName } : {}),
        ...(changes.email !== undefined ? { email: changes.email } : {}),
        ...(currentProjectId !== undefined ? { current_project_id: currentProjectId } : {}),
      };
      if (Object.keys(set).length > 0) await deps.db.updateTable('users').set(set).where('id', '=', principal.userId).execute();
      return currentUserView(await loadCurrentUser(deps, principal.userId));
    },
  });
}

/** The user, their organizations, and their current organization and project (the first one when unset or gone). */
export async function loadCurrentUser(deps: Pick<CurrentUserRouteDeps, 'db' | 'organizations' | 'projects'>, userId: number): Promise<CurrentUserContext> {
  const row = await deps.db
    .selectFrom('users')
    .select(['id', 'uuid', 'distinct_id', 'first_name', 'email', 'password_hash', 'current_project_id', 'created_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const user = {
    id: Number(row.id),
    uuid: row.uuid,
    distinctId: row.distinct_id,
    firstName: row.first_name,
    email: row.email,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
  };
  const memberships = await deps.organizations.listForUser(userId);
  const organizationId = await currentOrganizationId(deps.db, userId, row.current_project_id);
  const membership = memberships.find((m) => m.organization.id === organizationId);
  if (!membership) return { user, memberships, organization: null, project: null };
  const projects = await deps.projects.listForOrganizations([membership.organization.id]);
  const project = projects.find((p) => p.id === row.current_project_id) ?? projects[0] ?? null;
  const memberCount = await deps.organizations.memberCount(membership.organization.id);
  return { user, memberships, organization: { record: membership.organization, level: membership.level, projects, memberCount }, project };
}

/** The project a switch asks for, checked against what the caller may reach; undefined when no switch is asked. */
async function newCurrentProject(deps: CurrentUserRouteDeps, principal: Principal, changes: CurrentUserChanges): Promise<number | null | undefined> {
  if (changes.currentOrganizationId === undefined && changes.currentProjectId === undefined) return undefined;
  const levels = await membershipLevels(deps.db, principal.userId);
  const scoped = principal.scopedTeams && principal.scopedTeams.length > 0 ? principal.scopedTeams : null;
  let chosen: number | null | undefined;
  if (changes.currentOrganizationId !== undefined) {
    const id = changes.currentOrganizationId;
    if (!levels.has(id)) throw doesNotExist(id, 'set_current_organization');
    const projects = (await deps.projects.listForOrganizations([id])).filter((p) => !scoped || scoped.includes(p.id));
    chosen = projects[0]?.id ?? null;
  }
  if (changes.currentProjectId !== undefined) {
    const project = await deps.projects.findById(changes.currentProjectId);
    if (!project || !levels.has(project.organizationId) || (scoped && !scoped.includes(project.id))) {
      throw doesNotExist(String(changes.currentProjectId), 'set_current_team');
    }
    chosen = project.id;
  }
  return chosen;
}

async function assertEmailFree(db: MetaDb, email: string, userId: number): Promise<void> {
  const other = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn<string>('lower', ['email']), '=', email))
    .where('id', '!=', userId)
    .executeTakeFirst();
  if (other) throw new AppError(400, 'validation_error', 'unique', 'There is already an account with this email address.', 'email');
}

function doesNotExist(value: string, attr: string): AppError {
  return validationError(`Object with id=${value.slice(0, 50)} does not exist.`, attr, 'does_not_exist');
}
