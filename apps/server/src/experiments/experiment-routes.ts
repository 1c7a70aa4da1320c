import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import { notFound } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { EXPERIMENT_ACTIONS, type ExperimentActions } from './experiment-actions.js';
import { EXPERIMENT_SCOPE, type ExperimentLifecycle } from './experiment-lifecycle.js';
import type { ExperimentListFilter, ExperimentRecord } from './experiment-repository.js';
import { experimentView } from './experiment-view.js';
import { loadViewContext, type ViewContextDeps } from './experiment-view-context.js';

export interface ExperimentRouteDeps extends ViewContextDeps {
  lifecycle: ExperimentLifecycle;
  actions: ExperimentActions;
  activity: import('../platform/activity-log.js').ActivityLog;
}

const ORDER_COLUMNS = ['created_at', 'updated_at', 'name', 'start_date', 'end_date'] as const;

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(['draft', 'running', 'complete', 'all'].map((s) => Type.Literal(s)))),
  archived: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  search: Type.Optional(Type.String({ maxLength: 200 })),
  created_by_id: Type.Optional(Type.Integer({ minimum: 1 })),
  order: Type.Optional(Type.Union(ORDER_COLUMNS.flatMap((c) => [Type.Literal(c), Type.Literal(`-${c}`)]))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

type ListParams = { status?: string; archived?: string; search?: string; created_by_id?: number; order?: string; limit?: number; offset?: number };

/**
 * `/experiments/`: list, create, retrieve, PATCH (launch, stop, conclude, archive, soft delete), the one-step actions
 * (launch, end, archive, pause, resume, reset), ship a variant, duplicate, activity.
 */
export function registerExperimentRoutes(app: FastifyInstance, authenticator: Authenticator, deps: ExperimentRouteDeps): void {
  const views = async (teamId: number, experiments: ExperimentRecord[]) => {
    const ctx = await loadViewContext(deps, teamId, experiments);
    return experiments.map((e) => experimentView(e, ctx));
  };
  const load = async (teamId: number, rawId: string) => {
    const experiment = /^\d{1,12}$/.test(rawId) ? await deps.experiments.get(teamId, Number(rawId)) : null;
    if (!experiment) throw notFound();
    return experiment;
  };
  const idOf = (request: { params: unknown }) => (request.params as { experiment_id: string }).experiment_id;

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiments/',
    scope: 'experiment:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as ListParams;
      const page = pageOf(q);
      const order = q.order ?? '-created_at';
      const filter: ExperimentListFilter = {
        status: q.status === 'all' ? undefined : (q.status as ExperimentListFilter['status']),
        archived: q.archived === 'true',
        search: q.search,
        createdById: q.created_by_id,
        order: { column: order.replace(/^-/, '') as ExperimentListFilter['order']['column'], direction: order.startsWith('-') ? 'desc' : 'asc' },
        ...page,
      };
      const { count, experiments } = await deps.experiments.list(project.id, filter);
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: await views(project.id, experiments) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/experiments/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request, reply }) => {
      const experiment = await deps.lifecycle.create(project.id, request.body, principal.userId);
      return reply.code(201).send((await views(project.id, [experiment]))[0]);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiments/:experiment_id/',
    scope: 'experiment:read',
    handler: async ({ project, request }) => (await views(project.id, [await load(project.id, idOf(request))]))[0],
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/experiments/:experiment_id/',
      scope: 'experiment:write',
      handler: async ({ project, principal, request }) => {
        const saved = await deps.lifecycle.update(project.id, await load(project.id, idOf(request)), request.body, principal.userId);
        return (await views(project.id, [saved]))[0];
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/experiments/:experiment_id/',
    scope: 'experiment:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/experiments/:experiment_id/ship_variant/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request }) => {
      const saved = await deps.lifecycle.shipVariant(project.id, await load(project.id, idOf(request)), request.body, principal.userId);
      return (await views(project.id, [saved]))[0];
    },
  });

  for (const action of EXPERIMENT_ACTIONS) {
    registerProjectRoute(app, authenticator, {
      method: 'POST',
      path: `/experiments/:experiment_id/${action}/`,
      scope: 'experiment:write',
      handler: async ({ project, principal, request }) => {
        const saved = await deps.actions.apply(action, project.id, await load(project.id, idOf(request)), request.body, principal.userId);
        return (await views(project.id, [saved]))[0];
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/experiments/:experiment_id/duplicate/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request, reply }) => {
      const copy = await deps.lifecycle.duplicate(project.id, await load(project.id, idOf(request)), request.body, principal.userId);
      return reply.code(201).send((await views(project.id, [copy]))[0]);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiments/activity/',
    scope: 'experiment:read',
    handler: async ({ project }) => ({ results: await deps.activity.list(project.id, EXPERIMENT_SCOPE, null, 100), next: null, previous: null }),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiments/:experiment_id/activity/',
    scope: 'experiment:read',
    handler: async ({ project, request }) => {
      const experiment = await load(project.id, idOf(request));
      return { results: await deps.activity.list(project.id, EXPERIMENT_SCOPE, String(experiment.id), 100), next: null, previous: null };
    },
  });
}
