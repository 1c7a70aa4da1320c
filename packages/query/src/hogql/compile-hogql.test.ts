import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileHogQL, type CompileHogQLInput } from './compile-hogql.js';
import { HogQLError, type HogQLErrorCode } from './hogql-error.js';

const compile = (query: string, options: Partial<CompileHogQLInput> = {}) =>
  compileHogQL({ query, teamId: 1, timezone: 'UTC', ...options });

async function rejects(query: string, code: HogQLErrorCode, detail?: RegExp) {
  await assert.rejects(compile(query), (error: unknown) => {
    assert.ok(error instanceof HogQLError);
    assert.equal(error.code, code, error.detail);
    if (detail) assert.match(error.detail, detail);
    return true;
  });
}

test('a simple query prints guarded SQL, PostHog-style column names and the HogQL that ran', async () => {
  const compiled = await compile('select event, count() from events group by event');
  assert.equal(
    compiled.sql,
    'SELECT `events`.`event` AS `event`, count() FROM (SELECT * FROM `events` WHERE equals(`events`.`team_id`, {team_id:Int64})) AS `events` ' +
      "GROUP BY `events`.`event` LIMIT {p0:Int64} SETTINGS readonly=1, max_execution_time=10, max_result_rows=101, result_overflow_mode='throw'",
  );
  assert.deepEqual(compiled.params, { team_id: 1, p0: 101 });
  assert.deepEqual(compiled.columns, ['event', 'count()']);
  assert.equal(compiled.limit, 100);
  assert.equal(compiled.hogql, 'SELECT event, count() FROM events GROUP BY event LIMIT 100');
});

test('the limit defaults, is capped, and the SQL always asks for one more row', async () => {
  assert.equal((await compile('SELECT 1')).params.p1, 101);
  const small = await compile('SELECT 1', { defaultLimit: 5 });
  assert.deepEqual([small.limit, small.params.p1], [5, 6]);
  const capped = await compile('SELECT 1 LIMIT 999999', { maxLimit: 1000 });
  assert.deepEqual([capped.limit, capped.params.p1], [1000, 1001]);
  assert.match(capped.sql, /max_result_rows=1001/);
  await rejects('SELECT 1 LIMIT 1 + 1', 'unsupported', /LIMIT/);
});

test('person joins are added only when person_id or person fields are used', async () => {
  const plain = await compile('SELECT event FROM events');
  assert.ok(!plain.sql.includes('person'));
  const personId = await compile('SELECT person_id FROM events');
  assert.ok(personId.sql.includes('person_distinct_id_overrides'));
  assert.ok(!personId.sql.includes('`events__person`'));
  const person = await compile('SELECT person.properties.email FROM events');
  assert.ok(person.sql.includes('AS `events__override`') && person.sql.includes('AS `events__person`'));
});

test('property keys and the timezone are bound, never pasted', async () => {
  const { sql, params } = await compile("SELECT properties['$current_url'], now() FROM events", { timezone: 'Europe/Berlin' });
  assert.ok(!sql.includes('$current_url') && !sql.includes('Berlin'));
  assert.ok(Object.values(params).includes('$current_url') && Object.values(params).includes('Europe/Berlin'));
});

test('timezone-aware functions get the project timezone appended unless one is given', async () => {
  const { sql } = await compile("SELECT toStartOfDay(timestamp), toStartOfDay(timestamp, 'UTC'), toDate(now()) FROM events", {
    timezone: 'Asia/Tokyo',
  });
  assert.match(sql, /toStartOfDay\(toTimeZone\(`events`.`timestamp`, \{p0:String\}\), \{p0:String\}\), toStartOfDay\(toTimeZone\(`events`.`timestamp`, \{p0:String\}\), \{p1:String\}\)/);
  assert.match(sql, /toDate\(now64\(\{p2:Int64\}, \{p0:String\}\), \{p0:String\}\)/);
});

test('select aliases can be referenced, and an alias does not capture its own expression', async () => {
  const { sql } = await compile('SELECT toDate(timestamp) AS timestamp, count() AS c FROM events GROUP BY timestamp HAVING c > 1 ORDER BY c');
  assert.match(sql, /^SELECT toDate\(toTimeZone\(`events`.`timestamp`, \{p0:String\}\), \{p0:String\}\) AS `timestamp`/);
  assert.match(sql, /GROUP BY `timestamp` HAVING greater\(`c`, \{p1:Int64\}\) ORDER BY `c` ASC/);
});

test('subquery columns, including raw properties, can be read from the outer query', async () => {
  const { sql, columns } = await compile('SELECT sub.e, sub.properties.$browser FROM (SELECT event AS e, properties FROM events) AS sub');
  assert.match(sql, /^SELECT `sub`.`e` AS `e`, JSONExtract\(`sub`.`properties`/);
  assert.deepEqual(columns, ['sub.e', 'sub.properties.$browser']);
});

test('names that do not resolve, or resolve twice, are resolution errors', async () => {
  await rejects('SELECT nope FROM events', 'resolution_error', /Unable to resolve field: nope/);
  await rejects('SELECT properties FROM events a JOIN events b ON a.uuid = b.uuid', 'resolution_error', /Ambiguous/);
  await rejects('SELECT event.x FROM events', 'resolution_error', /not a properties column/);
  await rejects('SELECT person FROM events', 'resolution_error', /person.id/);
  await rejects('SELECT 1 FROM events JOIN events ON 1', 'resolution_error', /used twice/);
  await rejects('SELECT * FROM nowhere', 'resolution_error', /Unknown table: nowhere/);
});

test('functions off the allowlist and wrong arities are refused', async () => {
  await rejects('SELECT sleep(3)', 'unsupported', /Unsupported function: sleep/);
  await rejects('SELECT lower()', 'unsupported', /lower\(\) takes 1 arguments, got 0/);
  await rejects('SELECT quantile(0.5, 0.9)(1)', 'unsupported', /parameters/);
  await rejects('SELECT lower(1)(2)', 'unsupported', /parameters/);
  await rejects('SELECT lower(DISTINCT event) FROM events', 'unsupported');
});

test("a joined events table cannot use its own person fields in its ON clause", async () => {
  await rejects('SELECT 1 FROM persons p JOIN events e ON e.person_id = p.id', 'unsupported', /JOIN condition/);
  const ok = await compile('SELECT e.event FROM events e JOIN persons p ON p.id = e.person_id');
  assert.match(ok.sql, /AS `e__override` ON .* INNER JOIN \(SELECT `person`.`id`/);
});

test('syntax errors carry the position of the problem', async () => {
  await assert.rejects(compile('SELECT event\nFROM events\nWHERE (('), (error: unknown) => {
    assert.ok(error instanceof HogQLError);
    assert.equal(error.code, 'syntax_error');
    assert.equal(error.start?.line, 3);
    assert.equal(typeof error.start?.offset, 'number');
    return true;
  });
});

test('count(*) counts rows and FILTER (WHERE …) becomes the -If aggregate', async () => {
  const { sql } = await compile("SELECT count(*), count(*) FILTER (WHERE event = 'a'), sum(1) FILTER (WHERE event = 'b') FROM events");
  assert.match(sql, /^SELECT count\(\), countIf\(equals\(`events`.`event`, \{p0:String\}\)\), sumIf\(\{p1:Int64\}, equals\(`events`.`event`, \{p2:String\}\)\) FROM/);
  await rejects("SELECT lower(event) FILTER (WHERE event = 'a') FROM events", 'unsupported');
});
