import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OTHER_TEAM_ID, PEOPLE, TEAM_EVENT_COUNT, TEAM_ID, openFixture } from '../test-support/chdb-fixture.js';
import { compileEventsQuery } from './compile-events-query.js';
import { compileHogQL, type CompileHogQLInput } from './compile-hogql.js';
import { HogQLError, type HogQLErrorCode } from './hogql-error.js';
import type { PropertyFilter } from './property-filter.js';

// The injection regression suite: hostile HogQL, values and settings are refused before any SQL exists, or are
// printed harmlessly (bound, quoted, guarded), which is then proven by running the SQL on chDB.

const compile = (query: string, options: Partial<CompileHogQLInput> = {}) =>
  compileHogQL({ query, teamId: TEAM_ID, timezone: 'UTC', ...options });

async function run(query: string, options: Partial<CompileHogQLInput> = {}) {
  const compiled = await compile(query, options);
  assertEveryTableGuarded(compiled.sql);
  return { compiled, ...(await (await openFixture()).run(compiled)) };
}

async function refused(query: string, code: HogQLErrorCode, options: Partial<CompileHogQLInput> = {}) {
  await assert.rejects(compile(query, options), (error: unknown) => {
    assert.ok(error instanceof HogQLError, `expected a HogQLError for ${query}, got ${String(error)}`);
    assert.equal(error.code, code, `${query}: ${error.detail}`);
    return true;
  });
}

/** Every physical table read in the printed SQL is immediately restricted to the bound project. */
function assertEveryTableGuarded(sql: string): void {
  // A read is `FROM <table>` or, merged, `FROM <table> FINAL`; the guard must follow either at once.
  const reads = sql.match(/FROM `[^`]+`( FINAL)?(?! AS)/g) ?? [];
  for (const read of reads) {
    const table = read.slice('FROM '.length).replace(/ FINAL$/, '');
    assert.ok(sql.includes(`${read} WHERE equals(${table}.\`team_id\`, {team_id:Int64})`), `unguarded read: ${read}`);
  }
}

test('tables outside the catalog are refused: system tables, other databases, table functions', async () => {
  await refused('SELECT * FROM system.tables', 'resolution_error');
  await refused('SELECT * FROM default.events', 'resolution_error');
  await refused('SELECT * FROM events.events', 'resolution_error');
  await refused('SELECT * FROM person', 'resolution_error');
  await refused('SELECT * FROM person_distinct_id_overrides', 'resolution_error');
  await refused("SELECT * FROM remote('127.0.0.1', system.one)", 'unsupported');
  await refused("SELECT * FROM url('http://127.0.0.1:1/', CSV)", 'unsupported');
  await refused("SELECT * FROM file('/etc/passwd', 'LineAsString')", 'unsupported');
  await refused("SELECT * FROM executable('ls', 'TSV', 'x String')", 'unsupported');
  await refused("SELECT * FROM s3('http://127.0.0.1:1/x.csv')", 'unsupported');
  await refused('SELECT * FROM numbers(10)', 'unsupported');
});

test('anything but SELECT is a syntax error, including stacked statements', async () => {
  await refused('INSERT INTO events VALUES (1)', 'syntax_error');
  await refused('DROP TABLE events', 'syntax_error');
  await refused('ALTER TABLE events DELETE WHERE 1', 'syntax_error');
  await refused('SELECT 1; DROP TABLE events', 'syntax_error');
  await refused('SELECT 1 INTO OUTFILE \'/tmp/x\'', 'syntax_error');
  await refused('SELECT 1 FORMAT JSON', 'syntax_error');
});

test('SETTINGS in the query cannot override the safety settings', async () => {
  await refused('SELECT 1 SETTINGS readonly=0', 'unsupported');
  await refused('SELECT event FROM events SETTINGS max_execution_time=0, max_result_rows=0', 'unsupported');
});

test('team_id is not a column, so no query can name another project', async () => {
  await refused('SELECT count() FROM events WHERE team_id = 2', 'resolution_error');
  await refused('SELECT events.team_id FROM events', 'resolution_error');
  await refused('SELECT uuid FROM events UNION ALL SELECT uuid FROM events WHERE team_id = 2', 'resolution_error');
  await refused('SELECT count() FROM events WHERE distinct_id IN events', 'resolution_error');
});

