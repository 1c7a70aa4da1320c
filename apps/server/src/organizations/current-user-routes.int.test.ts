import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { Authenticator } from '../auth/authenticator.js';
import { installErrorHandler } from '../platform/error-handler.js';
import { installJsonBodyParser } from '../platform/json-body-parser.js';
import { bootstrapInstall } from '../projects/bootstrap-install.js';
import { metaDialectsForTests } from '../projects/meta-dialects-for-tests.js';
import { ProjectRepository } from '../projects/project-repository.js';
import type { MetaDb } from '../storage/meta-schema.js';
import { registerCurrentUserRoutes, type CurrentUserRouteDeps } from './current-user-routes.js';
import { OrganizationRepository } from './organization-repository.js';

const bootstrap = { projectToken: 'phc_first', projectSecretKey: null, personalApiKey: 'phx_owner', email: 'owner@example.com', password: null };

/** The user routes alone on a fresh install, called in-process with the owner's key. */
async function userApp(db: MetaDb, changePassword?: CurrentUserRouteDeps['changePassword']) {
  await bootstrapInstall(db, bootstrap);
  const projects = new ProjectRepository(db);
  const app = Fastify();
  installErrorHandler(app);
  installJsonBodyParser(app);
  registerCurrentUserRoutes(app, new Authenticator(db, projects), { db, organizations: new OrganizationRepository(db), projects, changePassword });
  const call = async (method: 'GET' | 'PATCH', body?: unknown) => {
    const res = await app.inject({ method, url: '/api/users/@me/', headers: { authorization: 'Bearer phx_owner' }, ...(body ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  return { app, call, projects };
}

for (const [name, open] of metaDialectsForTests()) {
  test(`${name}: PATCH /api/users/@me/ edits the name and email, switches project and organization, refuses what it cannot do`, async () => {
    const db = await open();
    const { app, call } = await userApp(db);
    const owner = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const second = await new OrganizationRepository(db).create('Second', owner.id);
    await db.insertInto('users').values({ uuid: crypto.randomUUID(), distinct_id: 'x', email: 'taken@example.com', first_name: '', password_hash: null, current_project_id: null, created_at: '2024-01-01T00:00:00Z' }).execute();

    assert.equal((await call('GET')).body.team.id, second.project.id);
    const switched = await call('PATCH', { set_current_team: 1, first_name: ' Ana ', email: 'Ana@Example.com' });
    assert.equal(switched.status, 200, JSON.stringify(switched.body));
    assert.deepEqual([switched.body.team.id, switched.body.organization.name, switched.body.first_name, switched.body.email], [1, 'Default organization', 'Ana', 'ana@example.com']);
    const byOrganization = await call('PATCH', { set_current_organization: second.organization.id });
    assert.deepEqual([byOrganization.body.team.id, byOrganization.body.organization.id], [second.project.id, second.organization.id]);

    const refusals: [unknown, number, string | null][] = [
      [{ email: 'TAKEN@example.com' }, 400, 'email'],
      [{ email: 'nope' }, 400, 'email'],
      [{ set_current_team: 999 }, 400, 'set_current_team'],
      [{ set_current_organization: '00000000-0000-0000-0000-000000000000' }, 400, 'set_current_organization'],
      [{ is_staff: true }, 403, null],
      [{ password: 'a-new-password', current_password: 'old' }, 400, 'password'],
    ];
    for (const [body, status, attr] of refusals) {
      const res = await call('PATCH', body);
      assert.deepEqual([res.status, res.body.attr], [status, attr], JSON.stringify(body));
    }
    assert.equal((await call('GET')).body.email, 'ana@example.com', 'refused updates change nothing');
    await app.close();
  });
}

test('a password change in the PATCH goes to the accounts module, after the other fields are validated', async () => {
  const [[, open]] = metaDialectsForTests();
  const changes: unknown[] = [];
  const { app, call } = await userApp(await open(), async (principal, body) => void changes.push([principal.userId, body.password]));
  assert.equal((await call('PATCH', { password: 'pw', email: 'bad' })).status, 400);
  assert.deepEqual(changes, [], 'nothing changes when another field is refused');
  const ok = await call('PATCH', { password: 'pw', first_name: 'Bo' });
  assert.deepEqual([ok.status, ok.body.first_name, changes], [200, 'Bo', [[1, 'pw']]]);
  await app.close();
});
