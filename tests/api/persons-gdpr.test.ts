import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Persons split and GDPR deletion, in two projects of one organization (the test key reaches both).
 * Project 1:
 *   ana: anon-ana (2 $pageview), then $identify ana (email) with anon-ana, 1 purchase; later $identify from device-ana
 *   bob: bob (2 events) and a recording (session s-bob)
 *   eve: eve, anon-eve merged (3 events) -> split, then deleted
 *   cat: cat (1 event) -> bulk-deleted by distinct id
 * Project 2: a person whose distinct id is also `bob`, with 1 event and a recording.
 */
let warren: WarrenProcess;
const PROJECT_2_TOKEN = 'phc_warrenTestProjectTokenTwo0000000000002';
const p1 = '/api/projects/1';
const t0 = Date.parse('2024-05-01T10:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();

async function capture(token: string, batch: object[]): Promise<void> {
  const res = await fetch(`${warren.url}/batch/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: token, batch }) });
  assert.equal(res.status, 200);
}

async function count(project: number, where: string): Promise<number> {
  const res = await api(warren, 'POST', `/api/projects/${project}/query/`, { query: { kind: 'HogQLQuery', query: `select count() from events where ${where}` }, refresh: 'force_blocking' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return Number(res.body.results[0][0]);
}

const personOf = async (project: number, distinctId: string) => (await api(warren, 'GET', `/api/projects/${project}/persons/?distinct_id=${distinctId}`)).body.results[0];
const recording = (distinctId: string, session: string, minutes: number) => ({
  event: '$snapshot',
  distinct_id: distinctId,
  timestamp: at(minutes),
  properties: { $session_id: session, $window_id: 'w1', $snapshot_data: [{ type: 2, timestamp: t0 + minutes * 60_000, data: {} }] },
});

before(async () => {
  // A second project in the owner's organization, added to the meta store between two starts.
  const first = await spawnWarren();
  await first.stop();
  const db = new Database(path.join(first.dataDir, 'meta.sqlite'));
  const org = db.prepare('SELECT organization_id FROM projects WHERE id = 1').get() as { organization_id: string };
  db.prepare('INSERT INTO projects (uuid, organization_id, name, api_token, created_at) VALUES (?, ?, ?, ?, ?)').run(
    '0190aaaa-0000-7000-8000-000000000002',
    org.organization_id,
    'Second project',
    PROJECT_2_TOKEN,
    new Date().toISOString(),
  );
  db.close();
  warren = await spawnWarren({ dataDir: first.dataDir });

  await capture(warren.token, [
    { event: '$pageview', distinct_id: 'anon-ana', timestamp: at(0) },
    { event: '$pageview', distinct_id: 'anon-ana', timestamp: at(1) },
    { event: '$identify', distinct_id: 'ana', timestamp: at(2), properties: { $anon_distinct_id: 'anon-ana', $set: { email: 'ana@x.io' } } },
    { event: 'purchased', distinct_id: 'ana', timestamp: at(3) },
    { event: '$pageview', distinct_id: 'bob', timestamp: at(0) },
    { event: 'purchased', distinct_id: 'bob', timestamp: at(1) },
    recording('bob', 's-bob', 1),
    { event: '$pageview', distinct_id: 'anon-eve', timestamp: at(0) },
    { event: '$identify', distinct_id: 'eve', timestamp: at(1), properties: { $anon_distinct_id: 'anon-eve', $set: { email: 'eve@x.io' } } },
    { event: 'purchased', distinct_id: 'eve', timestamp: at(2) },
    { event: '$pageview', distinct_id: 'cat', timestamp: at(0) },
  ]);
  await capture(warren.token, [{ event: '$identify', distinct_id: 'ana', timestamp: at(4), properties: { $anon_distinct_id: 'device-ana' } }]);
  await capture(PROJECT_2_TOKEN, [{ event: '$pageview', distinct_id: 'bob', timestamp: at(0) }, recording('bob', 's-bob-2', 0)]);
  await eventually(async () => (await count(1, '1 = 1')) === 11 && (await count(2, '1 = 1')) === 1 && (await personOf(1, 'device-ana'))?.distinct_ids.length === 3);
});
after(async () => warren?.stop());

test('split: every other distinct id gets a new empty person, its past events follow it, the original keeps its properties', async () => {
  const ana = await personOf(1, 'ana');
  assert.deepEqual([...ana.distinct_ids].sort(), ['ana', 'anon-ana', 'device-ana']);
  assert.equal(await count(1, `person_id = '${ana.uuid}'`), 5);

  assert.equal((await api(warren, 'POST', `${p1}/persons/${ana.uuid}/split/`, { main_distinct_id: 'nobody' })).status, 400);
  const both = await api(warren, 'POST', `${p1}/persons/${ana.uuid}/split/`, { main_distinct_id: 'ana', distinct_ids_to_split: ['anon-ana'] });
  assert.equal(both.status, 400);
  const split = await api(warren, 'POST', `${p1}/persons/${ana.uuid}/split/`, { main_distinct_id: 'ana' });
  assert.deepEqual([split.status, split.body], [201, { success: true }]);

  const kept = (await api(warren, 'GET', `${p1}/persons/${ana.uuid}/`)).body;
  assert.deepEqual([kept.distinct_ids, kept.properties.email], [['ana'], 'ana@x.io']);
  const anon = await personOf(1, 'anon-ana');
  const device = await personOf(1, 'device-ana');
  assert.notEqual(anon.uuid, ana.uuid);
  assert.notEqual(device.uuid, ana.uuid);
  assert.notEqual(anon.uuid, device.uuid);
  assert.deepEqual([anon.distinct_ids, anon.properties, device.distinct_ids], [['anon-ana'], {}, ['device-ana']]);
  assert.equal(await count(1, `person_id = '${anon.uuid}'`), 2, "anon-ana's page views now count for its own person");
  assert.equal(await count(1, `person_id = '${ana.uuid}'`), 3);
  assert.equal(await count(1, `person.properties.email = 'ana@x.io'`), 3);

  // New events of a split-off id land on its new person (the identity cache forgot the old link).
  await capture(warren.token, [{ event: 'returned', distinct_id: 'anon-ana', timestamp: at(10) }]);
  await eventually(async () => (await count(1, `person_id = '${anon.uuid}'`)) === 3);
  assert.equal((await personOf(1, 'anon-ana')).uuid, anon.uuid);
});

test('split with distinct_ids_to_split moves only those ids', async () => {
  const eve = await personOf(1, 'eve');
  const bad = await api(warren, 'POST', `${p1}/persons/${eve.uuid}/split/`, { distinct_ids_to_split: ['not-hers'] });
  assert.deepEqual([bad.status, bad.body.attr], [400, 'distinct_ids_to_split']);
  assert.equal((await api(warren, 'POST', `${p1}/persons/${eve.uuid}/split/`, { distinct_ids_to_split: ['anon-eve'] })).status, 201);
  assert.deepEqual((await api(warren, 'GET', `${p1}/persons/${eve.uuid}/`)).body.distinct_ids, ['eve']);
  assert.notEqual((await personOf(1, 'anon-eve')).uuid, eve.uuid);
});

test("deleting a person with delete_events removes their events, merged ids' events and recordings, and nobody else's", async () => {
  const bob = await personOf(1, 'bob');
  const bob2 = await personOf(2, 'bob');
  const del = await api(warren, 'DELETE', `${p1}/persons/${bob.uuid}/?delete_events=true`);
  assert.equal(del.status, 202);
  assert.equal((await api(warren, 'GET', `${p1}/persons/${bob.uuid}/`)).status, 404);
  await eventually(async () => (await count(1, `person_id = '${bob.uuid}' or distinct_id = 'bob'`)) === 0);
  const status = await eventually(async () => {
    const res = await api(warren, 'GET', `${p1}/persons/deletion_status/?person_uuid=${bob.uuid}`);
    return res.body.results[0]?.status === 'completed' ? res.body.results[0] : null;
  });
  assert.ok(status.delete_verified_at);

  // Another project's person with the same distinct id, and the other persons here, are untouched.
  assert.equal(await count(2, `distinct_id = 'bob'`), 1);
  assert.equal((await api(warren, 'GET', `/api/projects/2/persons/${bob2.uuid}/`)).status, 200);
  assert.equal(await count(1, `distinct_id in ('ana', 'anon-ana', 'eve', 'anon-eve', 'cat')`), 10);
});

test("deleting a person after a split leaves the split-off person's events alone", async () => {
  const eve = await personOf(1, 'eve');
  const anonEve = await personOf(1, 'anon-eve');
  assert.equal(await count(1, `person_id = '${anonEve.uuid}'`), 1);
  assert.equal((await api(warren, 'DELETE', `${p1}/persons/${eve.uuid}/?delete_events=true`)).status, 202);
  await eventually(async () => (await count(1, `distinct_id = 'eve'`)) === 0);
  await eventually(async () => (await api(warren, 'GET', `${p1}/persons/deletion_status/?status=pending`)).body.count === 0);
  assert.equal(await count(1, `person_id = '${eve.uuid}'`), 0);
  assert.equal(await count(1, `person_id = '${anonEve.uuid}'`), 1, "anon-eve's page view stays with anon-eve");
});

test('bulk_delete by distinct ids reports what it found; persons of another project are out of reach', async () => {
  const bob2 = await personOf(2, 'bob');
  assert.equal((await api(warren, 'DELETE', `${p1}/persons/${bob2.uuid}/?delete_events=true`)).status, 404);
  assert.equal((await api(warren, 'POST', `${p1}/persons/${bob2.uuid}/split/`, {})).status, 404);
  assert.equal((await api(warren, 'POST', `${p1}/persons/bulk_delete/`, { ids: [bob2.uuid] })).body.persons_found, 0);
  assert.equal((await api(warren, 'POST', `${p1}/persons/bulk_delete/`, {})).status, 400);
  assert.equal((await api(warren, 'POST', `${p1}/persons/bulk_delete/`, { ids: ['x'], distinct_ids: ['y'] })).status, 400);

  const res = await api(warren, 'POST', `${p1}/persons/bulk_delete/`, { distinct_ids: ['cat', 'nobody'], delete_events: true });
  assert.equal(res.status, 202);
  assert.deepEqual(res.body, { persons_found: 1, persons_deleted: 1, events_queued_for_deletion: true, recordings_queued_for_deletion: true, deletion_errors: [] });
  assert.equal(await personOf(1, 'cat'), undefined);
  await eventually(async () => (await count(1, `distinct_id = 'cat'`)) === 0);
  assert.equal(await count(2, `distinct_id = 'bob'`), 1);
  assert.equal((await hogql(warren, `select count() from persons`)).results[0][0] !== undefined, true);
});

test("recordings went with bob's events; the other project's bob keeps his (read from the stopped server's store)", async () => {
  // Recordings have no HogQL table; the embedded store is read directly once the server has let go of it.
  await warren.stop();
  const store = new ChdbEventStore(warren.dataDir);
  try {
    const sessions = await store.query('SELECT team_id, session_id FROM session_replay_events ORDER BY team_id, session_id');
    assert.deepEqual(sessions.rows, [[2, 's-bob-2']]);
  } finally {
    await store.close();
  }
});