test('functions outside the allowlist are refused, including typed casts that could forge columns', async () => {
  for (const call of [
    "file('/etc/passwd')",
    "dictGet('d', 'a', 1)",
    "joinGet('j', 'a', 1)",
    "getSetting('readonly')",
    'currentDatabase()',
    "CAST(1, 'Tuple(team_id Int64)')",
    "JSONExtract('{}', 'Tuple(team_id Int64)')",
    "accurateCastOrNull(1, 'Tuple(team_id Int64)')",
    "executable('ls')",
    "hasColumnInTable('default', 'events', 'team_id')",
    "evalMLMethod('x')",
  ]) {
    await refused(`SELECT ${call}`, 'unsupported');
  }
  await refused("SELECT 1::Tuple(team_id Int64)", 'syntax_error');
});

test('clauses that could change what is read are refused', async () => {
  await refused('SELECT event FROM events FINAL', 'unsupported');
  await refused('SELECT event FROM events SAMPLE 0.1', 'unsupported');
  await refused('SELECT event FROM events PREWHERE 1', 'unsupported');
  await refused('SELECT x FROM events ARRAY JOIN [1, 2] AS x', 'unsupported');
  await refused('SELECT event FROM events LIMIT 1 BY event', 'unsupported');
  await refused('SELECT count() OVER (PARTITION BY event) FROM events', 'unsupported');
  await refused('SELECT <Sparkline data={[1]} />', 'unsupported');
  await refused('SELECT 1 AS events__override', 'resolution_error');
  await refused('SELECT 1 FROM events AS events__person', 'resolution_error');
});

test('hostile timezones are refused before any SQL is printed', async () => {
  await refused('SELECT now()', 'unsupported', { timezone: "UTC'); DROP TABLE events; --" });
  await refused('SELECT now()', 'unsupported', { timezone: 'UTC\n' });
  await refused('SELECT now()', 'unsupported', { timezone: '../../etc/passwd' });
});

test('hostile property keys are bound parameters and simply read nothing', async () => {
  const key = "x'), 1) OR 1=1 --";
  const { compiled, rows } = await run(
    `SELECT properties['${key.replace(/'/g, "\\'")}'], properties.\`a\`\`b\`, person.properties['\\'; DROP TABLE person; --'] FROM events LIMIT 1`,
  );
  assert.deepEqual(rows[0], [null, null, null]);
  assert.ok(!compiled.sql.includes('OR 1=1') && !compiled.sql.includes('DROP'));
  assert.ok(Object.values(compiled.params).includes(key));
});

test('hostile string constants and values come back verbatim', async () => {
  const hostile = "x' OR 1=1 --\\'); SELECT * FROM system.tables; `";
  const { compiled, rows } = await run('SELECT {v}, count() FROM events WHERE distinct_id = {v}', { values: { v: hostile } });
  assert.deepEqual(rows, [[hostile, 0]]);
  assert.ok(!compiled.sql.includes('system.tables'));
  const literal = await run("SELECT 'a\\' OR \\'1\\'=\\'1'");
  assert.deepEqual(literal.rows, [["a' OR '1'='1"]]);
  await refused('SELECT {v}', 'unsupported', { values: { v: { sql: '1' } } });
  await refused('SELECT {missing}', 'resolution_error');
});

test('aliases are quoted identifiers, whatever they contain', async () => {
  const { compiled, rows } = await run('SELECT event AS `x`` FROM system.tables --`, 1 AS `a\nb` FROM events ORDER BY timestamp LIMIT 1');
  assert.deepEqual(compiled.columns, ['x` FROM system.tables --', 'a\nb']);
  assert.deepEqual(rows[0], ['$pageview', 1]);
});

test('comments cannot hide part of the printed query', async () => {
  assert.deepEqual((await run('SELECT count() FROM events -- WHERE 1 = 0')).rows, [[TEAM_EVENT_COUNT]]);
  assert.deepEqual((await run('SELECT count() /* , (SELECT 1) */ FROM events')).rows, [[TEAM_EVENT_COUNT]]);
});

