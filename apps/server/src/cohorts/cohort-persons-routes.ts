import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { Authenticator } from '../auth/authenticator.js';
import type { PersonRepository } from '../identity/person-repository.js';
import { personView } from '../persons/person-view.js';
import { validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { CohortPeopleStore } from './cohort-people-store.js';
import type { CohortRecord, CohortRepository } from './cohort-repository.js';
import { loadCohort } from './cohort-routes.js';
import type { StaticCohortMembers } from './static-cohort-members.js';

export interface CohortPersonsDeps {
  cohorts: CohortRepository;
  people: CohortPeopleStore;
  persons: PersonRepository;
  statics: StaticCohortMembers;
}

const PersonsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CSV_PAGE = 1000;

/**
 * The persons of a cohort (`GET /cohorts/:id/persons/`, also as CSV) and PostHog's endpoints that change a static
 * cohort by person UUID.
 */
export function registerCohortPersonsRoutes(app: FastifyInstance, authenticator: Authenticator, deps: CohortPersonsDeps): void {
  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/cohorts/:cohort_id/persons/',
    scope: 'cohort:read',
    schema: { querystring: PersonsQuery },
    handler: async ({ project, request, reply }) => {
      const cohort = await loadCohort(deps.cohorts, project.id, request.params);
      const q = request.query as { limit?: number; offset?: number; format?: string };
      if (q.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="cohort-${cohort.id}.csv"`);
        return reply.send(await personsCsv(deps, cohort));
      }
      const page = pageOf(q);
      const { views, fetched } = await personsPage(deps, cohort, page.limit + 1, page.offset);
      return { results: views.slice(0, page.limit), ...pageLinks(request, page, fetched > page.limit) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'PATCH',
    path: '/cohorts/:cohort_id/add_persons_to_static_cohort/',
    scope: 'cohort:write',
    handler: async ({ project, request }) => {
      const cohort = await staticCohort(deps, project.id, request.params);
      const ids = (request.body as { person_ids?: unknown } | null)?.person_ids;
      if (!Array.isArray(ids) || ids.length > 10_000 || ids.some((id) => typeof id !== 'string' || !UUID.test(id))) {
        throw validationError('person_ids must be a list of at most 10000 person UUIDs.', 'person_ids');
      }
      await deps.statics.addPersons(cohort, ids as string[]);
      return { success: true };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'PATCH',
    path: '/cohorts/:cohort_id/remove_person_from_static_cohort/',
    scope: 'cohort:write',
    handler: async ({ project, request }) => {
      const cohort = await staticCohort(deps, project.id, request.params);
      const id = (request.body as { person_id?: unknown } | null)?.person_id;
      if (typeof id !== 'string' || !UUID.test(id)) throw validationError('person_id must be a person UUID.', 'person_id');
      await deps.statics.remove(cohort, id);
      return { success: true };
    },
  });
}

async function staticCohort(deps: CohortPersonsDeps, teamId: number, params: unknown): Promise<CohortRecord> {
  const cohort = await loadCohort(deps.cohorts, teamId, params);
  if (!cohort.isStatic) throw validationError('Only static cohorts take persons one by one.', 'is_static');
  return cohort;
}

/** PostHog person objects of one page of members (members whose person was deleted since are left out). */
async function personsPage(deps: CohortPersonsDeps, cohort: CohortRecord, limit: number, offset: number) {
  if (cohort.version === null) return { views: [], fetched: 0 };
  const uuids = await deps.people.page(cohort.teamId, cohort.id, cohort.version, limit, offset);
  const views = [];
  for (const uuid of uuids) {
    const person = await deps.persons.findByUuid(cohort.teamId, uuid);
    if (person) views.push(personView(person, await deps.persons.distinctIdsOf(cohort.teamId, person.id)));
  }
  return { views, fetched: uuids.length };
}

/** Every member as a CSV row: id, name, distinct ids, email, created_at. */
async function personsCsv(deps: CohortPersonsDeps, cohort: CohortRecord): Promise<string> {
  const rows: unknown[][] = [['id', 'name', 'distinct_ids', 'email', 'created_at']];
  for (let offset = 0; ; offset += CSV_PAGE) {
    const { views, fetched } = await personsPage(deps, cohort, CSV_PAGE, offset);
    for (const p of views) rows.push([p.id, p.name, p.distinct_ids.join(', '), p.properties.email ?? '', p.created_at]);
    if (fetched < CSV_PAGE) break;
  }
  return stringify(rows);
}
