import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { PUBLIC_API_ROUTES, publicRoute } from '../../apps/server/src/accounts/public-routes.js';
import { buildApp } from '../../apps/server/src/app.js';
import { hashApiKey, maskApiKey } from '../../apps/server/src/auth/api-key-format.js';
import { SessionStore } from '../../apps/server/src/auth/session-store.js';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import { createLogger } from '../../apps/server/src/platform/logger.js';
import { startWarren, type Warren } from '../../apps/server/src/runtime.js';

/*
 * Walks the route table of a real app (the same deps main() builds) and proves, route by route:
 * - every /api/ route declares a scope, or is one of the public routes listed in accounts/public-routes.ts;
 * - every scoped route answers 401 to a request without credentials;
 * - a key limited to project 1 gets 403 or 404 for project 2 on every project route (and is let into project 1);
 * - every state-changing route refuses a write that rides on the session cookie without the CSRF token.
 * SDK paths under /api/ (flag definitions for local evaluation) authenticate by their own rules and stay out.
 */
const SDK_PATHS = new Set(['/api/feature_flag/local_evaluation']);
const FULL_KEY = 'phx_routeTableFullKey000000000000000000001';
const PROJECT_1_KEY = 'phx_routeTableProjectOneKey0000000000000001';

interface Route {
  method: string;
  url: string;
  scope: string | undefined;
}

let warren: Warren;
let app: FastifyInstance;
let sessionToken: string;
const routes: Route[] = [];

before(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-routes-'));
  const config = loadConfig({
    WARREN_DATA_DIR: dataDir,
    WARREN_BOOTSTRAP_EMAIL: 'owner@example.com',
    WARREN_BOOTSTRAP_PERSONAL_API_KEY: FULL_KEY,
    WARREN_LOG_LEVEL: 'silent',
    WARREN_INGEST_WORKERS: '0',
  });
  warren = await startWarren(config, createLogger('silent'));
  // A second app over the same deps, watched as its routes are registered.
  app = await buildApp({
    ...warren.deps,
    onRoute: (route: RouteOptions) => {
      for (const method of [route.method].flat()) {
        routes.push({ method, url: route.url, scope: (route.config as { scope?: string } | undefined)?.scope });
      }
    },
  });
  await app.ready();
  const db = warren.deps.metaDb;
  const first = await db.selectFrom('projects').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  // Project 2 belongs to the same organization: only the key's project limit stands between it and the caller.
  await db.insertInto('projects').values({ ...first, id: 2, uuid: randomUUID(), name: 'Second', api_token: 'phc_routeTableSecondProject0001', secret_api_token_hash: null }).execute();
  const owner = await db.selectFrom('users').select('id').where('email', '=', 'owner@example.com').executeTakeFirstOrThrow();
  await db
    .insertInto('personal_api_keys')
    .values({
      id: randomUUID(),
      user_id: owner.id,
      label: 'project 1 only',
      secure_value: hashApiKey(PROJECT_1_KEY),
      mask_value: maskApiKey(PROJECT_1_KEY),
      scopes: JSON.stringify(['*']),
      scoped_teams: JSON.stringify([1]),
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  sessionToken = (await new SessionStore(db).create(owner.id)).token;
});

after(async () => {
  await app?.close();
  await warren?.close();
});

const managementRoutes = () => routes.filter((r) => r.url.startsWith('/api/') && !SDK_PATHS.has(r.url.replace(/\/$/, '')));

/** A concrete URL for a route pattern: the project given, the current organization, `1` for other ids. */
function concrete(url: string, projectId: string): string {
  return url.replace(/:([a-z_]+)/g, (_, name: string) => (name === 'project_id' ? projectId : name === 'organization_id' ? '@current' : '1'));
}

async function call(method: string, url: string, key: string | null) {
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(['POST', 'PATCH', 'PUT'].includes(method) ? { payload: {} } : {}),
  });
  return { status: res.statusCode, body: res.body };
}

test('every /api/ management route declares a scope, or is listed as public in one place', () => {
  const found = managementRoutes();
  assert.ok(found.length > 50, `the walk saw ${found.length} routes`);
  const undeclared = found.filter((r) => !r.scope && !publicRoute(r.method === 'HEAD' ? 'GET' : r.method, r.url));
  assert.deepEqual(undeclared, []);
  for (const listed of PUBLIC_API_ROUTES) {
    assert.ok(found.some((r) => r.method === listed.method && r.url === listed.url), `${listed.method} ${listed.url} is listed public but not registered`);
  }
});

test('every scoped route answers 401 without credentials', async () => {
  const answers = [];
  for (const route of managementRoutes().filter((r) => r.scope)) {
    const res = await call(route.method, concrete(route.url, '1'), null);
    answers.push(`${route.method} ${route.url} -> ${res.status}`);
  }
  assert.deepEqual(answers.filter((a) => !a.endsWith('-> 401')), []);
});

test('a key limited to project 1 gets 403 or 404 on project 2 for every project route, and reaches project 1', async () => {
  const projectRoutes = managementRoutes().filter((r) => r.url.includes(':project_id'));
  assert.ok(projectRoutes.length > 20);
  const leaks = [];
  for (const route of projectRoutes) {
    const res = await call(route.method, concrete(route.url, '2'), PROJECT_1_KEY);
    if (res.status !== 403 && res.status !== 404) leaks.push(`${route.method} ${route.url} -> ${res.status} ${res.body.slice(0, 120)}`);
  }
  assert.deepEqual(leaks, []);
  // The same key on its own project is not refused (reads only: the walk must not change project 1).
  const refused = [];
  for (const route of projectRoutes.filter((r) => r.method === 'GET')) {
    const res = await call(route.method, concrete(route.url, '1'), PROJECT_1_KEY);
    if (res.status === 401 || res.body.includes('does not have access to the requested project')) refused.push(`${route.method} ${route.url} -> ${res.status}`);
  }
  assert.deepEqual(refused, []);
  assert.equal((await call('GET', '/api/projects/2/actions/', FULL_KEY)).status, 200, 'an unlimited key of the same user reaches project 2');
});

test('every state-changing /api/ route refuses a write on the session cookie without the CSRF token', async () => {
  const writes = managementRoutes().filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
  const startsSession = writes.filter((r) => publicRoute(r.method, r.url)?.startsSession);
  const unguarded = [];
  for (const route of writes.filter((r) => !startsSession.includes(r))) {
    const res = await app.inject({
      method: route.method as 'POST',
      url: concrete(route.url, '1'),
      headers: { cookie: `warren_sessionid=${sessionToken}` },
      ...(['POST', 'PATCH', 'PUT'].includes(route.method) ? { payload: {} } : {}),
    });
    if (res.statusCode !== 403 || !res.body.includes('CSRF Failed')) unguarded.push(`${route.method} ${route.url} -> ${res.statusCode}`);
  }
  assert.deepEqual(unguarded, []);
  assert.ok(writes.length - startsSession.length > 30);
});
