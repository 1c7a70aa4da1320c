import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OTHER_TEAM_ID, PEOPLE, TEAM_EVENT_COUNT, TEAM_ID, openFixture } from '../test-support/chdb-fixture.js';
import { compileHogQL, type CompileHogQLInput } from './compile-hogql.js';

async function hogql(query: string, options: Partial<CompileHogQLInput> = {}) {
  const compiled = await compileHogQL({ query, teamId: TEAM_ID, timezone: 'UTC', ...options });
  const result = await (await openFixture()).run(compiled);
  return { compiled, ...result };
}

test('each project only ever sees its own events', async () => {
  assert.deepEqual((await hogql('SELECT count() FROM events')).rows, [[TEAM_EVENT_COUNT]]);
  assert.deepEqual((await hogql('SELECT count() FROM events', { teamId: OTHER_TEAM_ID })).rows, [[2]]);
  const secrets = await hogql("SELECT count() FROM events WHERE properties.secret != ''");
  assert.deepEqual(secrets.rows, [[0]]);
});

test('columns are named by alias or by the HogQL expression text', async () => {
  const { compiled, rows } = await hogql('SELECT event, count() AS n, count() FROM events GROUP BY event ORDER BY n DESC, event');
  assert.deepEqual(compiled.columns, ['event', 'n', 'count()']);
  assert.deepEqual(rows, [['$pageview', 3, 3], ['signup', 1, 1]]);
});

test('properties.$browser, properties[…] and nested paths read JSON values as strings, NULL when missing', async () => {
  const { rows } = await hogql(
    "SELECT properties.$browser, properties['$browser'], properties.nested.a.b, properties['nested']['a'].b, properties.price, properties.missing FROM events ORDER BY timestamp",
  );
  assert.deepEqual(rows, [
    ['Chrome', 'Chrome', null, null, null, null],
    ['Chrome', 'Chrome', 'deep', 'deep', '12.5', null],
    ['Firefox', 'Firefox', null, null, null, null],
    ['Safari', 'Safari', null, null, null, null],
  ]);
});

test('person_id and person.properties follow a distinct id override to the merged person', async () => {
  const { rows } = await hogql(
    "SELECT person_id, person.id, person.properties.email FROM events WHERE distinct_id = 'bob-anon'",
  );
  assert.deepEqual(rows, [[PEOPLE.bob, PEOPLE.bob, 'bob@acme.com']]);
});

test("another project's override for the same distinct id does not remap ours", async () => {
  const { rows } = await hogql("SELECT DISTINCT person_id, person.properties.email FROM events WHERE distinct_id = 'alice'");
  assert.deepEqual(rows, [[PEOPLE.alice, 'alice@acme.com']]);
});

test('persons shows the latest version of each person and hides deleted ones', async () => {
  const { rows } = await hogql('SELECT id, properties.email FROM persons ORDER BY properties.email');
  assert.deepEqual(rows, [
    [PEOPLE.alice, 'alice@acme.com'],
    [PEOPLE.bob, 'bob@acme.com'],
  ]);
});

test('events join persons and groups through subqueries and CTEs', async () => {
  const joined = await hogql(
    'WITH p AS (SELECT id, properties.email AS email FROM persons) SELECT e.event, p.email FROM events e JOIN p ON p.id = e.person_id ORDER BY e.timestamp',
  );
  assert.deepEqual(joined.rows.map((r) => r[1]), ['bob@acme.com', 'alice@acme.com', 'alice@acme.com', 'bob@acme.com']);
  const groups = await hogql('SELECT key, properties.name FROM groups');
  assert.deepEqual(groups.rows, [['acme', 'Acme']]);
});

test('LIMIT defaults, is capped, and the SQL asks for one extra row so the caller can tell there is more', async () => {
  const byDefault = await hogql('SELECT event FROM events', { defaultLimit: 2 });
  assert.equal(byDefault.compiled.limit, 2);
  assert.equal(byDefault.rows.length, 3);
  const explicit = await hogql('SELECT event FROM events LIMIT 10');
  assert.equal(explicit.compiled.limit, 10);
  assert.equal(explicit.rows.length, TEAM_EVENT_COUNT);
  const capped = await hogql('SELECT event FROM events LIMIT 100000', { maxLimit: 3 });
  assert.equal(capped.compiled.limit, 3);
  assert.equal(capped.rows.length, 4);
  const offset = await hogql('SELECT event FROM events ORDER BY timestamp LIMIT 1 OFFSET 3');
  assert.deepEqual(offset.rows, [['signup']]);
});

test('{placeholders} are filled from values as bound constants', async () => {
  const { compiled, rows } = await hogql('SELECT count() FROM events WHERE event = {ev} AND distinct_id IN {ids}', {
    values: { ev: '$pageview', ids: ['alice', 'bob-anon'] },
  });
  assert.deepEqual(rows, [[3]]);
  assert.ok(!compiled.sql.includes('$pageview'));
});

test('timestamps come back in the project timezone and date functions use it', async () => {
  const { rows, meta } = await hogql(
    "SELECT timestamp, toDate(timestamp), toStartOfDay(timestamp), toHour(timestamp), formatDateTime(timestamp, '%Y-%m-%d %H') FROM events WHERE properties.$browser = 'Firefox'",
    { timezone: 'Europe/Berlin' },
  );
  assert.deepEqual(rows, [['2024-05-02 01:30:00.000000', '2024-05-02', '2024-05-02 00:00:00', 1, '2024-05-02 01']]);
  assert.equal(meta[0].type, "DateTime64(6, 'Europe/Berlin')");
  const now = await hogql('SELECT timeZoneOf(now()), today() = toDate(now()), toDateTime(\'2024-05-02 01:30:00\') = timestamp FROM events WHERE properties.$browser = \'Firefox\'', {
    timezone: 'Europe/Berlin',
  });
  assert.deepEqual(now.rows, [['Europe/Berlin', 1, 1]]);
});

test('a broad set of functions and syntax runs on the engine', async () => {
  const { rows } = await hogql(`
    SELECT
      arrayMap(x -> x * 2, [1, 2, 3]),
      (1, 'a').2,
      CASE WHEN 1 > 2 THEN 'no' ELSE 'yes' END,
      CASE event WHEN 'signup' THEN 1 ELSE 0 END,
      quantile(0.5)(toFloat(properties.price)),
      uniq(distinct_id),
      countIf(event = 'signup'),
      count(DISTINCT distinct_id),
      sum(1) FILTER (WHERE event = 'signup'),
      'x' || 'y',
      event ILIKE '%PAGE%' OR event =~ '^sign',
      toInt('42'),
      dateDiff('day', toDateTime('2024-05-01 00:00:00'), toDateTime('2024-05-03 00:00:00')),
      coalesce(any(properties.missing), 'fallback'),
      2 BETWEEN 1 AND 3,
      NOT (1 = 2),
      1 IS NOT NULL,
      toStartOfWeek(toDateTime('2024-05-02 00:00:00')),
      event::String
    FROM events
    WHERE event = 'signup'
    GROUP BY event`);
  assert.deepEqual(rows, [
    [[2, 4, 6], 'a', 'yes', 1, null, 1, 1, 1, 1, 'xy', 1, 42, 2, 'fallback', 1, 1, 1, '2024-04-28', 'signup'],
  ]);
});

test('UNION ALL members are each guarded and the whole is limited', async () => {
  const { rows } = await hogql('SELECT event FROM events UNION ALL SELECT event FROM events', { defaultLimit: 5 });
  assert.equal(rows.length, 6);
});
