import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ChdbEventStore } from './chdb-event-store.js';
import { compileHogQL } from '@warren/query/hogql/compile-hogql';
import { sessionBotSql, sessionEntrySql, sessionRowsSelect, SESSIONS_VIEW } from './clickhouse-schema.js';

/*
 * The sessions model as the server's own store keeps it. Session S (a UUIDv7 made on 2024-05-01) of team 1:
 *   10:00:00 custom `opened`          no URL (server side)
 *   10:00:02 $pageview  /landing?utm_source=google  $referring_domain www.google.com, Chrome, Desktop
 *   10:00:09 $pageview  /pricing (with its `$pathname`)
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
    `SELECT min(min_timestamp), max(max_timestamp), length(groupUniqArrayArray(pageviews)), length(groupUniqArrayArray(autocaptures)), ${sessionEntrySql('$current_url')},
       ${sessionEntrySql('utm_source')}, ${sessionEntrySql('$browser')}, ${sessionEntrySql('$viewport_width')}, argMaxMerge(exit_url), any(session_day),
       ${sessionBotSql()}, ${sessionEntrySql('$referrer')}
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
    event(1, '$pageview', '2024-05-01 10:00:09', { $current_url: 'https://shop.test/pricing', $pathname: '/pricing' }),
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
    1,
    null,
  ]);
});

test("a session keeps each view's time and path once, however often the view was inserted", async () => {
  const result = await store.query(
    `SELECT arraySort(arrayMap(v -> (toString(v.2), v.3), groupUniqArrayArray(page_views))) FROM raw_sessions WHERE team_id = 1 AND session_id = {s:String}`,
    { s: S },
  );
  assert.deepEqual(result.rows[0]?.[0], [
    ['2024-05-01 10:00:02.000000', null],
    ['2024-05-01 10:00:09.000000', '/pricing'],
  ]);
});

test("the first event's person and distinct id come from that event, whatever order the parts merge in", async () => {
  const other = '018f33a0-9c00-7000-8000-0000000000aa';
  const at = (name: string, time: string, distinctId: string, personId: string, properties: Record<string, unknown>) => ({
    ...event(1, name, time, properties),
    distinct_id: distinctId,
    person_id: personId,
    $session_id: other,
  });
  // The later events arrive first, in their own part; the first event (anonymous, without a URL) comes last.
  await store.insert('events', [at('$pageview', '2024-05-02 09:00:05', 'user-1', '22222222-2222-4222-8222-222222222222', { $current_url: 'https://shop.test/b', $is_bot: false })]);
  await store.insert('events', [at('$pageview', '2024-05-02 09:00:03', 'user-1', '22222222-2222-4222-8222-222222222222', { $current_url: 'https://shop.test/a' })]);
  await store.insert('events', [at('opened', '2024-05-02 09:00:00', 'anon-1', '33333333-3333-4333-8333-333333333333', {})]);
  const compiled = await compileHogQL({
    query: `SELECT distinct_id, toString(person_id), $entry_current_url, $is_bot, $entry_referrer FROM sessions WHERE session_id = '${other}'`,
    teamId: 1,
    timezone: 'UTC',
  });
  const result = await store.query(compiled.sql, compiled.params);
  assert.deepEqual(result.rows, [['anon-1', '33333333-3333-4333-8333-333333333333', 'https://shop.test/a', 0, null]]);
});

test('each project has its own session of the same id', async () => {
  const row = await sessionRow(2);
  assert.equal(row?.[4], 'https://evil.test/');
});

test('a data dir from before the sessions model gets its sessions from the stored events on the next start', async () => {
  await store.command(`DROP VIEW ${SESSIONS_VIEW}`);
  await store.command('DROP TABLE raw_sessions');
  await store.migrate();
  const row = await sessionRow();
  assert.equal(row?.[2], 2);
  assert.equal(row?.[4], 'https://shop.test/landing?utm_source=google');
});

test('a data dir whose sessions keep the landing fields in one tuple is rebuilt from its events on the next start', async () => {
  await store.command(`DROP VIEW ${SESSIONS_VIEW}`);
  await store.command('DROP TABLE raw_sessions');
  // The old shape, as far as the upgrade looks at it (its landing tuple `entry`), and its view.
  await store.command(`CREATE TABLE raw_sessions (team_id Int64, session_id String, session_day Date,
    entry AggregateFunction(argMin, Tuple(Nullable(String)), DateTime64(6, 'UTC'))) ENGINE = AggregatingMergeTree ORDER BY (team_id, session_day, session_id)`);
  await store.command(`CREATE MATERIALIZED VIEW raw_sessions_mv TO raw_sessions AS
    SELECT team_id, \`$session_id\` AS session_id, toDate(0) AS session_day, argMinState(tuple(toNullable(event)), timestamp) AS entry FROM events GROUP BY team_id, session_id`);
  await store.migrate();
  assert.deepEqual((await sessionRow())?.slice(0, 5), ['2024-05-01 10:00:00.000000', '2024-05-01 10:00:15.000000', 2, 1, 'https://shop.test/landing?utm_source=google']);
  const leftovers = await store.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'raw_sessions%' ORDER BY name");
  assert.deepEqual(leftovers.rows, [['raw_sessions'], [SESSIONS_VIEW]]);
  // The view that keeps it current is the new one: a later pageview becomes the exit page.
  await store.insert('events', [event(1, '$pageview', '2024-05-01 10:00:20', { $current_url: 'https://shop.test/thanks' })]);
  assert.equal((await sessionRow())?.[8], 'https://shop.test/thanks');
});

test('a data dir whose view parsed each property on its own gets the view that parses them once, on the next start', async () => {
  await store.command(`DROP VIEW ${SESSIONS_VIEW}`);
  // The earlier view, under its earlier name (what it computes is the same; only how often it parses the JSON differs).
  await store.command(`CREATE MATERIALIZED VIEW raw_sessions_mv TO raw_sessions AS ${sessionRowsSelect()}`);
  await store.migrate();
  const views = await store.query("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'raw_sessions%' ORDER BY name");
  assert.deepEqual(views.rows, [['raw_sessions'], [SESSIONS_VIEW]]);
  const before = await sessionRow();
  await store.insert('events', [event(1, '$pageview', '2024-05-01 10:00:21', { $current_url: 'https://shop.test/receipt', $pathname: '/receipt' })]);
  const after = await sessionRow();
  assert.equal(after?.[2], Number(before?.[2]) + 1, 'the new view counts the pageview, once');
  assert.equal(after?.[8], 'https://shop.test/receipt');
});
