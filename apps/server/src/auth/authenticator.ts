import { authenticationFailed, notAuthenticated, notFound, permissionDenied } from '../platform/app-error.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { Project, ProjectRepository } from '../projects/project-repository.js';
import { hashApiKey } from './api-key-format.js';
import { hasScope, type RequiredScope } from './scopes.js';
import { sessionTokenOf } from './session-cookies.js';
import { SessionStore } from './session-store.js';

/** Who is calling the management API, and what the credential lets them do. */
export interface Principal {
  userId: number;
  /** The personal API key the request came with; null when it came with a session cookie. */
  keyId: string | null;
  /** The browser session the request came with; null when it came with a personal API key. */
  sessionId: string | null;
  /** The key's scopes; a session may do everything its user may (`['*']`), as in PostHog. */
  scopes: string[];
  /** Project ids the key is limited to; null = every project the user can reach. */
  scopedTeams: number[] | null;
  organizationIds: string[];
  currentProjectId: number | null;
}

export interface CredentialSource {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  query: Record<string, unknown>;
}

const LAST_USED_EVERY_MS = 60 * 60 * 1000;

/**
 * Personal API keys (`Authorization: Bearer phx_…`, body or query `personal_api_key`) as PostHog reads them, and the
 * web app's session cookie. A key, when present, is the only credential looked at: a bad key is refused rather than
 * falling back to a cookie the same request may carry.
 */
export class Authenticator {
  constructor(
    private readonly db: MetaDb,
    private readonly projects: ProjectRepository,
    private readonly sessions: SessionStore = new SessionStore(db),
  ) {}

  async authenticate(source: CredentialSource): Promise<Principal> {
    const found = findKey(source);
    if (found) return this.byKey(found);
    const token = sessionTokenOf(source.headers);
    if (token) return this.bySession(token);
    throw notAuthenticated();
  }

  private async bySession(token: string): Promise<Principal> {
    const session = await this.sessions.resolve(token);
    const user = session ? await this.db.selectFrom('users').select(['id', 'current_project_id']).where('id', '=', session.userId).executeTakeFirst() : undefined;
    if (!session || !user) throw notAuthenticated('Your session has ended. Log in again.');
    return {
      userId: user.id,
      keyId: null,
      sessionId: session.id,
      scopes: ['*'],
      scopedTeams: null,
      organizationIds: await this.organizationsOf(user.id),
      currentProjectId: user.current_project_id,
    };
  }

  private async organizationsOf(userId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('organization_memberships').select('organization_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.organization_id);
  }

  private async byKey(found: { value: string; where: string }): Promise<Principal> {
    const key = await this.db.selectFrom('personal_api_keys').selectAll().where('secure_value', '=', hashApiKey(found.value)).executeTakeFirst();
    if (!key) throw authenticationFailed(`Personal API key found in request ${found.where} is invalid.`);
    const user = await this.db.selectFrom('users').select(['id', 'current_project_id']).where('id', '=', key.user_id).executeTakeFirst();
    if (!user) throw authenticationFailed(`Personal API key found in request ${found.where} is invalid.`);
    if (!key.last_used_at || Date.now() - Date.parse(key.last_used_at) > LAST_USED_EVERY_MS) {
      await this.db.updateTable('personal_api_keys').set({ last_used_at: new Date().toISOString() }).where('id', '=', key.id).execute();
    }
    return {
      userId: user.id,
      keyId: key.id,
      sessionId: null,
      scopes: JSON.parse(key.scopes) as string[],
      scopedTeams: key.scoped_teams ? (JSON.parse(key.scoped_teams) as number[]) : null,
      organizationIds: await this.organizationsOf(user.id),
      currentProjectId: user.current_project_id,
    };
  }

  /** Resolves `:project_id` (a number or `@current`) and checks the scope and the project access of the caller. */
  async authorizeProject(principal: Principal, rawId: string, scope: RequiredScope): Promise<Project> {
    if (!hasScope(principal.scopes, scope)) throw permissionDenied(`API key missing required scope '${scope}'`);
    const id = rawId === '@current' ? principal.currentProjectId : /^\d{1,12}$/.test(rawId) ? Number(rawId) : null;
    if (id === null) throw notFound('Project not found.');
    const project = await this.projects.findById(id);
    if (!project || !principal.organizationIds.includes(project.organizationId)) throw notFound('Project not found.');
    if (principal.scopedTeams && principal.scopedTeams.length > 0 && !principal.scopedTeams.includes(project.id)) {
      throw permissionDenied(`API key does not have access to the requested project: ID ${project.id}.`);
    }
    return project;
  }
}

/** Where a personal API key sits in a request, if it carries one (without checking it). */
export function findKey(source: CredentialSource): { value: string; where: string } | null {
  const header = source.headers.authorization;
  const auth = Array.isArray(header) ? header[0] : header;
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (match && !match[1].startsWith('pha_')) return { value: match[1], where: 'Authorization header' };
  }
  const body = source.body as Record<string, unknown> | null;
  if (body && typeof body === 'object' && typeof body.personal_api_key === 'string') return { value: body.personal_api_key, where: 'body' };
  if (typeof source.query.personal_api_key === 'string') return { value: source.query.personal_api_key, where: 'query string' };
  return null;
}
