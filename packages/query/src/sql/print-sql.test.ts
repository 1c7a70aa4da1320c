import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expr, Query, SelectQuery } from './ast.js';
import { alias, and, call, column, constant, equals, table } from './build.js';
import { printSql } from './print-sql.js';

const select = (extra: Partial<SelectQuery> = {}): SelectQuery => ({
  kind: 'select',
  select: [alias(call('count'), 'n')],
  from: { source: table('events'), alias: 'e' },
  ...extra,
});

test('every table read is its own subquery restricted to the project', () => {
  const query = select({
    joins: [{ type: 'LEFT JOIN', source: table('person'), alias: 'p', on: equals(column('p', 'id'), column('e', 'person_id')) }],
  });
  const { sql, params } = printSql(query, { teamId: 7 });
  assert.equal(
    sql,
    'SELECT count() AS `n` FROM (SELECT * FROM `events` WHERE equals(`events`.`team_id`, {team_id:Int64})) AS `e` ' +
      'LEFT JOIN (SELECT * FROM `person` WHERE equals(`person`.`team_id`, {team_id:Int64})) AS `p` ON equals(`p`.`id`, `e`.`person_id`)',
  );
  assert.deepEqual(params, { team_id: 7 });
});

test('a merged read (FINAL) keeps the guard right behind it; only `true` prints the keyword', () => {
  const merged = printSql(select({ from: { source: table('raw_sessions', { final: true }), alias: 's' } }), { teamId: 1 });
  assert.equal(merged.sql, 'SELECT count() AS `n` FROM (SELECT * FROM `raw_sessions` FINAL WHERE equals(`raw_sessions`.`team_id`, {team_id:Int64})) AS `s`');
  const hostile = { kind: 'table', table: 'raw_sessions', final: 'FINAL; DROP TABLE events' as never } as const;
  assert.ok(!printSql(select({ from: { source: hostile, alias: 's' } }), { teamId: 1 }).sql.includes('FINAL'));
});

test('constants are bound parameters and NULL is the keyword', () => {
  const where = and(equals(column('e', 'event'), constant("x' OR 1=1")), call('isNull', constant(null)));
  const { sql, params } = printSql(select({ where }), { teamId: 1 });
  assert.ok(sql.endsWith('WHERE and(equals(`e`.`event`, {p0:String}), isNull(NULL))'));
  assert.equal(params.p0, "x' OR 1=1");
  assert.ok(!sql.includes('OR 1=1'));
});

test('clauses print in SQL order with allowlisted tokens', () => {
  const query = select({
    distinct: true,
    groupBy: [column('e', 'event')],
    having: call('greater', call('count'), constant(1)),
    orderBy: [{ expr: column(undefined, 'n'), direction: 'DESC' }],
    limit: constant(10),
    offset: constant(5),
    settings: { readonly: 1, max_execution_time: 10, result_overflow_mode: 'throw' },
  });
  const { sql } = printSql(query, { teamId: 1 });
  assert.match(sql, /^SELECT DISTINCT count\(\) AS `n` FROM .* GROUP BY `e`.`event` HAVING greater\(count\(\), \{p0:Int64\}\) ORDER BY `n` DESC LIMIT \{p1:Int64\} OFFSET \{p2:Int64\} SETTINGS readonly=1, max_execution_time=10, result_overflow_mode='throw'$/);
});

