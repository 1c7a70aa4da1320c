import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Personal API keys through `/api/personal_api_keys/`, managed with the bootstrap key (every scope, no project
 * limit), and what the keys it creates may and may not reach.
 */
let warren: WarrenProcess;
let secondProject: number;

before(async () => {
  warren = await spawnWarren();
  const org = await api(warren, 'POST', '/api/organizations/', { name: 'Other' });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  secondProject = org.body.teams[0].id;
});
after(async () => warren?.stop());

/** Calls the API with a given key (in the Authorization header). */
async function as(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(warren.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

const hogql = { query: { kind: 'HogQLQuery', query: 'select 1' } };

test('a key limited to one project reaches only that project, and only project routes', async () => {
  const created = await api(warren, 'POST', '/api/personal_api_keys/', { label: 'Other only', scopes: ['*'], scoped_teams: [secondProject] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const key: string = created.body.value;
  assert.match(key, /^phx_[0-9A-Za-z]{40,}$/);
  assert.deepEqual([created.body.label, created.body.scoped_teams, created.body.mask_value], ['Other only', [secondProject], `phx_...${key.slice(-4)}`]);

  const denied = await as(key, 'GET', '/api/projects/1/feature_flags/');
  assert.deepEqual([denied.status, denied.body.code, denied.body.detail], [403, 'permission_denied', 'API key does not have access to the requested project: ID 1.']);
  assert.equal((await as(key, 'POST', '/api/projects/1/query/', hogql)).status, 403);
  assert.equal((await as(key, 'GET', '/api/projects/1/')).status, 403);
  assert.equal((await as(key, 'GET', `/api/projects/${secondProject}/feature_flags/`)).status, 200);
  assert.equal((await as(key, 'POST', `/api/projects/${secondProject}/query/`, hogql)).status, 200);
  const listed = await as(key, 'GET', '/api/projects/');
  assert.deepEqual(listed.body.results.map((p: { id: number }) => p.id), [secondProject], 'the project list shows only its project');
  assert.equal((await as(key, 'GET', '/api/organizations/')).status, 403);
  assert.equal((await as(key, 'GET', '/api/users/@me/')).status, 200, '@me is exempt from project limits, as in PostHog');
  const mint = await as(key, 'POST', '/api/personal_api_keys/', { label: 'Escalate', scopes: ['*'] });
  assert.equal(mint.status, 403, 'a limited key cannot mint an unlimited one');
});

test('a key with only feature_flag:read reads flags but cannot query, and can be widened with PATCH', async () => {
  const created = await api(warren, 'POST', '/api/personal_api_keys/', { label: 'Flags', scopes: ['feature_flag:read'] });
  const key: string = created.body.value;
  assert.equal((await as(key, 'GET', '/api/projects/1/feature_flags/')).status, 200);
  const query = await as(key, 'POST', '/api/projects/1/query/', hogql);
  assert.deepEqual([query.status, query.body.detail], [403, "API key missing required scope 'query:read'"]);
  assert.equal((await as(key, 'POST', '/api/projects/1/feature_flags/', { key: 'x' })).status, 403);
  assert.equal((await as(key, 'GET', '/api/personal_api_keys/')).status, 403, 'a narrow key cannot manage keys');

  const widened = await api(warren, 'PATCH', `/api/personal_api_keys/${created.body.id}/`, { label: 'Flags and queries', scopes: ['feature_flag:read', 'query:read'] });
  assert.equal(widened.status, 200, JSON.stringify(widened.body));
  assert.deepEqual([widened.body.label, widened.body.scopes, widened.body.value], ['Flags and queries', ['feature_flag:read', 'query:read'], null]);
  assert.equal((await as(key, 'POST', '/api/projects/1/query/', hogql)).status, 200);
});

test('listing never shows a value; roll replaces the value; a deleted key is refused at once', async () => {
  const created = await api(warren, 'POST', '/api/personal_api_keys/', { label: 'Script', scopes: ['user:read', 'query:read'] });
  const key: string = created.body.value;
  assert.equal((await as(key, 'GET', '/api/users/@me/')).status, 200);
  const self = await as(key, 'GET', '/api/personal_api_keys/@current/');
  assert.deepEqual([self.status, self.body.id, self.body.value], [200, created.body.id, null], 'a key can read itself');

  const list = await api(warren, 'GET', '/api/personal_api_keys/');
  assert.equal(list.status, 200);
  assert.ok(Array.isArray(list.body), 'a plain array, as in PostHog');
  assert.equal(list.body[0].id, created.body.id, 'newest first');
  for (const item of list.body) {
    assert.equal(item.value, null);
    assert.match(item.mask_value, /^phx_\.\.\..{4}$/);
  }
  assert.ok(!JSON.stringify(list.body).includes(key.slice(4, 20)));
  assert.ok(list.body.find((k: { id: string }) => k.id === created.body.id).last_used_at, 'last_used_at is set by use');
  const bootstrapKey = list.body.find((k: { label: string }) => k.label === 'Bootstrap key');
  assert.deepEqual(bootstrapKey.scopes, ['*']);
  assert.equal((await api(warren, 'GET', `/api/personal_api_keys/${created.body.id}/`)).body.value, null);

  const rolled = await api(warren, 'POST', `/api/personal_api_keys/${created.body.id}/roll/`);
  assert.equal(rolled.status, 200, JSON.stringify(rolled.body));
  assert.notEqual(rolled.body.value, key);
  assert.ok(rolled.body.last_rolled_at);
  const stale = await as(key, 'GET', '/api/users/@me/');
  assert.deepEqual([stale.status, stale.body.code], [401, 'authentication_failed']);
  assert.equal((await as(rolled.body.value, 'GET', '/api/users/@me/')).status, 200);

  assert.equal((await api(warren, 'DELETE', `/api/personal_api_keys/${created.body.id}/`)).status, 204);
  assert.equal((await as(rolled.body.value, 'GET', '/api/users/@me/')).status, 401);
  assert.equal((await api(warren, 'GET', `/api/personal_api_keys/${created.body.id}/`)).status, 404);
});

test('creating keys validates scopes, project limits and the number of keys', async () => {
  const bad = async (body: object) => (await api(warren, 'POST', '/api/personal_api_keys/', body)).body.attr;
  assert.equal(await bad({ label: 'x', scopes: ['flags:read'] }), 'scopes');
  assert.equal(await bad({ label: 'x', scopes: [] }), 'scopes');
  assert.equal(await bad({ scopes: ['*'] }), 'label');
  assert.equal(await bad({ label: 'x', scopes: ['*'], scoped_teams: [999] }), 'scoped_teams');
  const existing = (await api(warren, 'GET', '/api/personal_api_keys/')).body.length;
  for (let i = existing; i < 10; i++) assert.equal((await api(warren, 'POST', '/api/personal_api_keys/', { label: `k${i}`, scopes: ['query:read'] })).status, 201);
  const eleventh = await api(warren, 'POST', '/api/personal_api_keys/', { label: 'one too many', scopes: ['query:read'] });
  assert.deepEqual([eleventh.status, eleventh.body.type], [400, 'validation_error']);
});
