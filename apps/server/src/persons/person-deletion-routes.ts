import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import type { PersonRecord } from '../identity/person-repository.js';
import { validationError } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import { deletePersons, type DeletePersonDeps, type DeleteOptions } from './delete-person.js';
import type { DeletionStatus } from './person-deletion-repository.js';
import { findPerson, findPersonByAnyId } from './find-person.js';

const MAX_BULK = 1000;

const DeleteQuery = Type.Object({
  delete_events: Type.Optional(Type.String({ maxLength: 10 })),
  delete_recordings: Type.Optional(Type.String({ maxLength: 10 })),
  keep_person: Type.Optional(Type.String({ maxLength: 10 })),
});

const StatusQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('all')])),
  person_uuid: Type.Optional(Type.String({ format: 'uuid' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

/**
 * GDPR deletion: `DELETE /persons/:id/` and `POST /persons/bulk_delete/` answer 202 once profiles are gone and the
 * events / recordings deletion is queued; `GET /persons/deletion_status/` shows the queue.
 */
export function registerPersonDeletionRoutes(app: FastifyInstance, authenticator: Authenticator, deps: DeletePersonDeps): void {
  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/persons/:person_id/',
    scope: 'person:write',
    schema: { querystring: DeleteQuery },
    handler: async ({ project, request, reply }) => {
      const person = await findPerson(deps.persons, project.id, (request.params as { person_id: string }).person_id);
      const q = request.query as Record<string, string | undefined>;
      await deletePersons(deps, project.id, [person], optionsOf(flag(q.delete_events, 'delete_events'), flag(q.delete_recordings, 'delete_recordings'), flag(q.keep_person, 'keep_person')));
      return reply.code(202).send();
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/persons/bulk_delete/',
    scope: 'person:write',
    handler: async ({ project, request, reply }) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw validationError('Expected an object.');
      const ids = idList(body.ids, 'ids');
      const distinctIds = idList(body.distinct_ids, 'distinct_ids');
      if (ids && distinctIds) throw validationError('You must provide either distinct_ids or ids, not both');
      if (!ids && !distinctIds) throw validationError('You need to specify either distinct_ids or ids');
      const options = optionsOf(bodyFlag(body.delete_events, 'delete_events'), bodyFlag(body.delete_recordings, 'delete_recordings'), bodyFlag(body.keep_person, 'keep_person'));
      const found = new Map<number, PersonRecord>();
      for (const id of ids ?? distinctIds!) {
        const person = await findPersonByAnyId(deps.persons, project.id, id, ids ? 'id' : 'distinct_id');
        if (person) found.set(person.id, person);
      }
      const deleted = await deletePersons(deps, project.id, [...found.values()], options);
      const queued = found.size > 0;
      return reply.code(202).send({
        persons_found: found.size,
        persons_deleted: deleted,
        events_queued_for_deletion: options.deleteEvents && queued,
        recordings_queued_for_deletion: options.deleteRecordings && queued,
        deletion_errors: [],
      });
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/persons/deletion_status/',
    scope: 'person:read',
    schema: { querystring: StatusQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { status?: DeletionStatus; person_uuid?: string; limit?: number; offset?: number };
      const page = pageOf(q);
      const { count, deletions } = await deps.deletions.list(project.id, { status: q.status ?? 'all', personUuid: q.person_uuid?.toLowerCase(), ...page });
      return {
        count,
        ...pageLinks(request, page, page.offset + page.limit < count),
        results: deletions.map((d) => ({
          person_uuid: d.personUuid,
          created_at: d.createdAt,
          status: d.deleteVerifiedAt ? 'completed' : 'pending',
          delete_verified_at: d.deleteVerifiedAt,
        })),
      };
    },
  });
}

/** Recordings follow events unless asked for on their own (the brief's "delete_events also deletes recordings"). */
function optionsOf(deleteEvents: boolean | undefined, deleteRecordings: boolean | undefined, keepPerson: boolean | undefined): DeleteOptions {
  return { deleteEvents: deleteEvents === true, deleteRecordings: deleteRecordings ?? deleteEvents === true, keepPerson: keepPerson === true };
}

/** A query flag: present without a value, `true`/`1` -> true; `false`/`0` -> false. */
function flag(value: string | undefined, attr: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw validationError('Must be a valid boolean.', attr);
}

function bodyFlag(value: unknown, attr: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  return flag(typeof value === 'string' ? value : '?', attr);
}

function idList(value: unknown, attr: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((v) => (typeof v !== 'string' || v === '') && typeof v !== 'number')) throw validationError('Expected a list of ids.', attr);
  if (value.length > MAX_BULK) throw validationError(`You can only pass ${MAX_BULK} ${attr} in one call`, attr);
  return value.length === 0 ? null : value.map(String);
}
