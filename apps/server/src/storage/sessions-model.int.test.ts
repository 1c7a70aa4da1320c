import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ChdbEventStore } from './chdb-event-store.js';

/*
 * The sessions model as the server's own store keeps it. Session S (a UUIDv7 made on 2024-05-01) of team 1:
 *   10:00:00 custom `opened`          no URL (server side)
 *   10:00:02 $pageview  /landing?utm_source=google  $referring_domain www.google.com, Chrome, Desktop
 *   10:00:09 $pageview  /pricing
 *   10:00:15 $autocapture
 * inserted in two batches, the second containing the 10:00:02 pageview again (a replay of the same uuid).
 * Team 2 has an event in a session of the same id.
 */
const S = '018f33a0-9c00-7000-8000-000000000001';
let dir: string;
let store: ChdbEventStore;

let n = 0;
function event(team: number, name: string, at: string, properties: Record<string, unknown>, uuid = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`) {
  return {
    team_id: team,
    uuid,
    event: name,
    distinct_id: 'visitor',
    person_id: '11111111-1111-4111-8111-111111111111',
    timestamp: at,
    created_at: at,
    properties: JSON.stringify(properties),
    elements_chain: '',
    $session_id: S,
    $window_id: '',
    $group_0: '',
    $group_1: '',
    $group_2: '',
    $group_3: '',
    $group_4: '',
  };
}

const landing = event(1, '$pageview', '2024-05-01 10:00:02', {
  $current_url: 'https://shop.test/landing?utm_source=google',
  $referring_domain: 'www.google.com',
  utm_source: 'google',
  $browser: 'Chrome',
  $device_type: 'Desktop',
  $viewport_width: 1280,
  $is_bot: true,
});

async function sessionRow(team = 1) {
  const result = await store.query(
    `SELECT min(min_timestamp), max(max_timestamp), uniqExactIfMerge(pageviews), uniqExactIfMerge(autocaptures), argMinMerge(entry).1,
       argMinMerge(entry).4, argMinMerge(entry).14, argMinMerge(entry).16, argMaxMerge(exit_url), any(session_day), argMinMerge(entry).25
     FROM raw_sessions WHERE team_id = {team:Int64} AND session_id = {s:String} GROUP BY session_id`,
    { team, s: S },
  );
  return result.rows[0];
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessions-model-'));
  store = new ChdbEventStore(dir);
  await store.migrate();
  await store.insert('events', [event(1, 'opened', '2024-05-01 10:00:00', {}), landing]);
  await store.insert('events', [
    landing,
    event(1, '$pageview', '2024-05-01 10:00:09', { $current_url: 'https://shop.test/pricing' }),
    event(1, '$autocapture', '2024-05-01 10:00:15', {}),
    event(2, '$pageview', '2024-05-01 09:00:00', { $current_url: 'https://evil.test/' }),
  ]);
});

after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a session row follows its events as they are inserted, counting a replayed event once', async () => {
  const row = await sessionRow();
  assert.deepEqual(row, [
    '2024-05-01 10:00:00.000000',
    '2024-05-01 10:00:15.000000',
    2,
    1,
    'https://shop.test/landing?utm_source=google',
    'google',
    'Chrome',
    '1280',
    'https://shop.test/pricing',
    '2024-05-01',
    'true',
  ]);
});

test('each project has its own session of the same id', async () => {
  const row = await sessionRow(2);
  assert.equal(row?.[4], 'https://evil.test/');
});

test('a data dir from before the sessions model gets its sessions from the stored events on the next start', async () => {
  await store.command('DROP VIEW raw_sessions_mv');
  await store.command('DROP TABLE raw_sessions');
  await store.migrate();
  const row = await sessionRow();
  assert.equal(row?.[2], 2);
  assert.equal(row?.[4], 'https://shop.test/landing?utm_source=google');
});
