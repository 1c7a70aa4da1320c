import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { OTHER_TEAM, UNIVERSE_TEAM, openUniverse, type Universe } from '../test-support/insight-universe.js';
import { compileHogQL } from './compile-hogql.js';

/*
 * Group and session fields of events, on this universe (all times UTC, 2024-05-01):
 *
 * Team 1, groups: type 0 `acme` {name: Acme, plan: pro}, type 0 `beta` {name: Beta}, type 1 `proj-1` {name: Project One}
 *   s1  alice  10:00:00 $pageview  https://app.test/home?x=1  utm_source=newsletter, $referring_domain=mail.test
 *                                  groups 0=acme 1=proj-1
 *       alice  10:00:30 $pageview  https://app.test/pricing   groups 0=acme
 *              → 30 s, 2 pageviews: not a bounce; entry /home, exit /pricing
 *   s2  bob    11:00:00 $pageview  https://app.test/blog      groups 0=beta
 *       bob    11:00:05 scrolled   (no url)
 *              → 5 s, 1 pageview, no autocapture: a bounce; entry = exit = /blog
 *   s3  bob    12:00:00 $pageview  https://app.test/docs
 *       bob    12:00:03 $autocapture
 *              → 3 s but an autocapture: not a bounce
 *   s4  alice  13:00:00 $pageview  https://app.test/
 *       alice  13:00:10 heartbeat
 *              → exactly 10 s: not a bounce
 *   —   bob    14:00:00 server_event  no session, group 0=ghost (no such group)
 * Team 2 (must never show): group type 0 `acme` {name: Evil Acme}; an event with the same session id `s1` at 09:00
 *   (earlier than team 1's s1) on https://evil.test/ with utm_source=evil and group 0=acme.
 */
let u: Universe;

before(async () => {
  u = await openUniverse();
  u.person('alice');
  u.person('bob');
  u.group(0, 'acme', { name: 'Acme', plan: 'pro' });
  u.group(0, 'beta', { name: 'Beta' });
  u.group(1, 'proj-1', { name: 'Project One' });
  u.group(0, 'acme', { name: 'Evil Acme' }, OTHER_TEAM);
  const url = (path: string) => ({ $current_url: `https://app.test${path}` });
  u.event('alice', '$pageview', '2024-05-01T10:00:00Z', { ...url('/home?x=1'), utm_source: 'newsletter', $referring_domain: 'mail.test' }, { session: 's1', groups: { 0: 'acme', 1: 'proj-1' } });
  u.event('alice', '$pageview', '2024-05-01T10:00:30Z', url('/pricing'), { session: 's1', groups: { 0: 'acme' } });
  u.event('bob', '$pageview', '2024-05-01T11:00:00Z', url('/blog'), { session: 's2', groups: { 0: 'beta' } });
  u.event('bob', 'scrolled', '2024-05-01T11:00:05Z', {}, { session: 's2' });
  u.event('bob', '$pageview', '2024-05-01T12:00:00Z', url('/docs'), { session: 's3' });
  u.event('bob', '$autocapture', '2024-05-01T12:00:03Z', {}, { session: 's3' });
  u.event('alice', '$pageview', '2024-05-01T13:00:00Z', url('/'), { session: 's4' });
  u.event('alice', 'heartbeat', '2024-05-01T13:00:10Z', {}, { session: 's4' });
  u.event('bob', 'server_event', '2024-05-01T14:00:00Z', {}, { groups: { 0: 'ghost' } });
  u.event('eve', '$pageview', '2024-05-01T09:00:00Z', { $current_url: 'https://evil.test/', utm_source: 'evil' }, { session: 's1', groups: { 0: 'acme' }, team: OTHER_TEAM });
  await u.flush();
});

async function query(hogql: string, teamId = UNIVERSE_TEAM, timezone = 'UTC') {
  const compiled = await compileHogQL({ query: hogql, teamId, timezone });
  const result = await u.store.query(compiled.sql, compiled.params);
  return { sql: compiled.sql, rows: result.rows.map((row) => [...row]), columns: result.columns.map((c) => c.name) };
}

test('group_N fields read the group of that type keyed by the event, NULL properties when there is none', async () => {
  const { rows } = await query(
    'SELECT event, group_0.key, group_0.properties.name, group_0.properties.plan, group_1.properties.name FROM events ORDER BY timestamp',
  );
  assert.deepEqual(rows, [
    ['$pageview', 'acme', 'Acme', 'pro', 'Project One'],
    ['$pageview', 'acme', 'Acme', 'pro', null],
    ['$pageview', 'beta', 'Beta', null, null],
    ['scrolled', '', null, null, null],
    ['$pageview', '', null, null, null],
    ['$autocapture', '', null, null, null],
    ['$pageview', '', null, null, null],
    ['heartbeat', '', null, null, null],
    ['server_event', '', null, null, null],
  ]);
});

test('group fields filter and group by like any other field, and created_at is in the project timezone', async () => {
  const { rows } = await query(
    "SELECT group_0.properties.name, count(), any(group_0.created_at) FROM events WHERE group_0.properties.name != '' GROUP BY group_0.properties.name ORDER BY 1",
    UNIVERSE_TEAM,
    'Asia/Tokyo',
  );
  assert.deepEqual(rows, [
    ['Acme', 2, '2024-01-01 09:00:00.000'],
    ['Beta', 1, '2024-01-01 09:00:00.000'],
  ]);
});

