import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

let warren: WarrenProcess;

async function capture(batch: object[]): Promise<number> {
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: warren.token, batch }),
  });
  return res.status;
}

before(async () => {
  warren = await spawnWarren();
  assert.equal(
    await capture([
      { event: '$pageview', distinct_id: 'anon-a', properties: { $current_url: 'https://x.io/', $browser: 'Firefox' }, timestamp: '2024-05-01T10:00:00Z' },
      { event: 'signed_up', distinct_id: 'user-a', properties: { plan: 'pro', $set: { email: 'a@x.io' } }, timestamp: '2024-05-01T10:05:00Z' },
      { event: '$identify', distinct_id: 'user-a', properties: { $anon_distinct_id: 'anon-a' }, timestamp: '2024-05-01T10:05:01Z' },
      { event: 'solo', distinct_id: 'user-b', properties: { n: 1 }, timestamp: '2024-05-02T10:00:00Z' },
    ]),
    200,
  );
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 4);
});
after(async () => warren?.stop());

test('the management API refuses missing, unknown and misplaced credentials in PostHog error shape', async () => {
  const none = await fetch(`${warren.url}/api/projects/1/persons/`);
  assert.equal(none.status, 401);
  assert.deepEqual(await none.json(), { type: 'authentication_error', code: 'not_authenticated', detail: 'Authentication credentials were not provided.', attr: null });
  const bad = await fetch(`${warren.url}/api/projects/1/persons/`, { headers: { authorization: 'Bearer phx_nope' } });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).code, 'authentication_failed');
  assert.equal((await api(warren, 'GET', '/api/projects/2/persons/')).status, 404);
  assert.equal((await api(warren, 'GET', '/api/projects/abc/persons/')).status, 404);
  const projectToken = await fetch(`${warren.url}/api/projects/1/persons/`, { headers: { authorization: `Bearer ${warren.token}` } });
  assert.equal(projectToken.status, 401, 'a project token is write-only');
  const viaQueryString = await fetch(`${warren.url}/api/projects/1/persons/?personal_api_key=${warren.personalApiKey}`);
  assert.equal(viaQueryString.status, 200);
});

test('projects, environments and @current all reach project 1', async () => {
  for (const prefix of ['/api/projects/1', '/api/environments/1', '/api/projects/@current', '/api/environments/@current']) {
    const res = await api(warren, 'GET', `${prefix}/persons/`);
    assert.equal(res.status, 200, prefix);
  }
});

test('HogQL resolves person_id after an identify so pre-login events count for the identified person', async () => {
  const r = await hogql(warren, `select event, person.properties.email from events where distinct_id in ('anon-a', 'user-a') order by timestamp`);
  assert.deepEqual(r.results, [
    ['$pageview', 'a@x.io'],
    ['signed_up', 'a@x.io'],
    ['$identify', 'a@x.io'],
  ]);
  const people = await hogql(warren, `select count(distinct person_id) from events where distinct_id in ('anon-a', 'user-a')`);
  assert.equal(Number(people.results[0][0]), 1);
});

test('HogQL answers with columns, types, hasMore and the limit, and reports syntax errors with a position', async () => {
  const res = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'HogQLQuery', query: 'select event from events order by event limit 2' } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.columns, ['event']);
  assert.deepEqual(res.body.types, [['event', 'String']]);
  assert.equal(res.body.hasMore, true);
  assert.equal(res.body.limit, 2);
  const bad = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'HogQLQuery', query: 'select from where' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.type, 'validation_error');
  assert.equal(typeof bad.body.start, 'number');
  const foreign = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'HogQLQuery', query: 'select * from system.tables' } });
  assert.equal(foreign.status, 400);
  const unknownKind = await api(warren, 'POST', '/api/projects/1/query/', { query: { kind: 'NopeQuery' } });
  assert.equal(unknownKind.status, 400);
  assert.equal(unknownKind.body.code, 'parse_error');
});

test('EventsQuery expands * and person into objects and applies property filters', async () => {
  const res = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'EventsQuery', select: ['*', 'person', 'event'], after: 'all', properties: [{ type: 'event', key: 'plan', value: 'pro', operator: 'exact' }] },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.results.length, 1);
  const [event, person, name] = res.body.results[0];
  assert.equal(name, 'signed_up');
  assert.equal(event.properties.plan, 'pro');
  assert.equal(event.timestamp, '2024-05-01T10:05:00.000000Z');
  assert.equal(person.properties.email, 'a@x.io');
});

