import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { assertCohortCompiles } from '@warren/query/cohorts/cohort-membership';
import { HogQLError } from '@warren/query/hogql/hogql-error';
import { insightContext, type ActionDefinition } from '@warren/query/insights/insight-context';
import { userViews } from '../actions/action-view.js';
import type { Authenticator } from '../auth/authenticator.js';
import { notFound, validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { Project } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import type { CohortCalculator } from './cohort-calculator.js';
import { cohortWriteFrom } from './cohort-input.js';
import type { CohortRecord, CohortRepository, CohortWrite } from './cohort-repository.js';
import { cohortView } from './cohort-view.js';
import { knownCohort, type ProjectCohorts } from './project-cohorts.js';
import type { StaticCohortMembers } from './static-cohort-members.js';

export interface CohortRouteDeps {
  db: MetaDb;
  cohorts: CohortRepository;
  projectCohorts: ProjectCohorts;
  calculator: CohortCalculator;
  statics: StaticCohortMembers;
  actions: { forProject(teamId: number): Promise<ReadonlyMap<number, ActionDefinition>> };
}

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
});

/**
 * `/cohorts/`: list, create (JSON, or a multipart form with a `csv` file for a static cohort), retrieve, update
 * (a `csv` adds persons to a static cohort), soft delete with `deleted: true`; DELETE is refused as PostHog does.
 * Dynamic cohorts are recalculated in the background after every create and definition change.
 */
export function registerCohortRoutes(app: FastifyInstance, authenticator: Authenticator, deps: CohortRouteDeps): void {
  const view = async (cohort: CohortRecord) => cohortView(cohort, await userViews(deps.db, [cohort.createdBy]));

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/cohorts/',
    scope: 'cohort:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { limit?: number; offset?: number; search?: string };
      const page = pageOf(q);
      const { count, cohorts } = await deps.cohorts.list(project.id, { ...page, search: q.search });
      const users = await userViews(deps.db, cohorts.map((c) => c.createdBy));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: cohorts.map((c) => cohortView(c, users)) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/cohorts/',
    scope: 'cohort:write',
    handler: async ({ project, principal, request, reply }) => {
      const { fields, csv } = splitCsv(request.body);
      // Uploading a CSV makes a static cohort, as PostHog's form does.
      const write = cohortWriteFrom(csv !== undefined && fields.is_static === undefined ? { ...fields, is_static: true } : fields, null);
      if (csv !== undefined && !write.isStatic) throw validationError('A CSV can only be uploaded to a static cohort.', 'csv');
      await assertDefinition(deps, project, null, write);
      let cohort = await deps.cohorts.create(project.id, write, principal.userId);
      if (cohort.isStatic) {
        if (csv !== undefined) await deps.statics.addCsv(cohort, csv);
        else await deps.statics.start(cohort);
      } else {
        await startCalculation(deps, cohort);
      }
      deps.projectCohorts.invalidate(project.id);
      cohort = (await deps.cohorts.get(project.id, cohort.id))!;
      return reply.code(201).send(await view(cohort));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/cohorts/:cohort_id/',
    scope: 'cohort:read',
    handler: async ({ project, request }) => view(await loadCohort(deps.cohorts, project.id, request.params)),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/cohorts/:cohort_id/',
      scope: 'cohort:write',
      handler: async ({ project, request }) => {
        const current = await loadCohort(deps.cohorts, project.id, request.params);
        const { fields, csv } = splitCsv(request.body);
        const write = cohortWriteFrom(fields, current);
        if (csv !== undefined && !current.isStatic) throw validationError('A CSV can only be uploaded to a static cohort.', 'csv');
        await assertDefinition(deps, project, current.id, write);
        const saved = await deps.cohorts.update(project.id, current.id, write);
        if (csv !== undefined) await deps.statics.addCsv(saved, csv);
        if (write.deleted) deps.calculator.changed(project.id, saved.id);
        else if (!saved.isStatic && JSON.stringify(write.filters) !== JSON.stringify(current.filters)) await startCalculation(deps, saved);
        deps.projectCohorts.invalidate(project.id);
        return view((await deps.cohorts.get(project.id, saved.id))!);
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/cohorts/:cohort_id/',
    scope: 'cohort:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });
}

/** A live cohort of the project by its id in the path; anything else is a 404. */
export async function loadCohort(cohorts: CohortRepository, teamId: number, params: unknown): Promise<CohortRecord> {
  const rawId = (params as { cohort_id: string }).cohort_id;
  const cohort = /^\d{1,12}$/.test(rawId) ? await cohorts.get(teamId, Number(rawId)) : null;
  if (!cohort || cohort.deleted) throw notFound();
  return cohort;
}

/** The body's fields apart from an uploaded `csv` (a file from a multipart form, or text). */
function splitCsv(body: unknown): { fields: Record<string, unknown>; csv: Buffer | string | undefined } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { fields: body as Record<string, unknown>, csv: undefined };
  const { csv, ...fields } = body as Record<string, unknown>;
  if (csv === undefined || csv === null) return { fields, csv: undefined };
  if (!Buffer.isBuffer(csv) && typeof csv !== 'string') throw validationError('Upload the CSV as a file.', 'csv');
  return { fields, csv };
}

/** A dynamic definition must compile against the project: nested cohorts and actions exist, no cohort reaches itself. */
async function assertDefinition(deps: CohortRouteDeps, project: Project, cohortId: number | null, write: CohortWrite): Promise<void> {
  if (write.isStatic || write.deleted || !write.filters) return;
  const known = new Map((await deps.cohorts.live(project.id)).map((c) => [c.id, knownCohort(c)]));
  if (cohortId !== null) known.set(cohortId, { id: cohortId, version: null, isStatic: false, definition: write.filters.properties });
  const ctx = { ...insightContext({ teamId: project.id, timezone: project.timezone, actions: await deps.actions.forProject(project.id) }), cohorts: known };
  try {
    await assertCohortCompiles(write.filters.properties, ctx, cohortId ?? undefined);
  } catch (error) {
    if (error instanceof HogQLError) throw validationError(error.detail, 'filters');
    throw error;
  }
}

/** Shows the cohort as calculating at once, then calculates it in the background. */
async function startCalculation(deps: CohortRouteDeps, cohort: CohortRecord): Promise<void> {
  await deps.cohorts.markCalculating(cohort.teamId, cohort.id, true);
  void deps.calculator.recalculate(cohort.teamId, cohort.id);
}
