import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../support/api-client.js';
import { createFlag, flagsV2, postFlags, simpleFlagBody } from '../support/flags-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

// Scoped personal keys (a key without feature_flag:write must get 403) need a second key, which only the accounts
// API can mint; until it exists this file checks the credential failures it can reach: 401 and another project's 404.

const FLAGS = '/api/projects/1/feature_flags/';
const OWNER_EMAIL = 'owner@example.com';

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren();
});
after(async () => {
  await warren?.stop();
});

const multivariateBody = (key: string) => ({
  key,
  name: 'Checkout experiment',
  filters: {
    groups: [
      { properties: [{ key: 'email', type: 'person', value: '@acme.com', operator: 'icontains' }], rollout_percentage: 100, variant: 'test' },
      { properties: [], rollout_percentage: 100, variant: null },
    ],
    multivariate: {
      variants: [
        { key: 'control', name: 'Control', rollout_percentage: 50 },
        { key: 'test', name: 'Test', rollout_percentage: 50 },
      ],
    },
    payloads: { control: { color: 'blue' }, test: '{"color":"green"}' },
  },
});

async function rawRequest(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(warren.url + path, { method, headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

test('POST creates a flag (201) in PostHog shape, payload objects stored as JSON strings, and GET :id/ returns the same object', async () => {
  const started = Date.now();
  const created = await api(warren, 'POST', FLAGS, multivariateBody('shape-flag'));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const flag = created.body;
  assert.equal(typeof flag.id, 'number');
  assert.equal(flag.key, 'shape-flag');
  assert.equal(flag.name, 'Checkout experiment');
  assert.equal(flag.active, true, 'flags are active unless told otherwise');
  assert.equal(flag.deleted, false);
  assert.equal(flag.version, 1);
  assert.equal(flag.ensure_experience_continuity, false);
  assert.deepEqual(flag.tags, []);
  assert.equal(flag.created_by.email, OWNER_EMAIL);
  assert.equal(flag.last_modified_by?.email ?? OWNER_EMAIL, OWNER_EMAIL);
  assert.ok(Date.parse(flag.created_at) >= started - 1000 && Date.parse(flag.created_at) <= Date.now() + 1000, flag.created_at);
  assert.deepEqual(flag.filters.multivariate.variants.map((v: { key: string }) => v.key), ['control', 'test']);
  assert.deepEqual(flag.filters.payloads, { control: '{"color":"blue"}', test: '{"color":"green"}' }, 'payloads are JSON strings, objects stringified');
  assert.equal(flag.filters.groups[0].variant, 'test');

  const fetched = await api(warren, 'GET', `${FLAGS}${flag.id}/`);
  assert.equal(fetched.status, 200);
  assert.deepEqual(fetched.body, flag);
  const viaEnvironments = await api(warren, 'GET', `/api/environments/1/feature_flags/${flag.id}/`);
  assert.equal(viaEnvironments.status, 200);
  assert.equal(viaEnvironments.body.key, 'shape-flag');
  const missing = await api(warren, 'GET', `${FLAGS}999999/`);
  assert.equal(missing.status, 404);
  assert.deepEqual({ type: missing.body.type, code: missing.body.code }, { type: 'invalid_request', code: 'not_found' });
});

test('the list is paginated with count and absolute next/previous URLs, newest first', async () => {
  for (let i = 0; i < 5; i++) await createFlag(warren, simpleFlagBody(`page-${i}`, 100));
  const first = await api(warren, 'GET', `${FLAGS}?search=page-&limit=2`);
  assert.equal(first.status, 200);
  assert.equal(first.body.count, 5);
  assert.deepEqual(first.body.results.map((f: { key: string }) => f.key), ['page-4', 'page-3']);
  assert.equal(first.body.previous, null);
  assert.ok(first.body.next.startsWith(`${warren.url}/api/projects/1/feature_flags/`), first.body.next);
  const nextUrl = new URL(first.body.next);
  assert.equal(nextUrl.searchParams.get('limit'), '2');
  assert.equal(nextUrl.searchParams.get('offset'), '2');
  assert.equal(nextUrl.searchParams.get('search'), 'page-', 'the next link keeps the filters');

  const second = await api(warren, 'GET', nextUrl.pathname + nextUrl.search);
  assert.deepEqual(second.body.results.map((f: { key: string }) => f.key), ['page-2', 'page-1']);
  assert.ok(second.body.previous, 'the second page links back');
  assert.equal(new URL(second.body.previous).searchParams.get('offset'), '0');
  const third = await api(warren, 'GET', new URL(second.body.next).pathname + new URL(second.body.next).search);
  assert.deepEqual(third.body.results.map((f: { key: string }) => f.key), ['page-0']);
  assert.equal(third.body.next, null);

  const all = await api(warren, 'GET', FLAGS);
  assert.equal(all.body.results.length, all.body.count, 'the default page (100) holds every flag here');
  const environments = await api(warren, 'GET', '/api/environments/1/feature_flags/?search=page-');
  assert.equal(environments.body.count, 5);
});

test('search matches key or name case-insensitively and active filters on and off flags', async () => {
  await createFlag(warren, { ...simpleFlagBody('srch-alpha', 100), name: 'Checkout Redesign' });
  await createFlag(warren, { ...simpleFlagBody('srch-beta', 100), active: false });
  const byName = await api(warren, 'GET', `${FLAGS}?search=REDESIGN`);
  assert.deepEqual(byName.body.results.map((f: { key: string }) => f.key), ['srch-alpha']);
  const byKey = await api(warren, 'GET', `${FLAGS}?search=SRCH-`);
  assert.equal(byKey.body.count, 2);
  const inactive = await api(warren, 'GET', `${FLAGS}?search=srch-&active=false`);
  assert.deepEqual(inactive.body.results.map((f: { key: string }) => f.key), ['srch-beta']);
  const active = await api(warren, 'GET', `${FLAGS}?search=srch-&active=true`);
  assert.deepEqual(active.body.results.map((f: { key: string }) => f.key), ['srch-alpha']);
});

test('search treats _ and % as plain characters, like PostHog icontains', async () => {
  await createFlag(warren, simpleFlagBody('lit-a_b', 100));
  await createFlag(warren, simpleFlagBody('lit-axb', 100));
  const underscore = await api(warren, 'GET', `${FLAGS}?search=${encodeURIComponent('lit-a_b')}`);
  assert.deepEqual(underscore.body.results.map((f: { key: string }) => f.key), ['lit-a_b'], '_ is not a one-character wildcard');
  const percent = await api(warren, 'GET', `${FLAGS}?search=${encodeURIComponent('%')}`);
  assert.equal(percent.body.count, 0, 'no key or name contains %, so nothing matches');
});

test('PATCH changes only the fields sent, bumps the version and records who changed it', async () => {
  const flag = await createFlag(warren, multivariateBody('patch-me'));
  const renamed = await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { name: 'Renamed' });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.equal(renamed.body.name, 'Renamed');
  assert.equal(renamed.body.key, 'patch-me');
  assert.deepEqual(renamed.body.filters, flag.filters, 'filters untouched by a PATCH that does not send them');
  assert.equal(renamed.body.version, 2);
  assert.equal(renamed.body.last_modified_by.email, OWNER_EMAIL);
  assert.ok(Date.parse(renamed.body.updated_at) >= Date.parse(flag.updated_at));

  const withVersion = await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { version: 2, filters: { groups: [{ properties: [], rollout_percentage: 30 }] } });
  assert.equal(withVersion.status, 200, JSON.stringify(withVersion.body));
  assert.equal(withVersion.body.version, 3);
  assert.equal(withVersion.body.filters.groups[0].rollout_percentage, 30);
  assert.equal(withVersion.body.rollout_percentage, 30, 'legacy rollout_percentage of a simple flag');

  const stale = await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { version: 2, active: false });
  assert.equal(stale.status, 409, JSON.stringify(stale.body));
  assert.equal(typeof stale.body.type, 'string');
  assert.equal(typeof stale.body.detail, 'string');
  const unchanged = await api(warren, 'GET', `${FLAGS}${flag.id}/`);
  assert.equal(unchanged.body.version, 3, 'a 409 changes nothing');
  assert.equal(unchanged.body.active, true);

  const other = await createFlag(warren, simpleFlagBody('patch-other', 100));
  const clash = await api(warren, 'PATCH', `${FLAGS}${other.id}/`, { key: 'patch-me' });
  assert.equal(clash.status, 400);
  assert.deepEqual({ type: clash.body.type, code: clash.body.code, attr: clash.body.attr }, { type: 'validation_error', code: 'unique', attr: 'key' });
});

