import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { HoldoutFilterApi } from '@warren/shared/experiments-api';
import type { Authenticator } from '../auth/authenticator.js';
import type { ActivityLog } from '../platform/activity-log.js';
import { diffFields } from '../platform/activity-log.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { ExperimentLifecycle } from './experiment-lifecycle.js';
import { bodyObject, namedFieldsFrom } from './experiment-input.js';
import { userSummaries } from './experiment-view-context.js';
import { holdoutView } from './experiment-view.js';
import type { HoldoutFields, HoldoutRecord, HoldoutRepository } from './holdout-repository.js';

export interface HoldoutRouteDeps {
  db: MetaDb;
  holdouts: HoldoutRepository;
  lifecycle: ExperimentLifecycle;
  activity: ActivityLog;
}

const PageQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), offset: Type.Optional(Type.Integer({ minimum: 0 })) });
const SCOPE = 'ExperimentHoldout';

/** `/experiment_holdouts/`: CRUD; a changed share is carried onto the flags of the experiments using the holdout. */
export function registerHoldoutRoutes(app: FastifyInstance, authenticator: Authenticator, deps: HoldoutRouteDeps): void {
  const view = async (h: HoldoutRecord) => holdoutView(h, await userSummaries(deps.db, [h.createdBy]));
  const load = async (teamId: number, params: unknown) => {
    const rawId = (params as { holdout_id: string }).holdout_id;
    const holdout = /^\d{1,12}$/.test(rawId) ? await deps.holdouts.get(teamId, Number(rawId)) : null;
    if (!holdout) throw notFound();
    return holdout;
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiment_holdouts/',
    scope: 'experiment:read',
    schema: { querystring: PageQuery },
    handler: async ({ project, request }) => {
      const page = pageOf(request.query as { limit?: number; offset?: number });
      const { count, holdouts } = await deps.holdouts.list(project.id, page);
      const users = await userSummaries(deps.db, holdouts.map((h) => h.createdBy));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: holdouts.map((h) => holdoutView(h, users)) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/experiment_holdouts/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request, reply }) => {
      const holdout = await deps.holdouts.create(project.id, holdoutFieldsFrom(bodyObject(request.body), null), principal.userId);
      await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(holdout.id), activity: 'created', userId: principal.userId, name: holdout.name, changes: [] });
      return reply.code(201).send(await view(holdout));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/experiment_holdouts/:holdout_id/',
    scope: 'experiment:read',
    handler: async ({ project, request }) => view(await load(project.id, request.params)),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/experiment_holdouts/:holdout_id/',
      scope: 'experiment:write',
      handler: async ({ project, principal, request }) => {
        const current = await load(project.id, request.params);
        const saved = await deps.holdouts.update(project.id, current.id, holdoutFieldsFrom(bodyObject(request.body), current));
        if (JSON.stringify(saved.filters) !== JSON.stringify(current.filters)) await deps.lifecycle.holdoutChanged(project.id, saved, principal.userId);
        const pick = (h: HoldoutRecord) => ({ name: h.name, description: h.description, filters: h.filters });
        await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(saved.id), activity: 'updated', userId: principal.userId, name: saved.name, changes: diffFields(SCOPE, pick(current), pick(saved)) });
        return view(saved);
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/experiment_holdouts/:holdout_id/',
    scope: 'experiment:write',
    handler: async ({ project, principal, request, reply }) => {
      const holdout = await load(project.id, request.params);
      await deps.lifecycle.holdoutDeleted(project.id, holdout.id, principal.userId);
      await deps.holdouts.delete(project.id, holdout.id);
      await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(holdout.id), activity: 'deleted', userId: principal.userId, name: holdout.name, changes: [] });
      return reply.code(204).send();
    },
  });
}

/**
 * A holdout create (current = null) or update body: a name and PostHog's filter list, each entry with a
 * `rollout_percentage` between 0 and 100 (the share held out).
 * Example: holdoutFieldsFrom({ name: 'Q3', filters: [{ properties: [], rollout_percentage: 10 }] }, null).filters[0].rollout_percentage === 10.
 */
export function holdoutFieldsFrom(body: Record<string, unknown>, current: HoldoutRecord | null): HoldoutFields {
  const { name, description } = namedFieldsFrom(body, current);
  const filters = body.filters === undefined ? current?.filters : body.filters;
  if (!Array.isArray(filters) || filters.length === 0) throw validationError('Filters are required to create an holdout group.', 'filters', 'required');
  for (const f of filters) {
    const share = typeof f === 'object' && f !== null ? (f as HoldoutFilterApi).rollout_percentage : undefined;
    if (share === undefined || share === null) throw validationError('Rollout percentage must be present.', 'filters');
    if (typeof share !== 'number' || !(share >= 0 && share <= 100)) throw validationError('Rollout percentage must be between 0 and 100.', 'filters');
  }
  return { name, description, filters: filters.map((f: HoldoutFilterApi) => ({ properties: f.properties ?? [], ...f })) };
}
