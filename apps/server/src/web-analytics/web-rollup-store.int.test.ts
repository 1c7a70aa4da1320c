import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { v7 } from '@warren/query/test-support/web-universe';
import { eraseEvents } from '../persons/event-store-erasure.js';
import { ChdbEventStore } from '../storage/chdb-event-store.js';
import { WebRollupJob } from './web-rollup-job.js';
import { WebRollupStore } from './web-rollup-store.js';

/**
 * The web rollups' bookkeeping on a real chDB store: which days are computed, when a computed day stops standing
 * (a write to its sessions, a change of person behind one of them, an erasure) and that the job computes exactly the
 * days that need it. A short touch margin stands in for the server's minute.
 */
const MARGIN_MS = 50;
const TEAM = 1;
let dir: string;
let store: ChdbEventStore;
let rollups: WebRollupStore;
let counter = 0;

const chTime = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');

function event(distinctId: string, session: string, at: string, event = '$pageview') {
  return {
    team_id: TEAM,
    uuid: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    event,
    distinct_id: distinctId,
    person_id: `00000000-0000-4000-9000-${distinctId.length.toString().padStart(12, '0')}`,
    timestamp: chTime(at),
    created_at: chTime(at),
    properties: JSON.stringify({ $current_url: 'https://shop.test/home', $pathname: '/home', $session_id: session }),
    elements_chain: '',
    $session_id: session,
  };
}

const S1 = v7('2024-06-10T09:00:00Z', '1');
const S2 = v7('2024-06-11T09:00:00Z', '2');
const S3 = v7('2024-06-12T09:00:00Z', '3');
const NOW = () => new Date();
const quiet = () => sleep(MARGIN_MS * 2);
const standing = async () => (await rollups.standingDays(TEAM)).map((d) => d.day);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-web-rollups-'));
  store = new ChdbEventStore(dir);
  await store.migrate();
  rollups = new WebRollupStore(store, MARGIN_MS);
  await store.insert('events', [
    event('anna', S1, '2024-06-10T09:00:00Z'),
    event('anna', S1, '2024-06-10T09:00:30Z'),
    event('ben', S2, '2024-06-11T09:00:00Z'),
    event('cleo-anon', S3, '2024-06-12T09:00:00Z'),
    event('dan', 'not-a-v7-id', '2024-06-12T10:00:00Z'),
  ]);
  await quiet();
});

after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the job computes every quiet day of UUIDv7 sessions, newest first, and nothing on the next pass', async () => {
  assert.deepEqual(await rollups.daysToCompute(TEAM, NOW()), ['2024-06-12', '2024-06-11', '2024-06-10']);
  const job = new WebRollupJob(rollups, async () => 'UTC', { warn: () => undefined });
  assert.equal(await job.runOnce(), 3);
  assert.deepEqual(await standing(), ['2024-06-10', '2024-06-11', '2024-06-12']);
  assert.equal(await job.runOnce(), 0);
  const june10 = (await rollups.standingDays(TEAM)).find((d) => d.day === '2024-06-10');
  assert.deepEqual(june10?.bands, [
    { band: '2024-06-10', sessions: 1, minStart: new Date('2024-06-10T09:00:00Z'), maxStart: new Date('2024-06-10T09:00:00Z'), maxEnd: new Date('2024-06-10T09:00:30Z') },
  ]);
});

test('today, and days written to within the margin, wait', async () => {
  const today = new Date();
  const recent = v7(today.toISOString(), '4');
  await store.insert('events', [event('erin', recent, today.toISOString())]);
  await quiet();
  assert.ok(!(await rollups.daysToCompute(TEAM, NOW())).includes(today.toISOString().slice(0, 10)));
  const writtenAt = NOW();
  await store.insert('events', [event('anna', S1, '2024-06-10T09:05:00Z')]);
  assert.ok(!(await standing()).includes('2024-06-10'), 'a write to its sessions: the day no longer stands');
  assert.ok(!(await rollups.daysToCompute(TEAM, writtenAt)).includes('2024-06-10'), 'not quiet yet');
  await quiet();
  assert.deepEqual(await rollups.daysToCompute(TEAM, NOW()), ['2024-06-10']);
  await rollups.computeDay(TEAM, '2024-06-10', Date.now(), 'UTC');
  const june10 = (await rollups.standingDays(TEAM)).find((d) => d.day === '2024-06-10');
  assert.deepEqual(june10?.bands[0]?.maxEnd, new Date('2024-06-10T09:05:00Z'));
  const versions = await store.query("SELECT count(DISTINCT version) FROM web_sessions_daily WHERE team_id = 1 AND session_day = '2024-06-10'");
  assert.equal(Number(versions.rows[0][0]), 1, 'the earlier computation is deleted');
});

test('a merge moving the first distinct id of a session unsettles its day only', async () => {
  await store.insert('person_distinct_id_overrides', [{ team_id: TEAM, distinct_id: 'someone-else', person_id: '00000000-0000-4000-9000-000000000001', is_deleted: 0, version: 1 }]);
  assert.deepEqual(await standing(), ['2024-06-10', '2024-06-11', '2024-06-12']);
  await store.insert('person_distinct_id_overrides', [{ team_id: TEAM, distinct_id: 'cleo-anon', person_id: '00000000-0000-4000-9000-000000000002', is_deleted: 0, version: 1 }]);
  assert.deepEqual(await standing(), ['2024-06-10', '2024-06-11']);
  await quiet();
  assert.deepEqual(await rollups.daysToCompute(TEAM, NOW()), ['2024-06-12']);
  await rollups.computeDay(TEAM, '2024-06-12', Date.now(), 'UTC');
  assert.deepEqual(await standing(), ['2024-06-10', '2024-06-11', '2024-06-12']);
});

test("an erasure unsettles the days of the sessions it rebuilds, including sessions it empties", async () => {
  await eraseEvents(store, { teamId: TEAM, personUuids: [], distinctIds: ['ben'], storedUpTo: new Date().toISOString() });
  assert.deepEqual(await standing(), ['2024-06-10', '2024-06-12']);
  await quiet();
  await rollups.computeDay(TEAM, '2024-06-11', Date.now(), 'UTC');
  const june11 = (await rollups.standingDays(TEAM)).find((d) => d.day === '2024-06-11');
  assert.deepEqual(june11?.bands, [], 'a day whose sessions are all gone counts nothing');
});

test('changes of person older than every computation are forgotten; newer ones are kept', async () => {
  const count = async () => Number((await store.query('SELECT count() FROM person_override_touches WHERE team_id = 1')).rows[0][0]);
  assert.ok((await count()) >= 2);
  await rollups.pruneOverrideTouches(TEAM);
  assert.ok((await count()) >= 2, 'fewer than the threshold: left alone');
  await quiet();
  for (const day of ['2024-06-10', '2024-06-11', '2024-06-12']) await rollups.computeDay(TEAM, day, Date.now(), 'UTC');
  await quiet();
  await store.insert('person_distinct_id_overrides', [{ team_id: TEAM, distinct_id: 'later', person_id: '00000000-0000-4000-9000-000000000003', is_deleted: 0, version: 1 }]);
  await rollups.pruneOverrideTouches(TEAM, 1);
  assert.equal(await count(), 1, 'only the change made after the oldest computation is left');
});