test("another team's group with the same key never joins, and that team sees only its own", async () => {
  const ours = await query("SELECT count() FROM events WHERE group_0.properties.name = 'Evil Acme'");
  assert.deepEqual(ours.rows, [[0]]);
  const theirs = await query('SELECT group_0.properties.name FROM events', OTHER_TEAM);
  assert.deepEqual(theirs.rows, [['Evil Acme']]);
});

test('session fields aggregate the session of the event; events without a session read NULL', async () => {
  const { rows } = await query(`
    SELECT event, session.session_id, session.$start_timestamp, session.$end_timestamp, session.$session_duration,
      session.$pageview_count, session.$autocapture_count, session.$is_bounce
    FROM events ORDER BY timestamp`);
  const s1 = ['s1', '2024-05-01 10:00:00.000000', '2024-05-01 10:00:30.000000', 30, 2, 0, false];
  const s2 = ['s2', '2024-05-01 11:00:00.000000', '2024-05-01 11:00:05.000000', 5, 1, 0, true];
  const s3 = ['s3', '2024-05-01 12:00:00.000000', '2024-05-01 12:00:03.000000', 3, 1, 1, false];
  const s4 = ['s4', '2024-05-01 13:00:00.000000', '2024-05-01 13:00:10.000000', 10, 1, 0, false];
  assert.deepEqual(rows, [
    ['$pageview', ...s1],
    ['$pageview', ...s1],
    ['$pageview', ...s2],
    ['scrolled', ...s2],
    ['$pageview', ...s3],
    ['$autocapture', ...s3],
    ['$pageview', ...s4],
    ['heartbeat', ...s4],
    ['server_event', '', null, null, null, null, null, null],
  ]);
});

test("the sessions table: entry and exit pages, entry referrer and UTM, never another team's events", async () => {
  const { rows } = await query(`
    SELECT session_id, distinct_id, $entry_current_url, $entry_pathname, $exit_current_url, $exit_pathname,
      $entry_referring_domain, $entry_utm_source, $start_timestamp
    FROM sessions ORDER BY session_id`, UNIVERSE_TEAM, 'America/New_York');
  assert.deepEqual(rows, [
    ['s1', 'alice', 'https://app.test/home?x=1', '/home', 'https://app.test/pricing', '/pricing', 'mail.test', 'newsletter', '2024-05-01 06:00:00.000000'],
    ['s2', 'bob', 'https://app.test/blog', '/blog', 'https://app.test/blog', '/blog', null, null, '2024-05-01 07:00:00.000000'],
    ['s3', 'bob', 'https://app.test/docs', '/docs', 'https://app.test/docs', '/docs', null, null, '2024-05-01 08:00:00.000000'],
    ['s4', 'alice', 'https://app.test/', '/', 'https://app.test/', '/', null, null, '2024-05-01 09:00:00.000000'],
  ]);
  const theirs = await query('SELECT session_id, $entry_utm_source, $pageview_count FROM sessions', OTHER_TEAM);
  assert.deepEqual(theirs.rows, [['s1', 'evil', 1]]);
});

test('session fields work in WHERE and GROUP BY', async () => {
  const bounces = await query('SELECT session.$is_bounce, count(DISTINCT $session_id) FROM events WHERE notEmpty($session_id) GROUP BY session.$is_bounce ORDER BY session.$is_bounce');
  assert.deepEqual(bounces.rows, [[false, 3], [true, 1]]);
  const long = await query("SELECT DISTINCT $session_id FROM events WHERE session.$session_duration >= 10 AND session.$entry_pathname != '/blog' ORDER BY 1");
  assert.deepEqual(long.rows, [['s1'], ['s4']]);
});

test('joins are added only for the fields a query reads, each read behind the project guard', async () => {
  const plain = await query('SELECT event FROM events');
  assert.equal(plain.sql.match(/FROM `/g)?.length, 1);
  const joined = await query('SELECT group_2.key, session.$session_duration, group_2.properties.x FROM events');
  const reads = joined.sql.match(/FROM `(\w+)`( FINAL)? WHERE equals\(`\1`.`team_id`, \{team_id:Int64\}\)/g) ?? [];
  // The session join reads the sessions model; the overrides only when the session's person is read.
  assert.deepEqual(reads.map((r) => r.split('`')[1]).sort(), ['events', 'groups', 'raw_sessions']);
  assert.equal(joined.sql.match(/FROM `/g)?.length, 3);
  assert.equal(joined.sql.match(/LEFT JOIN/g)?.length, 2);
  const withPerson = await query('SELECT session.$session_duration, session.person_id FROM events');
  assert.equal(withPerson.sql.match(/FROM `person_distinct_id_overrides`/g)?.length, 1);
});

test('a session source prints only the fields a query reads (and what they are computed from)', async () => {
  const bounce = await query('SELECT session_id, $is_bounce FROM sessions ORDER BY session_id');
  assert.doesNotMatch(bounce.sql, /channel_type|entry_utm_source|person_distinct_id_overrides/);
  assert.match(bounce.sql, /\$pageview_count/);
  const everything = await query('SELECT * FROM sessions ORDER BY session_id');
  assert.deepEqual(bounce.rows, everything.rows.map((row) => [row[everything.columns.indexOf('session_id')], row[everything.columns.indexOf('$is_bounce')]]));
  assert.match(everything.sql, /\$channel_type/);
  const joined = await query("SELECT s.session_id, s.$entry_pathname FROM events e JOIN sessions s ON s.session_id = e.$session_id WHERE s.$entry_hostname = 'x'");
  assert.match(joined.sql, /entry_current_url/);
  assert.match(joined.sql, /entry_host/);
});