test('subqueries, IN-subqueries, CTEs and unions each read events through their own guard', async () => {
  const expect = [[TEAM_EVENT_COUNT]];
  assert.deepEqual((await run('SELECT count() FROM (SELECT * FROM events)')).rows, expect);
  assert.deepEqual((await run('SELECT count() FROM events WHERE uuid IN (SELECT uuid FROM events)')).rows, expect);
  assert.deepEqual((await run('WITH events AS (SELECT * FROM events) SELECT count() FROM events')).rows, expect);
  assert.deepEqual((await run('WITH person AS (SELECT 1 AS x) SELECT count() FROM events')).rows, expect);
  const union = await run(`SELECT count() FROM (SELECT uuid FROM events UNION ALL SELECT uuid FROM events WHERE person_id = '${PEOPLE.eve}')`);
  assert.deepEqual(union.rows, expect);
});

test("outer joins cannot pull in another project's rows", async () => {
  for (const join of ['RIGHT JOIN', 'FULL OUTER JOIN', 'LEFT JOIN', 'CROSS JOIN']) {
    const on = join === 'CROSS JOIN' ? '' : 'ON a.uuid = b.uuid';
    const { rows } = await run(`SELECT countIf(b.properties.secret != '' OR a.properties.secret != '') FROM events a ${join} events b ${on}`);
    assert.deepEqual(rows, [[0]], join);
  }
  const persons = await run("SELECT count() FROM events e RIGHT JOIN persons p ON p.id = e.person_id WHERE p.properties.email LIKE '%evil%'");
  assert.deepEqual(persons.rows, [[0]]);
});

test('aliases named like tables do not loosen the guard, and team_id cannot be an alias at all', async () => {
  const shadow = await run('SELECT tuple(2) AS events, tuple(2) AS person, count() FROM events AS person_distinct_id_overrides');
  assert.deepEqual(shadow.rows, [[[2], [2], TEAM_EVENT_COUNT]]);
  await refused('SELECT 2 AS team_id, count() FROM events', 'syntax_error');
  const lambda = await run('SELECT arrayMap(team_id -> team_id, [2]), count() FROM events');
  assert.deepEqual(lambda.rows, [[[2], TEAM_EVENT_COUNT]]);
});