test('the events list filters by event and by the person of a distinct id, newest first', async () => {
  const all = await api(warren, 'GET', '/api/projects/1/events/');
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.results.map((e: { event: string }) => e.event), ['solo', '$identify', 'signed_up', '$pageview']);
  const ofPerson = await api(warren, 'GET', '/api/projects/1/events/?distinct_id=anon-a');
  assert.deepEqual(ofPerson.body.results.map((e: { event: string }) => e.event), ['$identify', 'signed_up', '$pageview']);
  const paged = await api(warren, 'GET', '/api/projects/1/events/?limit=2');
  assert.equal(paged.body.results.length, 2);
  assert.match(paged.body.next, /before=/);
  const bad = await api(warren, 'GET', '/api/projects/1/events/?after=yesterday-ish');
  assert.equal(bad.status, 400);
});

test('persons: list, search, retrieve by uuid, and delete with events', async () => {
  const list = await api(warren, 'GET', '/api/projects/1/persons/?search=a@x');
  assert.equal(list.status, 200);
  assert.equal(list.body.results.length, 1);
  const person = list.body.results[0];
  assert.equal(person.name, 'a@x.io');
  assert.deepEqual([...person.distinct_ids].sort(), ['anon-a', 'user-a']);
  const one = await api(warren, 'GET', `/api/projects/1/persons/${person.id}/`);
  assert.equal(one.body.uuid, person.uuid);
  assert.equal((await api(warren, 'GET', '/api/projects/1/persons/00000000-0000-4000-8000-000000000000/')).status, 404);

  const b = (await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=user-b')).body.results[0];
  const del = await api(warren, 'DELETE', `/api/projects/1/persons/${b.id}/?delete_events=true`);
  assert.equal(del.status, 202);
  assert.equal((await api(warren, 'GET', `/api/projects/1/persons/${b.id}/`)).status, 404);
  await eventually(async () => Number((await hogql(warren, `select count() from events where distinct_id = 'user-b'`)).results[0][0]) === 0);
});

test('dropped events are listed as ingestion warnings by type', async () => {
  assert.equal(await capture([{ event: 'ok', distinct_id: 'w' }, { event: 'bad uuid', distinct_id: 'w', uuid: 'not-a-uuid' }]), 200);
  const warnings = await eventually(async () => {
    const res = await api(warren, 'GET', '/api/projects/1/ingestion_warnings/');
    return res.body.results.find((w: { type: string }) => w.type === 'skipping_event_invalid_uuid');
  });
  assert.equal(warnings.count, 1);
  assert.equal(warnings.warnings[0].type, 'skipping_event_invalid_uuid');
});

test('health, readiness and metrics are served', async () => {
  assert.equal((await fetch(`${warren.url}/_health`)).status, 200);
  const ready = await fetch(`${warren.url}/_ready`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: 'ok', event_store: true, meta_store: true, write_ahead_log: true });
  const metrics = await (await fetch(`${warren.url}/_metrics`)).text();
  for (const name of ['warren_events_accepted_total', 'warren_events_dropped_total', 'warren_ingestion_lag_seconds', 'warren_ingest_buffer_events', 'warren_http_request_duration_seconds_bucket']) {
    assert.ok(metrics.includes(name), name);
  }
});

test('browsers may call capture and flags from any site, but get no CORS access to the management API', async () => {
  const preflight = await fetch(`${warren.url}/batch/`, {
    method: 'OPTIONS',
    headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
  const flags = await fetch(`${warren.url}/flags/?v=2`, { method: 'POST', headers: { origin: 'https://shop.example' }, body: JSON.stringify({ token: warren.token, distinct_id: 'x' }) });
  assert.equal(flags.headers.get('access-control-allow-origin'), 'https://shop.example');
  const management = await fetch(`${warren.url}/api/projects/1/persons/`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${warren.personalApiKey}` } });
  assert.equal(management.status, 200);
  assert.equal(management.headers.get('access-control-allow-origin'), null);
});