test('PUT replaces the flag and honours the version check too', async () => {
  const flag = await createFlag(warren, simpleFlagBody('put-me', 100));
  const body = { key: 'put-me-renamed', name: 'Put', active: false, filters: { groups: [{ properties: [], rollout_percentage: 10 }], payloads: { true: { a: 1 } } } };
  const put = await api(warren, 'PUT', `${FLAGS}${flag.id}/`, { ...body, version: 1 });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.key, 'put-me-renamed');
  assert.equal(put.body.name, 'Put');
  assert.equal(put.body.active, false);
  assert.equal(put.body.version, 2);
  assert.deepEqual(put.body.filters.payloads, { true: '{"a":1}' });
  const stale = await api(warren, 'PUT', `${FLAGS}${flag.id}/`, { ...body, version: 1 });
  assert.equal(stale.status, 409);
  const reused = await api(warren, 'POST', FLAGS, simpleFlagBody('put-me', 100));
  assert.equal(reused.status, 201, 'renaming freed the old key');
});

test('validation errors come back as {type: validation_error, code, detail, attr} and create nothing', async () => {
  await createFlag(warren, simpleFlagBody('taken-key', 100));
  const before = (await api(warren, 'GET', FLAGS)).body.count;
  const groups = [{ properties: [], rollout_percentage: 100 }];
  const variants = (a: number, b: number) => ({ variants: [{ key: 'a', rollout_percentage: a }, { key: 'b', rollout_percentage: b }] });
  const cases: Array<{ name: string; body: Record<string, unknown>; code?: string; attr: string | RegExp }> = [
    { name: 'key with a space', body: { key: 'bad key', filters: { groups } }, code: 'invalid_key', attr: 'key' },
    { name: 'key with a slash', body: { key: 'a/b', filters: { groups } }, attr: 'key' },
    { name: 'missing key', body: { filters: { groups } }, code: 'required', attr: 'key' },
    { name: 'variants summing to 90', body: { key: 'v-sum', filters: { groups, multivariate: variants(50, 40) } }, attr: /^filters__multivariate/ },
    { name: 'payload for an unknown variant', body: { key: 'v-payload', filters: { groups, multivariate: variants(50, 50), payloads: { c: '1' } } }, attr: /^filters/ },
    { name: 'payload key other than "true" on a boolean flag', body: { key: 'b-payload', filters: { groups, payloads: { yes: '1' } } }, attr: /^filters/ },
    { name: 'rollout above 100', body: { key: 'r-101', filters: { groups: [{ properties: [], rollout_percentage: 101 }] } }, attr: 'filters__groups__0__rollout_percentage' },
    { name: 'negative rollout in the second group', body: { key: 'r-neg', filters: { groups: [...groups, { properties: [], rollout_percentage: -1 }] } }, attr: 'filters__groups__1__rollout_percentage' },
    { name: 'variant override that is not a variant', body: { key: 'v-over', filters: { groups: [{ properties: [], variant: 'zzz' }], multivariate: variants(50, 50) } }, attr: /^filters__groups__0/ },
    { name: 'regex RE2 cannot compile', body: { key: 'bad-re', filters: { groups: [{ properties: [{ key: 'e', type: 'person', operator: 'regex', value: '(' }] }] } }, attr: /^filters__groups__0__properties__0/ },
    { name: 'duplicate key', body: simpleFlagBody('taken-key', 50), code: 'unique', attr: 'key' },
  ];
  for (const c of cases) {
    const res = await api(warren, 'POST', FLAGS, c.body);
    assert.equal(res.status, 400, `${c.name}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.type, 'validation_error', c.name);
    assert.equal(typeof res.body.detail, 'string', c.name);
    assert.equal(typeof res.body.code, 'string', c.name);
    if (c.code) assert.equal(res.body.code, c.code, c.name);
    if (typeof c.attr === 'string') assert.equal(res.body.attr, c.attr, c.name);
    else assert.match(String(res.body.attr), c.attr, c.name);
  }
  const duplicate = await api(warren, 'POST', FLAGS, simpleFlagBody('taken-key', 50));
  assert.equal(duplicate.body.detail, 'There is already a feature flag with this key.');
  assert.equal((await api(warren, 'GET', FLAGS)).body.count, before, 'no invalid flag was stored');
});

test("a key longer than 400 characters (PostHog's CharField max_length) is refused with code max_length", async () => {
  const longest = await api(warren, 'POST', FLAGS, simpleFlagBody('k'.repeat(400), 100));
  assert.equal(longest.status, 201, '400 characters are fine');
  const tooLong = await api(warren, 'POST', FLAGS, simpleFlagBody('k'.repeat(5000), 100));
  assert.equal(tooLong.status, 400, `a 5,000-character key answered ${tooLong.status}`);
  assert.deepEqual({ type: tooLong.body.type, code: tooLong.body.code, attr: tooLong.body.attr }, { type: 'validation_error', code: 'max_length', attr: 'key' });
});

test('a PATCH that fails validation changes nothing, and a body that is not JSON is a parse error', async () => {
  const flag = await createFlag(warren, simpleFlagBody('patch-invalid', 40));
  const badPatch = await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { filters: { groups: [{ properties: [], rollout_percentage: 150 }] } });
  assert.equal(badPatch.status, 400);
  assert.equal(badPatch.body.attr, 'filters__groups__0__rollout_percentage');
  const after = await api(warren, 'GET', `${FLAGS}${flag.id}/`);
  assert.equal(after.body.filters.groups[0].rollout_percentage, 40);
  assert.equal(after.body.version, 1);

  const notJson = await fetch(`${warren.url}${FLAGS}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${warren.personalApiKey}`, 'content-type': 'application/json' },
    body: '{"key": ',
  });
  assert.equal(notJson.status, 400);
  assert.equal(((await notJson.json()) as { type: string }).type, 'invalid_request');
});

test('soft delete (PATCH deleted:true) hides the flag everywhere and frees its key', async () => {
  const flag = await createFlag(warren, { ...simpleFlagBody('soon-gone', 100), filters: { groups: [{ properties: [], rollout_percentage: 100 }], payloads: { true: '{"x":1}' } } });
  assert.equal((await flagsV2(warren, { distinct_id: 'del-user' })).flags['soon-gone']?.enabled, true);

  const deleted = await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { deleted: true });
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  assert.equal(deleted.body.deleted, true);
  const gone = await api(warren, 'GET', `${FLAGS}${flag.id}/`);
  assert.equal(gone.status, 404);
  assert.deepEqual({ type: gone.body.type, code: gone.body.code }, { type: 'invalid_request', code: 'not_found' });
  assert.equal((await api(warren, 'GET', `${FLAGS}?search=soon-gone`)).body.count, 0);
  assert.equal((await flagsV2(warren, { distinct_id: 'del-user' })).flags['soon-gone'], undefined, '/flags no longer evaluates it');
  const definitions = await fetch(`${warren.url}/flags/definitions?token=${warren.token}&send_cohorts`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } });
  assert.ok(!((await definitions.json()) as { flags: { key: string }[] }).flags.some((f) => f.key === 'soon-gone'), 'local evaluation no longer serves it');
  const remoteConfig = await api(warren, 'GET', '/api/projects/@current/feature_flags/soon-gone/remote_config/');
  assert.equal(remoteConfig.status, 404);
  assert.equal((await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { name: 'zombie' })).status, 404);

  const again = await api(warren, 'POST', FLAGS, simpleFlagBody('soon-gone', 100));
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.notEqual(again.body.id, flag.id);
  assert.equal(again.body.version, 1);
  const evaluated = await flagsV2(warren, { distinct_id: 'del-user' });
  assert.equal(evaluated.flags['soon-gone'].metadata.id, again.body.id);
  assert.equal(evaluated.flags['soon-gone'].metadata.payload, null, 'the new flag does not inherit the old payload');
});

test('DELETE answers 405 with an empty body and deletes nothing', async () => {
  const flag = await createFlag(warren, simpleFlagBody('undeletable', 100));
  const res = await rawRequest('DELETE', `${FLAGS}${flag.id}/`, { authorization: `Bearer ${warren.personalApiKey}` });
  assert.equal(res.status, 405);
  assert.equal(res.text, '');
  assert.equal((await api(warren, 'GET', `${FLAGS}${flag.id}/`)).status, 200);
});

test('DELETE sent with content-type: application/json and no body still answers 405', async () => {
  const flag = await createFlag(warren, simpleFlagBody('undeletable-json', 100));
  const res = await rawRequest('DELETE', `${FLAGS}${flag.id}/`, { authorization: `Bearer ${warren.personalApiKey}`, 'content-type': 'application/json' });
  assert.equal(res.status, 405, `answered ${res.status} ${res.text}`);
  assert.equal(res.text, '');
});

test('the activity log records who created, updated and deleted a flag, when, and what changed', async () => {
  const started = Date.now();
  const flag = await createFlag(warren, simpleFlagBody('audited', 100));
  await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { name: 'Audited flag', filters: { groups: [{ properties: [], rollout_percentage: 20 }] } });

  const log = await api(warren, 'GET', `${FLAGS}${flag.id}/activity/`);
  assert.equal(log.status, 200);
  assert.deepEqual(log.body.results.map((e: { activity: string }) => e.activity), ['updated', 'created'], 'newest first');
  for (const entry of log.body.results) {
    assert.equal(entry.user.email, OWNER_EMAIL);
    assert.equal(entry.scope, 'FeatureFlag');
    assert.equal(entry.item_id, String(flag.id));
    assert.equal(entry.detail.name, 'audited');
    const at = Date.parse(entry.created_at);
    assert.ok(at >= started - 1000 && at <= Date.now() + 1000, entry.created_at);
  }
  const changes = log.body.results[0].detail.changes as Array<{ field: string; before: unknown; after: unknown; action: string }>;
  const name = changes.find((c) => c.field === 'name');
  assert.deepEqual({ before: name?.before, after: name?.after }, { before: 'audited flag', after: 'Audited flag' });
  const filters = changes.find((c) => c.field === 'filters') as { before: any; after: any } | undefined;
  assert.equal(filters?.before.groups[0].rollout_percentage, 100);
  assert.equal(filters?.after.groups[0].rollout_percentage, 20);
  assert.ok(!changes.some((c) => c.field === 'key'), 'unchanged fields are not listed');

  await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { deleted: true });
  const projectLog = await api(warren, 'GET', `${FLAGS}activity/`);
  assert.equal(projectLog.status, 200);
  const mine = projectLog.body.results.filter((e: { item_id: string }) => e.item_id === String(flag.id));
  assert.deepEqual(mine.map((e: { activity: string }) => e.activity), ['deleted', 'updated', 'created']);
  assert.equal(mine[0].user.email, OWNER_EMAIL);
  assert.ok(mine[0].detail.changes.some((c: { field: string; after: unknown }) => c.field === 'deleted' && c.after === true));
  assert.ok(projectLog.body.results.some((e: { item_id: string }) => e.item_id !== String(flag.id)), 'the project log spans flags');
});

test("a soft-deleted flag's own activity log stays readable, as PostHog's (it filters flags without the deleted check)", async () => {
  const flag = await createFlag(warren, simpleFlagBody('audited-then-gone', 100));
  await api(warren, 'PATCH', `${FLAGS}${flag.id}/`, { deleted: true });
  const log = await api(warren, 'GET', `${FLAGS}${flag.id}/activity/`);
  assert.equal(log.status, 200, `GET ${FLAGS}${flag.id}/activity/ after soft delete answered ${log.status} ${JSON.stringify(log.body)}`);
  assert.deepEqual(log.body.results.map((e: { activity: string }) => e.activity), ['deleted', 'created']);
});

test('credentials: none or a bad key is 401, a project token is no personal key, another project is 404', async () => {
  const none = await rawRequest('GET', FLAGS);
  assert.equal(none.status, 401);
  assert.deepEqual(pick(JSON.parse(none.text)), { type: 'authentication_error', code: 'not_authenticated' });
  const bad = await rawRequest('GET', FLAGS, { authorization: 'Bearer phx_not_a_real_key_000000000000000000000' });
  assert.equal(bad.status, 401);
  assert.deepEqual(pick(JSON.parse(bad.text)), { type: 'authentication_error', code: 'authentication_failed' });
  const projectToken = await rawRequest('POST', FLAGS, { authorization: `Bearer ${warren.token}` });
  assert.equal(projectToken.status, 401);
  const badWrite = await fetch(warren.url + FLAGS, {
    method: 'POST',
    headers: { authorization: 'Bearer phx_not_a_real_key_000000000000000000000', 'content-type': 'application/json' },
    body: JSON.stringify(simpleFlagBody('never-created', 100)),
  });
  assert.equal(badWrite.status, 401);
  assert.equal((await api(warren, 'GET', `${FLAGS}?search=never-created`)).body.count, 0);

  for (const path of ['/api/projects/2/feature_flags/', '/api/projects/999/feature_flags/1/', '/api/environments/2/feature_flags/']) {
    const res = await api(warren, 'GET', path);
    assert.equal(res.status, 404, path);
    assert.equal(res.body.code, 'not_found', path);
  }
  const otherProjectWrite = await api(warren, 'POST', '/api/projects/2/feature_flags/', simpleFlagBody('wrong-project', 100));
  assert.equal(otherProjectWrite.status, 404);
  await createFlag(warren, simpleFlagBody('current-project-flag', 100));
  const current = await api(warren, 'GET', '/api/projects/@current/feature_flags/?search=current-project-flag');
  assert.equal(current.status, 200);
  assert.equal(current.body.count, 1, '@current is the key owner’s project');
});

test('remote_config serves the payload of a flag by key to a personal key', async () => {
  await createFlag(warren, { key: 'remote-cfg', name: 'remote', filters: { groups: [{ properties: [], rollout_percentage: 0 }], payloads: { true: { theme: 'dark', size: 3 } } } });
  for (const path of ['/api/projects/@current/feature_flags/remote-cfg/remote_config/', `/api/projects/@current/feature_flags/remote-cfg/remote_config?token=${warren.token}`]) {
    const res = await rawRequest('GET', path, { authorization: `Bearer ${warren.personalApiKey}` });
    assert.equal(res.status, 200, `${path}: ${res.text}`);
    let payload: unknown = JSON.parse(res.text);
    if (typeof payload === 'string') payload = JSON.parse(payload);
    assert.deepEqual(payload, { theme: 'dark', size: 3 }, path);
  }
  assert.equal((await api(warren, 'GET', '/api/projects/@current/feature_flags/no-such-flag/remote_config/')).status, 404);
  assert.equal((await rawRequest('GET', '/api/projects/@current/feature_flags/remote-cfg/remote_config/')).status, 401);
});

test('/flags?v=2, /flags (v1) and /decide/?v=3 give the same values and payloads in their own shapes', async () => {
  const flag = await createFlag(warren, multivariateBody('shapes-mv'));
  const request = { distinct_id: 'shape-user', person_properties: { email: 'ann@acme.com' } };
  const v2 = await postFlags(warren, '/flags/?v=2', request);
  assert.equal(v2.status, 200);
  const entry = v2.body.flags['shapes-mv'];
  assert.deepEqual(
    { key: entry.key, enabled: entry.enabled, variant: entry.variant, reason: entry.reason.code, index: entry.reason.condition_index },
    { key: 'shapes-mv', enabled: true, variant: 'test', reason: 'condition_match', index: 0 },
  );
  assert.deepEqual(entry.metadata, { id: flag.id, version: 1, payload: '{"color":"green"}', description: 'Checkout experiment' });
  assert.equal(v2.body.errorsWhileComputingFlags, false);
  assert.equal(typeof v2.body.requestId, 'string');
  assert.equal(typeof v2.body.evaluatedAt, 'number');

  const v1 = await postFlags(warren, '/flags/', request);
  assert.equal(v1.status, 200);
  assert.equal(v1.body.featureFlags['shapes-mv'], 'test');
  assert.equal(v1.body.featureFlagPayloads['shapes-mv'], '{"color":"green"}');
  const decide = await postFlags(warren, '/decide/?v=3', request);
  assert.equal(decide.status, 200);
  assert.equal(decide.body.featureFlags['shapes-mv'], 'test');
  assert.equal(decide.body.featureFlagPayloads['shapes-mv'], '{"color":"green"}');
  assert.ok('sessionRecording' in decide.body, 'decide v3 carries the remote config');
  const onlyOne = await postFlags(warren, '/flags/?v=2', { ...request, flag_keys_to_evaluate: ['shapes-mv'] });
  assert.deepEqual(Object.keys(onlyOne.body.flags), ['shapes-mv'], 'flag_keys_to_evaluate limits the answer');
  for (const [key, value] of Object.entries(v1.body.featureFlags)) {
    const v2Entry = v2.body.flags[key];
    assert.equal(v2Entry.enabled ? (v2Entry.variant ?? true) : false, value, key);
  }
});

test('/flags/definitions and the older local_evaluation path serve the same definitions, only to a personal key', async () => {
  const headers = { authorization: `Bearer ${warren.personalApiKey}` };
  const modern = await rawRequest('GET', `/flags/definitions?token=${warren.token}&send_cohorts`, headers);
  const legacy = await rawRequest('GET', `/api/feature_flag/local_evaluation/?token=${warren.token}&send_cohorts`, headers);
  assert.equal(modern.status, 200);
  assert.equal(legacy.status, 200);
  assert.deepEqual(JSON.parse(legacy.text), JSON.parse(modern.text));
  const body = JSON.parse(modern.text) as { flags: Array<{ key: string; id: number; filters: object; active: boolean }>; group_type_mapping: object; cohorts: object };
  assert.ok(body.flags.some((f) => f.key === 'shapes-mv'));
  const inactive = body.flags.find((f) => f.key === 'srch-beta');
  assert.ok(inactive && inactive.active === false, 'switched-off flags are served as inactive, so SDKs answer false locally');
  assert.equal(typeof body.group_type_mapping, 'object');
  assert.equal(typeof body.cohorts, 'object');
  const etag = modern.headers.get('etag');
  assert.ok(etag);
  assert.equal(legacy.headers.get('etag'), etag);
  for (const path of [`/flags/definitions?token=${warren.token}&send_cohorts`, `/api/feature_flag/local_evaluation/?token=${warren.token}&send_cohorts`, '/api/projects/1/feature_flags/local_evaluation/']) {
    const again = await rawRequest('GET', path, { ...headers, 'if-none-match': etag });
    assert.equal(again.status, 304, path);
    assert.equal(again.text, '', path);
  }
  assert.equal((await rawRequest('GET', `/flags/definitions?token=${warren.token}`)).status, 401);
  assert.equal((await rawRequest('GET', `/flags/definitions?token=${warren.token}`, { authorization: 'Bearer phx_bad' })).status, 401);
});

test('/flags/definitions with a token that names no project is refused, not answered with the key owner’s project', async () => {
  const res = await rawRequest('GET', '/flags/definitions?token=phc_no_such_project_token&send_cohorts', { authorization: `Bearer ${warren.personalApiKey}` });
  assert.ok(res.status === 401 || res.status === 404, `answered ${res.status} with ${res.text.slice(0, 200)}`);
});

function pick(body: { type: string; code: string }): { type: string; code: string } {
  return { type: body.type, code: body.code };
}
