import type { FastifyInstance } from 'fastify';
import { ApiKeyRepository } from '../api-keys/api-key-repository.js';
import { registerApiKeyRoutes } from '../api-keys/api-key-routes.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import { registerProjectRoutes } from '../projects/project-routes.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { registerCurrentUserRoutes, type CurrentUserRouteDeps } from './current-user-routes.js';
import { OrganizationRepository } from './organization-repository.js';
import { registerOrganizationRoutes } from './organization-routes.js';

export interface OrganizationResourceDeps {
  db: MetaDb;
  projects: ProjectRepository;
  eventStore: Pick<EventStore, 'query' | 'command'>;
  changePassword?: CurrentUserRouteDeps['changePassword'];
}

/** The user (`/api/users/@me/`), organizations, projects and personal API keys: who owns what and who may reach it. */
export function registerOrganizationResources(app: FastifyInstance, authenticator: Authenticator, deps: OrganizationResourceDeps): void {
  const organizations = new OrganizationRepository(deps.db);
  registerCurrentUserRoutes(app, authenticator, { db: deps.db, organizations, projects: deps.projects, changePassword: deps.changePassword });
  registerOrganizationRoutes(app, authenticator, { db: deps.db, organizations, projects: deps.projects, eventStore: deps.eventStore });
  registerProjectRoutes(app, authenticator, { db: deps.db, projects: deps.projects, eventStore: deps.eventStore });
  registerApiKeyRoutes(app, authenticator, { db: deps.db, keys: new ApiKeyRepository(deps.db), projects: deps.projects });
}
