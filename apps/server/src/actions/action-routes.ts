import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import { AppError, notFound } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { actionWriteFrom, type ActionWrite } from './action-input.js';
import type { ActionRepository } from './action-repository.js';
import { actionView, userViews } from './action-view.js';
import type { ProjectActions } from './project-actions.js';

export interface ActionRouteDeps {
  db: MetaDb;
  actions: ActionRepository;
  projectActions: ProjectActions;
}

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
});

/** `/actions/`: list (with a name `search`, as `/cohorts/` has), create, retrieve, update, soft delete with `deleted: true`; DELETE is refused as PostHog does. */
export function registerActionRoutes(app: FastifyInstance, authenticator: Authenticator, deps: ActionRouteDeps): void {
  const load = async (teamId: number, rawId: string) => {
    const action = /^\d{1,12}$/.test(rawId) ? await deps.actions.get(teamId, Number(rawId)) : null;
    if (!action || action.deleted) throw notFound();
    return action;
  };
  const assertNameFree = async (teamId: number, write: ActionWrite, exceptId: number | null) => {
    if (write.deleted) return;
    const other = await deps.actions.nameTakenBy(teamId, write.name, exceptId);
    if (other !== null) throw new AppError(400, 'validation_error', 'unique', `This project already has an action with this name, ID ${other}`, 'name');
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/actions/',
    scope: 'action:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { limit?: number; offset?: number; search?: string };
      const page = pageOf(q);
      const { count, actions } = await deps.actions.list(project.id, { ...page, search: q.search });
      const users = await userViews(deps.db, actions.map((a) => a.createdBy));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: actions.map((a) => actionView(a, users)) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/actions/',
    scope: 'action:write',
    handler: async ({ project, principal, request, reply }) => {
      const write = actionWriteFrom(request.body, null);
      await assertNameFree(project.id, write, null);
      const action = await deps.actions.create(project.id, write, principal.userId);
      deps.projectActions.invalidate(project.id);
      return reply.code(201).send(actionView(action, await userViews(deps.db, [action.createdBy])));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/actions/:action_id/',
    scope: 'action:read',
    handler: async ({ project, request }) => {
      const action = await load(project.id, (request.params as { action_id: string }).action_id);
      return actionView(action, await userViews(deps.db, [action.createdBy]));
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/actions/:action_id/',
      scope: 'action:write',
      handler: async ({ project, request }) => {
        const current = await load(project.id, (request.params as { action_id: string }).action_id);
        const write = actionWriteFrom(request.body, current);
        await assertNameFree(project.id, write, current.id);
        const saved = await deps.actions.update(project.id, current.id, write);
        deps.projectActions.invalidate(project.id);
        return actionView(saved, await userViews(deps.db, [saved.createdBy]));
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/actions/:action_id/',
    scope: 'action:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });
}