test('expressions: case, lambda, array, tuple, parametric and distinct calls, subqueries and placeholders', () => {
  const exprs: Expr[] = [
    { kind: 'case', subject: column('e', 'event'), branches: [{ when: constant('a'), then: constant(1) }], else: constant(0) },
    call('arrayMap', { kind: 'lambda', args: ['x'], body: call('plus', column(undefined, 'x'), constant(1)) }, { kind: 'array', items: [constant(1)] }),
    { kind: 'tuple', items: [constant('a')] },
    { kind: 'call', name: 'quantile', params: [constant(0.5)], args: [column('e', 'n')] },
    { kind: 'call', name: 'count', distinct: true, args: [column('e', 'distinct_id')] },
    { kind: 'subquery', query: { kind: 'select', select: [constant(1)] } },
    { kind: 'placeholder', name: 'when' },
  ];
  const { sql, params } = printSql({ kind: 'select', select: exprs }, { teamId: 1, values: { when: 'now' } });
  assert.equal(
    sql,
    'SELECT CASE `e`.`event` WHEN {p0:String} THEN {p1:Int64} ELSE {p2:Int64} END, arrayMap((`x`) -> plus(`x`, {p1:Int64}), [{p1:Int64}]), ' +
      'tuple({p0:String}), quantile({p3:Float64})(`e`.`n`), count(DISTINCT `e`.`distinct_id`), (SELECT {p1:Int64}), {p4:String}',
  );
  assert.equal(params.p4, 'now');
});

test('set queries and CTEs print with their guards', () => {
  const member: Query = { kind: 'select', select: [column('e', 'uuid')], from: { source: table('events'), alias: 'e' } };
  const union: Query = { kind: 'set', first: member, rest: [{ op: 'UNION ALL', query: member }] };
  const withCte: SelectQuery = {
    kind: 'select',
    with: [{ name: 'u', query: union }],
    select: [{ kind: 'star' }],
    from: { source: { kind: 'cte', name: 'u' }, alias: 'x' },
  };
  const { sql } = printSql(withCte, { teamId: 1 });
  assert.equal(sql.match(/WHERE equals\(`events`.`team_id`, \{team_id:Int64\}\)/g)?.length, 2);
  assert.match(sql, /^WITH `u` AS \(SELECT .* UNION ALL SELECT .*\) SELECT \* FROM `u` AS `x`$/);
});

test('the printer refuses anything off its allowlists, whoever built the AST', () => {
  const refuse = (query: Query, values?: Record<string, string>) => assert.throws(() => printSql(query, { teamId: 1, values }));
  refuse(select({ select: [call('file', constant('/etc/passwd'))] }));
  refuse(select({ select: [call('accurateCastOrNull', constant(1), constant('Tuple(team_id Int64)'))] }));
  refuse(select({ from: { source: { kind: 'table', table: 'system.tables' as never }, alias: 't' } }));
  refuse(select({ from: { source: { kind: 'cte', name: 'events' }, alias: 't' } }));
  refuse(select({ with: [{ name: 'events', query: select() }] }));
  refuse(select({ joins: [{ type: 'LEFT JOIN x; DROP TABLE events; --' as never, source: table('person'), alias: 'p' }] }));
  refuse(select({ orderBy: [{ expr: constant(1), direction: 'DESC; DROP TABLE events' as never }] }));
  refuse({ kind: 'set', first: select(), rest: [{ op: 'UNION ALL SELECT 1' as never, query: select() }] });
  refuse(select({ settings: { allow_ddl: 1 } as never }));
  refuse(select({ settings: { readonly: 0 } as never }));
  refuse(select({ settings: { max_execution_time: '10; DROP' as never } }));
  refuse(select({ settings: { result_overflow_mode: "break'" as never } }));
  refuse(select({ settings: { query_plan_join_swap_table: "false', readonly=0" as never } }));
  refuse(select({ settings: { query_plan_merge_expressions: '0, readonly=0' as never } }));
  refuse({ kind: 'select', select: [{ kind: 'subquery', query: select({ settings: { readonly: 1 } }) }] });
  refuse({ kind: 'select', select: [{ kind: 'placeholder', name: 'missing' }] });
  refuse({ kind: 'select', select: [{ kind: 'raw', sql: '1' } as never] });
  refuse({ kind: 'select', select: [] });
  assert.throws(() => printSql(select(), { teamId: '1 OR 1=1' as never }));
});
