import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hCall, hField } from '../hogql/hogql-ast.js';
import { templateSelect } from '../insights/hogql-template.js';
import { compileWebStatement, onJoinedSessions } from './web-session-join.js';

test("a session-level value is rewritten onto the joined sessions table; the event's own fields are left alone", () => {
  const value = hCall('tuple', hField('session', '$geoip_country_code'), hField('properties', '$pathname'));
  assert.deepEqual(onJoinedSessions(value), hCall('tuple', hField('s', '$geoip_country_code'), hField('properties', '$pathname')));
  assert.deepEqual(value.args[0], hField('session', '$geoip_country_code'), 'the given tree is not changed');
});

test('a web statement keeps its join sides, reads sessions FINAL, and stays read-only behind the project guard', async () => {
  const ast = await templateSelect(
    'SELECT count() FROM (SELECT $session_id AS session_id FROM events GROUP BY $session_id) AS e INNER JOIN sessions AS s ON s.session_id = e.session_id',
    {},
  );
  const { sql, params } = compileWebStatement(ast, { teamId: 7, timezone: 'UTC' });
  assert.match(sql, /SETTINGS readonly=1, max_execution_time=\d+, query_plan_join_swap_table='false'$/);
  assert.ok(sql.includes('FROM `raw_sessions` FINAL WHERE equals(`raw_sessions`.`team_id`, {team_id:Int64})'));
  assert.ok(sql.includes('FROM `events` WHERE equals(`events`.`team_id`, {team_id:Int64})'));
  assert.equal(params.team_id, 7);
});
