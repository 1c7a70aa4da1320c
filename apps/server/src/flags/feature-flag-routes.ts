import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Authenticator } from '../auth/authenticator.js';
import { ExperimentRepository } from '../experiments/experiment-repository.js';
import { ActivityLog, diffFields } from '../platform/activity-log.js';
import { AppError, notFound } from '../platform/app-error.js';
import { pageLinks, pageOf } from '../platform/pagination.js';
import { registerProjectRoute } from '../platform/project-route.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { flagWriteFrom, staleVersion } from './flag-input.js';
import type { FeatureFlagRecord, FlagRepository } from './flag-repository.js';
import { flagView, toDefinition, type UserSummary } from './flag-view.js';
import type { ProjectFlags } from './project-flags.js';

export interface FeatureFlagRouteDeps {
  db: MetaDb;
  flags: FlagRepository;
  projectFlags: ProjectFlags;
  activity: ActivityLog;
}

const ListQuery = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 200 })),
  active: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('STALE')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const SCOPE = 'FeatureFlag';

/** `/feature_flags/`: list, create, retrieve, update with a version check, soft delete, and the activity log. */
export function registerFeatureFlagRoutes(app: FastifyInstance, authenticator: Authenticator, deps: FeatureFlagRouteDeps): void {
  const users = (ids: (number | null)[]) => userSummaries(deps.db, ids);
  const experiments = new ExperimentRepository(deps.db);
  const experimentSet = async (teamId: number, flagIds: number[]) => experiments.idsByFlag(teamId, flagIds);
  const load = async (teamId: number, rawId: string) => {
    const flag = /^\d{1,12}$/.test(rawId) ? await deps.flags.get(teamId, Number(rawId)) : null;
    if (!flag || flag.deleted) throw notFound();
    return flag;
  };

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/feature_flags/',
    scope: 'feature_flag:read',
    schema: { querystring: ListQuery },
    handler: async ({ project, request }) => {
      const q = request.query as { search?: string; active?: string; limit?: number; offset?: number };
      const page = pageOf(q);
      const active = q.active === 'true' ? true : q.active === 'false' ? false : undefined;
      const { count, flags } = await deps.flags.list(project.id, { search: q.search, active, ...page });
      const summaries = await users(flags.flatMap((f) => [f.createdBy, f.lastModifiedBy]));
      const sets = await experimentSet(project.id, flags.map((f) => f.id));
      return { count, ...pageLinks(request, page, page.offset + page.limit < count), results: flags.map((f) => flagView(f, summaries, sets.get(f.id))) };
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'POST',
    path: '/feature_flags/',
    scope: 'feature_flag:write',
    handler: async ({ project, principal, request, reply }) => {
      const others = (await deps.flags.liveFlags(project.id)).map(toDefinition);
      const write = flagWriteFrom(bodyOf(request.body), null, others);
      if (await deps.flags.keyTaken(project.id, write.key, null)) throw duplicateKey();
      const flag = await deps.flags.create(project.id, write, principal.userId);
      deps.projectFlags.invalidate(project.id);
      await deps.activity.record({ teamId: project.id, scope: SCOPE, itemId: String(flag.id), activity: 'created', userId: principal.userId, name: flag.key, changes: [] });
      return reply.code(201).send(flagView(flag, await users([flag.createdBy])));
    },
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/feature_flags/:flag_id/',
    scope: 'feature_flag:read',
    handler: async ({ project, request }) => {
      const flag = await load(project.id, (request.params as { flag_id: string }).flag_id);
      return flagView(flag, await users([flag.createdBy, flag.lastModifiedBy]), (await experimentSet(project.id, [flag.id])).get(flag.id));
    },
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    registerProjectRoute(app, authenticator, {
      method,
      path: '/feature_flags/:flag_id/',
      scope: 'feature_flag:write',
      handler: async ({ project, principal, request }) => {
        const current = await load(project.id, (request.params as { flag_id: string }).flag_id);
        const body = bodyOf(request.body);
        if (body.version !== undefined && body.version !== current.version) throw staleVersion();
        const others = (await deps.flags.liveFlags(project.id)).filter((f) => f.id !== current.id).map(toDefinition);
        const write = flagWriteFrom(body, current, others);
        if (!write.deleted && (await deps.flags.keyTaken(project.id, write.key, current.id))) throw duplicateKey();
        if (!(await deps.flags.update(project.id, current.id, write, current.version, principal.userId))) throw staleVersion();
        deps.projectFlags.invalidate(project.id);
        const saved = (await deps.flags.get(project.id, current.id))!;
        await deps.activity.record({
          teamId: project.id,
          scope: SCOPE,
          itemId: String(saved.id),
          activity: saved.deleted ? 'deleted' : 'updated',
          userId: principal.userId,
          name: saved.key,
          changes: diffFields(SCOPE, auditable(current), auditable(saved)),
        });
        return flagView(saved, await users([saved.createdBy, saved.lastModifiedBy]), (await experimentSet(project.id, [saved.id])).get(saved.id));
      },
    });
  }

  registerProjectRoute(app, authenticator, {
    method: 'DELETE',
    path: '/feature_flags/:flag_id/',
    scope: 'feature_flag:write',
    handler: async ({ reply }) => reply.code(405).send(),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/feature_flags/activity/',
    scope: 'feature_flag:read',
    handler: async ({ project }) => ({ results: await deps.activity.list(project.id, SCOPE, null, 100), next: null, previous: null }),
  });

  registerProjectRoute(app, authenticator, {
    method: 'GET',
    path: '/feature_flags/:flag_id/activity/',
    scope: 'feature_flag:read',
    handler: async ({ project, request }) => {
      // A deleted flag's history stays readable.
      const rawId = (request.params as { flag_id: string }).flag_id;
      const flag = /^\d{1,12}$/.test(rawId) ? await deps.flags.get(project.id, Number(rawId)) : null;
      if (!flag) throw notFound();
      return { results: await deps.activity.list(project.id, SCOPE, String(flag.id), 100), next: null, previous: null };
    },
  });
}

function auditable(flag: FeatureFlagRecord): Record<string, unknown> {
  return { key: flag.key, name: flag.name, filters: flag.filters, active: flag.active, deleted: flag.deleted, ensure_experience_continuity: flag.ensureExperienceContinuity, tags: flag.tags };
}

function bodyOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError(400, 'invalid_request', 'parse_error', 'JSON parse error - expected an object.');
  return body as Record<string, unknown>;
}

const duplicateKey = () => new AppError(400, 'validation_error', 'unique', 'There is already a feature flag with this key.', 'key');

async function userSummaries(db: MetaDb, ids: (number | null)[]): Promise<Map<number, UserSummary>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'uuid', 'distinct_id', 'first_name', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
