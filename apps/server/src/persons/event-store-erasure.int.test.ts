import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ChdbEventStore } from '../storage/chdb-event-store.js';
import { sessionFirstDistinctIdSql } from '../storage/clickhouse-schema.js';
import { eraseEvents, erasePersonRows, eraseRecordings, remainingEvents } from './event-store-erasure.js';

/*
 * Project 1: person P had distinct ids a, anon-a (merged: override anon-a -> P) and b (split off later: override b -> Q).
 * Person R (c) is someone else. Project 2 has a person with the same ids. Sessions: `solo` is only P's (a);
 * `shared` has an event of P's (anon-a) and one of R's (c).
 */
const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';
const R = '33333333-3333-4333-8333-333333333333';
let store: ChdbEventStore;
let n = 0;
const event = (team: number, distinctId: string, personId: string, sessionId = '') => ({
  team_id: team,
  uuid: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  event: 'e',
  distinct_id: distinctId,
  person_id: personId,
  timestamp: '2024-05-01 00:00:00',
  created_at: '2024-05-01 00:00:00',
  properties: '{}',
  $session_id: sessionId,
});
const count = async (where: string) => Number((await store.query(`SELECT count() FROM events WHERE ${where}`)).rows[0][0]);

before(async () => {
  store = new ChdbEventStore(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-erasure-')));
  await store.migrate();
  await store.insert('events', [
    event(1, 'a', P, 'solo'),
    event(1, 'a', P),
    event(1, 'anon-a', '44444444-4444-4444-8444-444444444444', 'shared'),
    event(1, 'b', P),
    event(1, 'c', R, 'shared'),
    event(2, 'a', P),
  ]);
  await store.insert('person_distinct_id_overrides', [
    { team_id: 1, distinct_id: 'anon-a', person_id: P, is_deleted: 0, version: 1 },
    { team_id: 1, distinct_id: 'b', person_id: P, is_deleted: 0, version: 1 },
    { team_id: 1, distinct_id: 'b', person_id: Q, is_deleted: 0, version: 2 },
  ]);
  await store.insert('session_replay_events', [
    { team_id: 1, session_id: 's1', window_id: 'w', distinct_id: 'a', uuid: '00000000-0000-4000-8000-000000000101', timestamp: '2024-05-01 00:00:00', snapshot_data: '{}' },
    { team_id: 1, session_id: 's2', window_id: 'w', distinct_id: 'c', uuid: '00000000-0000-4000-8000-000000000102', timestamp: '2024-05-01 00:00:00', snapshot_data: '{}' },
  ]);
  await store.insert('person', [
    { team_id: 1, id: P, created_at: '2024-05-01 00:00:00', properties: '{"email":"p@x.io"}', is_identified: 1, is_deleted: 0, version: 3 },
    { team_id: 1, id: R, created_at: '2024-05-01 00:00:00', properties: '{}', is_identified: 0, is_deleted: 0, version: 1 },
  ]);
});
after(async () => store?.close());

test("a person's events go, including merged ids', but not those of an id split off to someone else, nor other projects'", async () => {
  const target = { teamId: 1, personUuids: [P], distinctIds: ['a', 'anon-a'], storedUpTo: new Date(Date.now() + 1000).toISOString() };
  assert.equal(await remainingEvents(store, target), 3);
  await eraseEvents(store, target);
  assert.equal(await remainingEvents(store, target), 0);
  assert.equal(await count(`team_id = 1 AND distinct_id = 'b'`), 1, "b's events now belong to Q");
  assert.equal(await count(`team_id = 1 AND distinct_id = 'c'`), 1);
  assert.equal(await count('team_id = 2'), 1);
  const sessions = await store.query(`SELECT session_id, ${sessionFirstDistinctIdSql()} FROM raw_sessions WHERE team_id = 1 GROUP BY session_id ORDER BY session_id`);
  assert.deepEqual(sessions.rows, [['shared', 'c']], "P's own session is gone; the shared one is made again from R's event");
});

test('only rows stored up to the request go: events captured afterwards are new data', async () => {
  const target = { teamId: 1, personUuids: [R], distinctIds: ['c'], storedUpTo: '2000-01-01T00:00:00.000Z' };
  await eraseEvents(store, target);
  assert.equal(await count(`distinct_id = 'c'`), 1);
});

test("recordings of the person's distinct ids go; profiles and overrides are removed outright", async () => {
  await eraseRecordings(store, { teamId: 1, personUuids: [P], distinctIds: ['a', 'anon-a'], storedUpTo: new Date(Date.now() + 1000).toISOString() });
  const sessions = await store.query('SELECT session_id FROM session_replay_events ORDER BY session_id');
  assert.deepEqual(sessions.rows, [['s2']]);
  await erasePersonRows(store, 1, [P], ['a', 'anon-a']);
  assert.deepEqual((await store.query('SELECT toString(id) FROM person')).rows, [[R]]);
  const overrides = await store.query('SELECT distinct_id, toString(argMax(person_id, version)) FROM person_distinct_id_overrides GROUP BY distinct_id');
  assert.deepEqual(overrides.rows, [['b', Q]]);
});
