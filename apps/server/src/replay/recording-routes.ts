import type { FastifyInstance } from 'fastify';
import type { SessionRecordingApi, SessionRecordingPatchApi } from '@warren/shared/replay-api';
import type { Authenticator } from '../auth/authenticator.js';
import type { PersonRepository } from '../identity/person-repository.js';
import { notFound, validationError } from '../platform/app-error.js';
import { registerProjectRoute, type ProjectRequestContext } from '../platform/project-route.js';
import type { EventStore } from '../storage/event-store.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { RecordingReader, type ReaderScope } from './recording-reader.js';
import { retentionDaysOf } from './recording-retention.js';
import { RecordingUserState } from './recording-user-state.js';
import { recordingsQueryFrom } from './recordings-query.js';
import { snapshotLines, snapshotSources } from './snapshot-blocks.js';

export interface RecordingRouteDeps {
  db: MetaDb;
  store: EventStore;
  persons: PersonRepository;
}

/** Blocks one snapshots call may ask for: fewer with a personal API key, as PostHog limits them. */
const MAX_KEYS_WITH_API_KEY = 20;
const MAX_KEYS = 100;
const ID = /^[\w.:@-]{1,200}$/;

/** `/session_recordings/`: list, retrieve, viewed, soft delete, and the two-step snapshots protocol (blob_v2). */
export function registerRecordingRoutes(app: FastifyInstance, authenticator: Authenticator, deps: RecordingRouteDeps): void {
  const userState = new RecordingUserState(deps.db);
  const reader = new RecordingReader({ store: deps.store, persons: deps.persons, userState });
  const scopeOf = ({ project, principal }: ProjectRequestContext): ReaderScope => ({
    teamId: project.id,
    retentionDays: retentionDaysOf(project),
    userId: principal.userId,
    testAccountFilters: project.testAccountFilters ?? [],
  });
  const load = async (ctx: ProjectRequestContext): Promise<SessionRecordingApi> => {
    const id = (ctx.request.params as { recording_id: string }).recording_id;
    const recording = ID.test(id) ? await reader.get(scopeOf(ctx), id) : null;
    if (!recording) throw notFound();
    return recording;
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/session_recordings/',
    scope: 'session_recording:read',
    handler: async (ctx) => reader.list(scopeOf(ctx), recordingsQueryFrom(ctx.request.query as Record<string, unknown>, new Date())),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/session_recordings/:recording_id/',
    scope: 'session_recording:read',
    handler: load,
  });

  registerProjectRoute(app, authenticator, {
    method: 'PATCH',
    path: '/session_recordings/:recording_id/',
    scope: 'session_recording:write',
    handler: async (ctx) => {
      const recording = await load(ctx);
      const body = (ctx.request.body ?? {}) as SessionRecordingPatchApi;
      const viewed = body.viewed ?? body.analyzed;
      if (viewed !== undefined && typeof viewed !== 'boolean') throw validationError('Must be a valid boolean.', 'viewed');
      if (viewed !== undefined) await userState.setViewed(ctx.project.id, recording.id, ctx.principal.userId, viewed);
      return load(ctx);
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/session_recordings/:recording_id/',
    scope: 'session_recording:write',
    handler: async (ctx) => {
      const recording = await load(ctx);
      await userState.markDeleted(ctx.project.id, recording.id, ctx.principal.userId);
      return ctx.reply.code(204).send();
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/session_recordings/:recording_id/snapshots/',
    scope: 'session_recording:read',
    handler: async (ctx) => {
      const recording = await load(ctx);
      const q = ctx.request.query as Record<string, string | undefined>;
      if (q.source === undefined) return snapshotSources(deps.store, ctx.project.id, recording.id);
      if (q.source !== 'blob_v2') throw validationError('Only the blob_v2 source is served.', 'source', 'invalid_choice');
      const [first, last] = keyRange(q, ctx.principal.keyId !== null ? MAX_KEYS_WITH_API_KEY : MAX_KEYS);
      const body = await snapshotLines(deps.store, ctx.project.id, recording.id, first, last);
      return ctx.reply.type('application/jsonl').send(body);
    },
  });
}

/** `blob_key=N`, or `start_blob_key`..`end_blob_key` (inclusive, at most `max` keys). */
function keyRange(q: Record<string, string | undefined>, max: number): [number, number] {
  const key = (value: string | undefined, attr: string) => {
    if (value === undefined || !/^\d{1,15}$/.test(value)) throw validationError('Must be a blob key from the sources list.', attr);
    return Number(value);
  };
  if (q.blob_key !== undefined) {
    const k = key(q.blob_key, 'blob_key');
    return [k, k];
  }
  const first = key(q.start_blob_key, 'start_blob_key');
  const last = key(q.end_blob_key, 'end_blob_key');
  if (last < first) throw validationError('end_blob_key must not be before start_blob_key.', 'end_blob_key');
  if (last - first + 1 > max) throw validationError(`At most ${max} blob keys at once.`, 'end_blob_key');
  return [first, last];
}
