import type { FastifyInstance, FastifyReply } from 'fastify';
import type { UserView } from '../actions/action-view.js';
import { presentDashboard, type DashboardPresentDeps } from '../dashboards/dashboard-present.js';
import type { DashboardRepository } from '../dashboards/dashboard-repository.js';
import { presentOne } from '../insights/insight-present.js';
import { notFound } from '../platform/app-error.js';
import type { ProjectRepository } from '../projects/project-repository.js';
import type { SharingRepository } from './sharing-repository.js';
import { registerSharedWebQueryRoute } from './shared-web-routes.js';
import { plausibleAccessToken } from './sharing-token.js';

export interface SharedRouteDeps extends DashboardPresentDeps {
  sharing: SharingRepository;
  projects: Pick<ProjectRepository, 'findById'>;
  dashboards: DashboardRepository;
}

/**
 * The public, read-only side of sharing: `GET /shared/:access_token` (also `.json`, and `/api/shared/:access_token/`)
 * answers, without credentials, the shared dashboard or insight with its results (computed when the cache has none
 * fresh) and nothing else of the project: no users, no other dashboards. An unknown, disabled or rotated token, or
 * a deleted dashboard or insight, is a 404. A shared web analytics page answers its project's name here and its
 * figures through `POST /api/shared/:access_token/query/` (shared-web-routes.ts). A browser opening `/shared/:access_token` (Accept: text/html) gets the
 * web app instead, whose public shared-dashboard screen reads the JSON.
 */
export function registerSharedRoutes(app: FastifyInstance, deps: SharedRouteDeps): void {
  const handler = async (token: string, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const body = await sharedResource(deps, token.replace(/\.json$/, ''));
    if (!body) throw notFound();
    return body;
  };
  app.get('/shared/:access_token', (request, reply) => {
    const token = (request.params as { access_token: string }).access_token;
    // A browser opening the link gets the web app, which draws the shared dashboard from `/api/shared/:token/`; the
    // not-found handler is what serves the app's page for browser navigations, so the request is handed to it.
    if (!token.endsWith('.json') && (request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
    return handler(token, reply);
  });
  app.get('/api/shared/:access_token/', (request, reply) => handler((request.params as { access_token: string }).access_token, reply));
  registerSharedWebQueryRoute(app, deps);
}

async function sharedResource(deps: SharedRouteDeps, token: string) {
  if (!plausibleAccessToken(token)) return null;
  const sharing = await deps.sharing.findEnabled(token);
  const project = sharing ? await deps.projects.findById(sharing.teamId) : null;
  if (!sharing || !project) return null;
  // Blocking: a viewer without credentials cannot poll an async query, and a fresh cached answer is used as is.
  const refresh = 'blocking' as const;
  if (sharing.target.kind === 'web') return { type: 'web_analytics', web_analytics: { project_name: project.name, timezone: project.timezone } };
  if (sharing.target.kind === 'dashboard') {
    const dashboard = await deps.dashboards.get(project.id, sharing.target.id);
    if (!dashboard || dashboard.deleted) return null;
    return { type: 'scene', dashboard: await presentDashboard(deps, project, dashboard, { refresh, shared: true }) };
  }
  const insight = await deps.insights.get(project.id, sharing.target.id);
  if (!insight || insight.deleted) return null;
  const ctx = { tiles: [], users: new Map<number, UserView>() };
  return { type: 'scene', insight: await presentOne(deps, project, insight, { refresh, filters: undefined }, ctx) };
}
