import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { userViews } from '../actions/action-view.js';
import type { Authenticator } from '../auth/authenticator.js';
import { notFound } from '../platform/app-error.js';
import { pageLinks } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { Project } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { ANNOTATION_SCOPES, annotationWriteFrom } from './annotation-input.js';
import type { AnnotationRecord, AnnotationRepository } from './annotation-repository.js';
import { annotationView } from './annotation-view.js';

export interface AnnotationRouteDeps {
  db: MetaDb;
  annotations: AnnotationRepository;
}

/** PostHog pages annotations by 1000, not its usual 100. */
const ANNOTATIONS_PAGE_SIZE = 1000;

const ListQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 400 })),
  scope: Type.Optional(Type.Union(ANNOTATION_SCOPES.map((s) => Type.Literal(s)))),
  dashboardItemId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** `/annotations/`: list (newest marker first) with search, create, retrieve, update, soft delete; DELETE is refused. */
export function registerAnnotationRoutes(app: FastifyInstance, authenticator: Authenticator, deps: AnnotationRouteDeps): void {
  const reader = (project: Project) => ({ teamId: project.id, organizationId: project.organizationId });
  const load = async (project: Project, rawId: string) => {
    const annotation = /^\d{1,12}$/.test(rawId) ? await deps.annotations.get(reader(project), Number(rawId)) : null;
    if (!annotation) throw notFound();
    return annotation;
  };
  const view = async (annotation: AnnotationRecord) => annotationView(annotation, await userViews(deps.db, [annotation.createdBy]));

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/annotations/',
    scope: 'annotation:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { search?: string; scope?: string; dashboardItemId?: number; limit?: number; offset?: number };
      const page = { limit: q.limit ?? ANNOTATIONS_PAGE_SIZE, offset: q.offset ?? 0 };
      const { count, annotations } = await deps.annotations.list(reader(project), { search: q.search, scope: q.scope, dashboardItem: q.dashboardItemId, ...page });
      const users = await userViews(deps.db, annotations.map((a) => a.createdBy));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: annotations.map((a) => annotationView(a, users)) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/annotations/',
    scope: 'annotation:write',
    handler: async ({ project, principal, request, reply }) => {
      const annotation = await deps.annotations.create(reader(project), annotationWriteFrom(request.body, null), principal.userId);
      return reply.code(201).send(await view(annotation));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/annotations/:annotation_id/',
    scope: 'annotation:read',
    handler: async ({ project, request }) => view(await load(project, (request.params as { annotation_id: string }).annotation_id)),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/annotations/:annotation_id/',
      scope: 'annotation:write',
      handler: async ({ project, request }) => {
        const current = await load(project, (request.params as { annotation_id: string }).annotation_id);
        return view(await deps.annotations.update(current.id, annotationWriteFrom(request.body, current)));
      },
    });
  }

  // PostHog forbids hard deletes of annotations: PATCH {"deleted": true} instead.
  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/annotations/:annotation_id/',
    scope: 'annotation:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });
}
