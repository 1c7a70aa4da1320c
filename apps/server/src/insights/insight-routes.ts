import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { notFound } from '../platform/app-error.js';
import { pageLinks } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { insightListFilter, InsightListQuery, truthy, type InsightListParams } from './insight-list-query.js';
import { presentInsights } from './insight-present.js';
import { filtersOverrideOf, insightRefreshOf } from './insight-query.js';
import type { InsightRecord } from './insight-repository.js';
import { createInsight, updateInsight, type InsightWriteDeps } from './insight-writes.js';

export interface InsightRouteDeps extends InsightWriteDeps {
  db: MetaDb;
}

const SCOPE = 'Insight';
type Params = { insight_id: string };
type RetrieveQuery = { refresh?: string; from_dashboard?: string; filters_override?: string; basic?: string };

/**
 * `/insights/` (rest-api.md 4.6): list with PostHog's filters, create, retrieve with `?refresh=` (cache only by
 * default), update (dashboards, favourite, soft delete and restore), DELETE refused, and the activity log.
 */
export function registerInsightRoutes(app: FastifyInstance, authenticator: Authenticator, deps: InsightRouteDeps): void {
  const load = async (teamId: number, rawId: string, includeDeleted = false): Promise<InsightRecord> => {
    const insight = /^\d{1,12}$/.test(rawId) ? await deps.insights.get(teamId, Number(rawId)) : null;
    if (!insight || (insight.deleted && !includeDeleted)) throw notFound();
    return insight;
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/insights/',
    scope: 'insight:read',
    schema: { querystring: InsightListQuery },
    handler: async ({ project, principal, request }) => {
      const q = request.query as InsightListParams;
      const filter = insightListFilter(q, principal.userId);
      const { count, insights } = await deps.insights.list(project.id, filter);
      const basic = q.basic !== undefined && truthy(q.basic);
      const results = await presentInsights(deps, project, insights, { refresh: insightRefreshOf(q.refresh), basic });
      return { count, ...pageLinks(request, filter, filter.offset + filter.limit < count), results };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/insights/',
    scope: 'insight:write',
    handler: async ({ project, principal, request, reply }) => {
      const insight = await createInsight(deps, project, request.body, principal.userId);
      const refresh = insightRefreshOf((request.query as RetrieveQuery).refresh);
      const [view] = await presentInsights(deps, project, [insight], { refresh });
      return reply.code(201).send(view);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/insights/:insight_id/',
    scope: 'insight:read',
    handler: async ({ project, request }) => {
      const insight = await load(project.id, (request.params as Params).insight_id);
      const q = request.query as RetrieveQuery;
      const filters = filtersOverrideOf(q.filters_override) ?? (await dashboardFilters(deps, project.id, insight.id, q.from_dashboard));
      const basic = q.basic !== undefined && truthy(q.basic);
      const [view] = await presentInsights(deps, project, [insight], { refresh: insightRefreshOf(q.refresh), filters, basic });
      return view;
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/insights/:insight_id/',
      scope: 'insight:write',
      handler: async ({ project, principal, request }) => {
        // PATCH {deleted: false} is how a deleted insight is restored, so it may address one.
        const restoring = (request.body as { deleted?: unknown } | null)?.deleted === false;
        const current = await load(project.id, (request.params as Params).insight_id, restoring);
        const saved = await updateInsight(deps, project, current, request.body, principal.userId);
        const [view] = await presentInsights(deps, project, [saved], { refresh: insightRefreshOf((request.query as RetrieveQuery).refresh) });
        return view;
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/insights/:insight_id/',
    scope: 'insight:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/insights/activity/',
    scope: 'insight:read',
    handler: async ({ project }) => ({ results: await deps.activity.list(project.id, SCOPE, null, 100), next: null, previous: null }),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/insights/:insight_id/activity/',
    scope: 'insight:read',
    handler: async ({ project, request }) => {
      // A deleted insight's history stays readable.
      const insight = await load(project.id, (request.params as Params).insight_id, true);
      return { results: await deps.activity.list(project.id, SCOPE, String(insight.id), 100), next: null, previous: null };
    },
  });
}

/** `?from_dashboard=<id>`: that dashboard's filters, when the insight is on it (else none, as PostHog ignores it). */
async function dashboardFilters(deps: InsightRouteDeps, teamId: number, insightId: number, raw: string | undefined): Promise<unknown> {
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return undefined;
  const dashboard = await deps.dashboards.get(teamId, Number(raw));
  if (!dashboard || dashboard.deleted) return undefined;
  const tiles = await deps.tiles.ofInsights([insightId]);
  return tiles.some((t) => t.dashboardId === dashboard.id) ? dashboard.filters : undefined;
}
