import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import type { ActivityLog } from '../platform/activity-log.js';
import { diffFields } from '../platform/activity-log.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { bodyObject, namedFieldsFrom } from './experiment-input.js';
import { metricFrom } from './experiment-metrics.js';
import { userSummaries } from './experiment-view-context.js';
import { savedMetricView } from './experiment-view.js';
import type { SavedMetricFields, SavedMetricRecord, SavedMetricRepository } from './saved-metric-repository.js';

export interface SavedMetricRouteDeps {
  db: MetaDb;
  savedMetrics: SavedMetricRepository;
  activity: ActivityLog;
}

const PageQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) });
const SCOPE = 'ExperimentSavedMetric';

/** `/experiment_saved_metrics/`: CRUD of metrics shared by many experiments (deleting one unlinks it everywhere). */
export function registerSavedMetricRoutes(app: FastifyInstance, authenticator: Authenticator, deps: SavedMetricRouteDeps): void {
  const view = async (m: SavedMetricRecord) => savedMetricView(m, await userSummaries(deps.db, [m.createdBy]));
  const load = async (teamId: number, params: unknown) => {
    const rawId = (params as { metric_id: string }).metric_id;
    const metric = /^\d{1,12}$/.test(rawId) ? await deps.savedMetrics.get(teamId, Number(rawId)) : null;
    if (!metric) throw notFound();
    return metric;
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiment_saved_metrics/',
    scope: 'experiment:read',
    schema: { querystring: PageQuery },
    handler: async ({ project, request }) => {
      const page = pageOf(request.query as { limit?: number; offset?: number });
      const { count, metrics } = await deps.savedMetrics.list(project.id, page);
      const users = await userSummaries(deps.db, metrics.map((m) => m.createdBy));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: metrics.map((m) => savedMetricView(m, users)) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/experiment_saved_metrics/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request, reply }) => {
      const metric = await deps.savedMetrics.create(project.id, savedMetricFieldsFrom(bodyObject(request.body), null), principal.userId);
      await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(metric.id), activity: 'created', userId: principal.userId, name: metric.name, changes: [] });
      return reply.code(201).send(await view(metric));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiment_saved_metrics/:metric_id/',
    scope: 'experiment:read',
    handler: async ({ project, request }) => view(await load(project.id, request.params)),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/experiment_saved_metrics/:metric_id/',
      scope: 'experiment:write',
      handler: async ({ project, principal, request }) => {
        const current = await load(project.id, request.params);
        const saved = await deps.savedMetrics.update(project.id, current.id, savedMetricFieldsFrom(bodyObject(request.body), current));
        const pick = (m: SavedMetricRecord) => ({ name: m.name, description: m.description, query: m.query, tags: m.tags });
        await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(saved.id), activity: 'updated', userId: principal.userId, name: saved.name, changes: diffFields(SCOPE, pick(current), pick(saved)) });
        return view(saved);
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/experiment_saved_metrics/:metric_id/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request, reply }) => {
      const metric = await load(project.id, request.params);
      await deps.savedMetrics.delete(project.id, metric.id);
      await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(metric.id), activity: 'deleted', userId: principal.userId, name: metric.name, changes: [] });
      return reply.code(204).send();
    },
  });
}

/**
 * A saved metric create (current = null) or update body: a name and a `query` holding one experiment metric.
 * Example: savedMetricFieldsFrom({ name: 'Paid', query: { kind: 'ExperimentMetric', metric_type: 'funnel', series: [{ kind: 'EventsNode', event: 'paid' }] } }, null).tags -> [].
 */
export function savedMetricFieldsFrom(body: Record<string, unknown>, current: SavedMetricRecord | null): SavedMetricFields {
  const { name, description } = namedFieldsFrom(body, current);
  if (body.query === undefined && !current) throw validationError('Query is required to create a saved metric.', 'query', 'required');
  const query = body.query === undefined ? current!.query : metricFrom(body.query, 'query');
  const tags = body.tags === undefined ? (current?.tags ?? []) : body.tags;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw validationError('Must be a list of strings.', 'tags');
  return { name, description, query, tags: tags as string[] };
}
