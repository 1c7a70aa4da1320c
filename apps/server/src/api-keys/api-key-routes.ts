import type { FastifyInstance } from 'fastify';
import type { Authenticator, Principal } from '../auth/authenticator.js';
import { notFound, permissionDenied, validationError } from '../platform/app-error.js';
import { registerUserRoute } from '../platform/user-route.js';
import { membershipLevels } from '../organizations/membership-levels.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { apiKeyWriteFrom } from './api-key-input.js';
import type { ApiKeyRepository, ApiKeyWrite } from './api-key-repository.js';
import { apiKeyView } from './api-key-view.js';

export interface ApiKeyRouteDeps {
  db: MetaDb;
  keys: ApiKeyRepository;
  projects: ProjectRepository;
}

/** PostHog's limit per user. */
const MAX_KEYS_PER_USER = 10;
const DETAIL = '/api/personal_api_keys/:key_id/';

/**
 * `/api/personal_api_keys/`: the caller's own keys. A browser session may do everything; a key may always read
 * itself (`@current`), and Warren also lets a key with the `*` scope and no project limit manage keys, so installs
 * can be scripted without a browser. Any other key gets PostHog's "does not support Personal API Key access".
 */
export function registerApiKeyRoutes(app: FastifyInstance, authenticator: Authenticator, deps: ApiKeyRouteDeps): void {
  const load = async (principal: Principal, rawId: string) => {
    const id = rawId === '@current' ? principal.keyId : rawId;
    if (id !== principal.keyId) assertMayManageKeys(principal);
    const key = id ? await deps.keys.get(principal.userId, id) : null;
    if (!key) throw notFound();
    return key;
  };
  const checked = async (principal: Principal, write: ApiKeyWrite) => {
    if (write.scopedTeams) {
      const reachable = new Set((await deps.projects.listForOrganizations([...(await membershipLevels(deps.db, principal.userId)).keys()])).map((p) => p.id));
      if (write.scopedTeams.some((id) => !reachable.has(id))) {
        throw validationError('You must be a member of all teams that you are scoping the key to.', 'scoped_teams');
      }
    }
    return write;
  };
  const keyIdOf = (params: unknown) => (params as { key_id: string }).key_id;

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: '/api/personal_api_keys/',
    scope: 'user:read',
    handler: async ({ principal }) => {
      assertMayManageKeys(principal);
      return (await deps.keys.list(principal.userId)).map((key) => apiKeyView(key, null));
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: '/api/personal_api_keys/',
    scope: 'user:write',
    handler: async ({ principal, request, reply }) => {
      assertMayManageKeys(principal);
      const write = await checked(principal, apiKeyWriteFrom(request.body ?? {}, null));
      if ((await deps.keys.count(principal.userId)) >= MAX_KEYS_PER_USER) {
        throw validationError(`You can only have ${MAX_KEYS_PER_USER} personal API keys. Remove an existing key before creating a new one.`);
      }
      const { key, value } = await deps.keys.create(principal.userId, write);
      return reply.code(201).send(apiKeyView(key, value));
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'GET',
    path: DETAIL,
    scope: 'user:read',
    handler: async ({ principal, request }) => apiKeyView(await load(principal, keyIdOf(request.params)), null),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerUserRoute(app, authenticator, {
      method,
      path: DETAIL,
      scope: 'user:write',
      handler: async ({ principal, request }) => {
        assertMayManageKeys(principal);
        const current = await load(principal, keyIdOf(request.params));
        const write = await checked(principal, apiKeyWriteFrom(request.body ?? {}, method === 'PUT' ? null : current));
        const saved = await deps.keys.update(principal.userId, current.id, write);
        if (!saved) throw notFound();
        return apiKeyView(saved, null);
      },
    });
  }

  registerUserRoute(app, authenticator, {
    method: 'DELETE',
    path: DETAIL,
    scope: 'user:write',
    handler: async ({ principal, request, reply }) => {
      assertMayManageKeys(principal);
      const key = await load(principal, keyIdOf(request.params));
      await deps.keys.delete(principal.userId, key.id);
      return reply.code(204).send();
    },
  });

  registerUserRoute(app, authenticator, {
    method: 'POST',
    path: `${DETAIL}roll/`,
    scope: 'user:write',
    handler: async ({ principal, request }) => {
      assertMayManageKeys(principal);
      const key = await load(principal, keyIdOf(request.params));
      const rolled = await deps.keys.roll(principal.userId, key.id);
      if (!rolled) throw notFound();
      return apiKeyView(rolled.key, rolled.value);
    },
  });
}

/** A browser session, or a key with every scope and no project limit (a narrower key must not mint a wider one). */
function assertMayManageKeys(principal: Principal): void {
  if (principal.keyId === null) return;
  const unlimited = principal.scopes.includes('*') && !(principal.scopedTeams && principal.scopedTeams.length > 0);
  if (!unlimited) throw permissionDenied('This action does not support Personal API Key access');
}