test('every physical table read in a query with joins, subqueries and CTEs carries the guard', async () => {
  const { compiled, rows } = await run(`
    WITH recent AS (SELECT distinct_id FROM events WHERE event IN (SELECT event FROM events))
    SELECT e.person.properties.email, g.key, p.id
    FROM events e
    LEFT JOIN persons p ON p.id = e.person_id
    LEFT JOIN groups g ON g.key = e.$group_0
    WHERE e.distinct_id IN (SELECT distinct_id FROM recent)
    ORDER BY e.timestamp`);
  const reads = compiled.sql.match(/FROM `(events|person|person_distinct_id_overrides|groups)` WHERE equals\(`\1`.`team_id`, \{team_id:Int64\}\)/g);
  assert.equal(reads?.length, 7);
  assert.equal(compiled.sql.match(/FROM `/g)?.length, 7);
  assert.equal(rows.length, TEAM_EVENT_COUNT);
});

test('the other project sees only its own rows through the same queries', async () => {
  const { rows } = await run("SELECT properties.secret FROM events WHERE distinct_id = 'alice'", { teamId: OTHER_TEAM_ID });
  assert.deepEqual(rows, [['team2-alice']]);
});

test('group and session fields: hostile names are refused or bound, and their joins read only this project', async () => {
  const key = "'; DROP TABLE groups; --";
  const { compiled, rows } = await run(`SELECT group_0.properties['${key.replace(/'/g, "\\'")}'], session.$session_duration FROM events ORDER BY timestamp LIMIT 1`);
  assert.deepEqual(rows[0], [null, 0]); // the first event, bob-anon's, is alone in its session
  assert.ok(!compiled.sql.includes('DROP') && Object.values(compiled.params).includes(key));
  await refused('SELECT session.`$x; DROP TABLE events` FROM events', 'resolution_error');
  await refused('SELECT session.properties.x FROM events', 'resolution_error');
  await refused('SELECT group_5.key FROM events', 'resolution_error');
  await refused('SELECT group_0 FROM events', 'resolution_error');
  await refused('SELECT 1 AS events__session', 'resolution_error');
  await refused('SELECT 1 FROM events AS e__group_3', 'resolution_error');
  // Both teams have a session called session-alice; each sees only its own events in it.
  const ours = await run('SELECT session_id, $pageview_count FROM sessions ORDER BY session_id');
  assert.deepEqual(ours.rows, [['session-alice', 2], ['session-bob', 0], ['session-bob-anon', 1]]);
  const theirs = await run('SELECT session_id, $pageview_count FROM sessions ORDER BY session_id', { teamId: OTHER_TEAM_ID });
  assert.deepEqual(theirs.rows, [['session-alice', 1], ['session-eve', 1]]);
  const joined = await run("SELECT count() FROM events WHERE session.$pageview_count = 2 AND group_0.properties.name = 'Evil'");
  assert.deepEqual(joined.rows, [[0]]);
});

test('hostile keys and values in every property filter type are bound values that match nothing, or are refused', async () => {
  const hostile = "x'); DROP TABLE events; SELECT * FROM system.tables; --";
  const harmless: PropertyFilter[] = [
    { type: 'group', group_type_index: 0, key: hostile, value: hostile },
    { type: 'group', group_type_index: 0, key: 'name', value: hostile, operator: 'icontains' },
    { type: 'session', key: '$entry_pathname', value: hostile, operator: 'not_starts_with' },
    { type: 'element', key: 'text', value: hostile },
    { type: 'element', key: 'href', value: hostile, operator: 'icontains' },
    { type: 'element', key: 'tag_name', value: hostile },
    { type: 'element', key: 'selector', value: `button[data-x="${hostile.replace(/"/g, '')}"]` },
    { type: 'event', key: hostile, value: hostile, operator: 'ends_with' },
    { type: 'person', key: hostile, value: '1.2.3', operator: 'semver_gt' },
    { type: 'event', key: hostile, value: '2024-05-01', operator: 'is_date_before' },
    { type: 'event_metadata', key: 'distinct_id', value: [hostile, 'nobody'] },
  ];
  for (const filter of harmless) {
    const negated = filter.operator === 'not_starts_with';
    const compiled = await compileEventsQuery({ select: ['event'], properties: [filter], after: 'all', teamId: TEAM_ID, timezone: 'UTC', now: new Date() });
    assertEveryTableGuarded(compiled.sql);
    assert.ok(!/DROP|system\.tables/.test(compiled.sql), JSON.stringify(filter));
    const { rows } = await (await openFixture()).run(compiled);
    assert.equal(rows.length, negated ? TEAM_EVENT_COUNT : 0, JSON.stringify(filter));
  }
  const refusedFilters: [PropertyFilter, HogQLErrorCode][] = [
    [{ type: 'session', key: hostile, value: 'x' }, 'resolution_error'],
    [{ type: 'group', group_type_index: '0; DROP TABLE groups' as unknown as number, key: 'name', value: 'x' }, 'unsupported'],
    [{ type: 'event', key: 'url', value: hostile, operator: 'regex' }, 'syntax_error'],
    [{ type: 'event', key: 'd', value: hostile, operator: 'is_date_exact' }, 'syntax_error'],
    [{ type: 'event', key: 'd', value: `2024-05-01${hostile}`, operator: 'is_date_exact' }, 'syntax_error'],
    [{ type: 'event', key: 'v', value: hostile, operator: 'semver_eq' }, 'unsupported'],
    [{ type: 'element', key: 'selector', value: hostile }, 'unsupported'],
    [{ type: 'element', key: hostile, value: 'x' }, 'unsupported'],
    [{ type: hostile, key: 'x', value: 'x' }, 'unsupported'],
    [{ type: 'event', key: 'x', value: 'x', operator: hostile }, 'unsupported'],
    [{ type: 'cohort', key: 'id', value: hostile }, 'unsupported'],
  ];
  for (const [filter, code] of refusedFilters) {
    await assert.rejects(
      compileEventsQuery({ select: ['event'], properties: [filter], teamId: TEAM_ID, timezone: 'UTC', now: new Date() }),
      (error: unknown) => error instanceof HogQLError && error.code === code,
      JSON.stringify(filter),
    );
  }
});
