import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * The user, organizations and projects through the REST API, and what a project's settings change for capture,
 * remote config and queries. The test key is the bootstrap owner's key with every scope.
 */
let warren: WarrenProcess;

before(async () => {
  warren = await spawnWarren();
});
after(async () => warren?.stop());

/** Sends a batch to /batch/ with a project token; `padBytes` makes the body big enough for a capture worker. */
async function capture(token: string, events: object[], padBytes = 0): Promise<number> {
  const pad = padBytes > 0 ? { pad: 'x'.repeat(padBytes) } : {};
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: token, batch: events.map((e) => ({ distinct_id: 'u1', ...e, properties: { ...pad, ...(e as { properties?: object }).properties } })) }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function hogqlIn(projectId: number, query: string): Promise<unknown[][]> {
  const res = await api(warren, 'POST', `/api/projects/${projectId}/query/`, { query: { kind: 'HogQLQuery', query }, refresh: 'force_blocking' });
  if (res.status !== 200) throw new Error(`query failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.results;
}

test('/api/users/@me/ shows the user, their organizations and the current project; PATCH edits the profile and the current project', async () => {
  const me = await api(warren, 'GET', '/api/users/@me/');
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.deepEqual([me.body.email, me.body.is_staff, me.body.team.id, me.body.team.api_token], ['owner@example.com', false, 1, warren.token]);
  assert.match(me.body.uuid, /^[0-9a-f-]{36}$/);
  assert.equal(typeof me.body.distinct_id, 'string');
  assert.deepEqual([me.body.organization.name, me.body.organization.membership_level, me.body.organization.member_count], ['Default organization', 15, 1]);
  assert.deepEqual(me.body.organization.teams.map((t: { id: number }) => t.id), [1]);
  assert.deepEqual(me.body.organizations.map((o: { id: string }) => o.id), [me.body.organization.id]);

  const renamed = await api(warren, 'PATCH', '/api/users/@me/', { first_name: 'Ana', email: 'Ana@Example.com ' });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.deepEqual([renamed.body.first_name, renamed.body.email, renamed.body.team.id], ['Ana', 'ana@example.com', 1]);
  const badEmail = await api(warren, 'PATCH', '/api/users/@me/', { email: 'not an email' });
  assert.deepEqual([badEmail.status, badEmail.body.attr], [400, 'email']);
  assert.equal((await api(warren, 'PATCH', '/api/users/@me/', { is_staff: true })).status, 403);
  const elsewhere = await api(warren, 'PATCH', '/api/users/@me/', { set_current_team: 999 });
  assert.deepEqual([elsewhere.status, elsewhere.body.code, elsewhere.body.attr], [400, 'does_not_exist', 'set_current_team']);
  // The accounts module changes the password from the same PATCH (the bootstrap owner has none yet).
  const password = await api(warren, 'PATCH', '/api/users/@me/', { password: 'a-long-new-password-123', first_name: 'Ana B' });
  assert.deepEqual([password.status, password.body.has_password, password.body.first_name], [200, true, 'Ana B'], JSON.stringify(password.body));
  const again = await api(warren, 'PATCH', '/api/users/@me/', { password: 'another-long-password-456' });
  assert.deepEqual([again.status, again.body.attr], [400, 'current_password']);
});

test('a second organization and project through the API; capture, token rotation, timezone and deletion', async () => {
  const org = await api(warren, 'POST', '/api/organizations/', { name: 'Second org' });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  assert.deepEqual([org.body.name, org.body.membership_level, org.body.teams.length], ['Second org', 15, 1]);
  assert.equal((await api(warren, 'POST', '/api/organizations/', {})).body.attr, 'name');
  const orgs = await api(warren, 'GET', '/api/organizations/');
  assert.deepEqual([orgs.body.count, orgs.body.next, orgs.body.results.map((o: { name: string }) => o.name)], [2, null, ['Default organization', 'Second org']]);
  const current = await api(warren, 'GET', '/api/organizations/@current/');
  assert.equal(current.body.id, org.body.id, 'the creator switched to the new organization');
  const patchedOrg = await api(warren, 'PATCH', `/api/organizations/${org.body.id}/`, { name: 'Second org, renamed' });
  assert.equal(patchedOrg.body.name, 'Second org, renamed');
  assert.equal((await api(warren, 'GET', '/api/organizations/00000000-0000-0000-0000-000000000000/')).status, 404);

  const created = await api(warren, 'POST', '/api/projects/', { name: 'Shop', timezone: 'Europe/Berlin', week_start_day: 1 });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const shop = created.body;
  assert.deepEqual([shop.name, shop.organization, shop.timezone, shop.week_start_day, shop.effective_membership_level], ['Shop', org.body.id, 'Europe/Berlin', 1, 15]);
  assert.match(shop.api_token, /^phc_/);
  const list = await api(warren, 'GET', '/api/projects/');
  assert.equal(list.body.count, 3);
  const inOrg = await api(warren, 'GET', `/api/organizations/${org.body.id}/projects/`);
  assert.deepEqual(inOrg.body.results.map((p: { name: string }) => p.name).sort(), ['Default project', 'Shop']);
  assert.equal((await api(warren, 'GET', '/api/projects/@current/')).body.id, shop.id);
  assert.equal((await api(warren, 'GET', `/api/environments/${shop.id}/`)).body.api_token, shop.api_token);

  assert.equal(await capture(shop.api_token, [{ event: 'first', timestamp: '2024-05-01T10:00:00Z' }]), 200);
  assert.equal(await capture(shop.api_token, [{ event: 'big', timestamp: '2024-05-01T10:00:00Z' }], 20_000), 200, 'a capture worker decodes it');
  await eventually(async () => Number((await hogqlIn(shop.id, "select count() from events where event = 'first'"))[0][0]) === 1);
  assert.equal(Number((await hogqlIn(1, "select count() from events where event = 'first'"))[0][0]), 0, 'the event belongs to the new project only');

  const rotated = await api(warren, 'PATCH', `/api/projects/${shop.id}/reset_token/`);
  assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
  assert.notEqual(rotated.body.api_token, shop.api_token);
  assert.equal(await capture(shop.api_token, [{ event: 'late' }]), 401, 'the old token is refused at once');
  assert.equal(await capture(shop.api_token, [{ event: 'late' }], 20_000), 401, 'also by the capture workers');
  assert.equal(await capture(rotated.body.api_token, [{ event: 'second' }]), 200);
  assert.equal(await capture(rotated.body.api_token, [{ event: 'second' }], 20_000), 200);

  const badZone = await api(warren, 'PATCH', `/api/projects/${shop.id}/`, { timezone: 'Mars/Olympus_Mons' });
  assert.deepEqual([badZone.status, badZone.body.type, badZone.body.code, badZone.body.attr], [400, 'validation_error', 'invalid_choice', 'timezone']);
  const badDay = await api(warren, 'PATCH', `/api/projects/${shop.id}/`, { week_start_day: 3 });
  assert.deepEqual([badDay.status, badDay.body.attr], [400, 'week_start_day']);
  const zoned = await api(warren, 'PATCH', `/api/projects/${shop.id}/`, { timezone: 'America/New_York', api_token: 'phc_chosen' });
  assert.deepEqual([zoned.status, zoned.body.timezone, zoned.body.api_token], [200, 'America/New_York', rotated.body.api_token]);

  const deleted = await api(warren, 'DELETE', `/api/projects/${shop.id}/`);
  assert.equal(deleted.status, 204);
  assert.equal((await api(warren, 'GET', `/api/projects/${shop.id}/`)).status, 404);
  assert.equal(await capture(rotated.body.api_token, [{ event: 'after' }]), 401);
  const me = await api(warren, 'GET', '/api/users/@me/');
  assert.notEqual(me.body.team.id, shop.id, 'the user moved to a project that still exists');

  assert.equal((await api(warren, 'DELETE', `/api/organizations/${org.body.id}/`)).status, 204);
  assert.equal((await api(warren, 'GET', '/api/organizations/')).body.count, 1);
  assert.equal((await api(warren, 'GET', '/api/users/@me/')).body.team.id, 1);
  const last = await api(warren, 'DELETE', '/api/projects/1/');
  assert.equal(last.status, 400, 'the install keeps at least one project');
});

test('settings reach capture, remote config and queries at once: discard IPs, replay, autocapture, test account filters', async () => {
  const config = async () => (await (await fetch(`${warren.url}/array/${warren.token}/config`)).json()) as Record<string, unknown>;
  assert.notEqual((await config()).sessionRecording, false);
  const patched = await api(warren, 'PATCH', '/api/projects/1/', { session_recording_opt_in: false, autocapture_opt_out: true, anonymize_ips: true });
  assert.deepEqual([patched.body.session_recording_opt_in, patched.body.autocapture_opt_out, patched.body.anonymize_ips], [false, true, true]);
  const fresh = await config();
  assert.deepEqual([fresh.sessionRecording, fresh.autocapture_opt_out], [false, true], 'the cached project was dropped');

  const day = '2024-06-03T12:00:00Z';
  assert.equal(
    await capture(warren.token, [
      { event: 'signup', timestamp: day, properties: { env: 'prod' } },
      { event: 'signup', timestamp: day, properties: { env: 'prod' } },
      { event: 'signup', timestamp: day, properties: { env: 'test' } },
    ]),
    200,
  );
  await eventually(async () => Number((await hogqlIn(1, "select count() from events where event = 'signup'"))[0][0]) === 3);
  const ips = await hogqlIn(1, "select countIf(properties.$ip != '') from events where event = 'signup'");
  assert.equal(Number(ips[0][0]), 0, 'no client IP kept once discard-IP is on');

  const filters = [{ key: 'env', value: 'test', operator: 'is_not', type: 'event' }];
  const saved = await api(warren, 'PATCH', '/api/projects/1/', { test_account_filters: filters });
  assert.deepEqual(saved.body.test_account_filters, filters);
  const bad = await api(warren, 'PATCH', '/api/projects/1/', { test_account_filters: [{ key: 'env', operator: 'bogus', value: 'x' }] });
  assert.deepEqual([bad.status, bad.body.attr], [400, 'test_account_filters']);
  const trends = (filterTestAccounts: boolean) =>
    api(warren, 'POST', '/api/projects/1/query/', {
      query: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: 'signup' }], interval: 'day', dateRange: { date_from: '2024-06-03', date_to: '2024-06-03' }, filterTestAccounts },
      refresh: 'force_blocking',
    });
  const all = await trends(false);
  assert.equal(all.status, 200, JSON.stringify(all.body));
  assert.equal(all.body.results[0].count, 3);
  assert.equal((await trends(true)).body.results[0].count, 2, 'the test account is filtered out');
});
