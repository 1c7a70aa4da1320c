import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { assertGuardedAndClean } from '../../test-support/hostile-input.js';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import { insightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightStatement } from '../insight-statement.js';
import type { PathEdge } from './path-edges.js';
import type { PathsFilter } from './paths-filter.js';
import { pathsActors, planPaths } from './paths-query.js';

/*
 * Hostile values in every paths field either are refused before any SQL exists or travel as bound values.
 * Universe: team 1 — alice $pageview 2024-05-02 10:00 /home, 10:01 /pricing (2 events);
 *           team 2 — eve $pageview 2024-05-02 10:00 /secret, 10:01 /vault, 10:02 /gold (3 events).
 */
const ctx = insightContext({ teamId: 1, now: new Date('2024-05-08T12:00:00Z') });
const HOSTILE = [
  "'; DROP TABLE events; --",
  "/home' OR '1'='1",
  '{team_id}',
  '\\',
  "\\'",
  '`x`.`evil`',
  'a\u0000b',
  ') UNION ALL SELECT * FROM events --',
];
const PLAIN = ['1_/home > 2_/pricing 1'];
let u: Universe;

before(async () => {
  u = await openUniverse();
  u.person('alice');
  u.event('alice', '$pageview', '2024-05-02T10:00:00Z', { $current_url: '/home' });
  u.event('alice', '$pageview', '2024-05-02T10:01:00Z', { $current_url: '/pricing' });
  u.person('eve', { team: OTHER_TEAM });
  for (const [minute, url] of [['00', '/secret'], ['01', '/vault'], ['02', '/gold']]) {
    u.event('eve', '$pageview', `2024-05-02T10:${minute}:00Z`, { $current_url: url }, { team: OTHER_TEAM });
  }
  await u.flush();
});

async function run(pathsFilter: PathsFilter): Promise<string[]> {
  const plan = await planPaths({ kind: 'PathsQuery', pathsFilter }, ctx);
  plan.statements.forEach(assertSafe);
  const results = (await u.runPlan(plan)) as PathEdge[];
  return results.map((e) => `${e.source} > ${e.target} ${e.value}`);
}

const assertSafe = (statement: InsightStatement) => assertGuardedAndClean(statement.sql, HOSTILE);

test('hostile start and end points, exclusions and groupings are plain values: no match, no error, no leak', async () => {
  for (const text of HOSTILE) {
    assert.deepEqual(await run({ startPoint: text }), [], text);
    assert.deepEqual(await run({ endPoint: text }), [], text);
    assert.deepEqual(await run({ excludeEvents: [text] }), PLAIN, text);
    assert.deepEqual(await run({ pathGroupings: [text, `${text}*`, `*${text}`] }), PLAIN, text);
  }
  // Regex syntax in a grouping is literal: '(' and '[' would not even compile as regexes.
  assert.deepEqual(await run({ pathGroupings: ['(*', '[*', '.*', '\\*', '*)'] }), PLAIN);
});

test('hostile cleaning rules: invalid regexes are refused; valid ones only ever rewrite the element text', async () => {
  for (const regex of ["'); DROP TABLE events; --", '(?=/home)', '[', '(a)\\1']) {
    await assert.rejects(
      planPaths({ kind: 'PathsQuery', pathsFilter: { localPathCleaningFilters: [{ regex, alias: 'x' }] } }, ctx),
      (e: unknown) => e instanceof HogQLError && e.code === 'syntax_error',
      regex,
    );
  }
  const alias = "'; DROP TABLE events; --";
  assert.deepEqual(await run({ localPathCleaningFilters: [{ regex: '^/home$', alias }] }), [`1_${alias} > 2_/pricing 1`]);
  assert.deepEqual(await run({}), PLAIN, 'the events are still there');
});

test('the HogQL expression is compiled like any HogQL: syntax errors and unknown tables refused, subqueries guarded', async () => {
  for (const [expression, code] of [
    ['event) FROM events --', 'syntax_error'],
    ['(SELECT any(properties) FROM person)', 'resolution_error'],
    ["(SELECT 1 FROM file('/etc/passwd'))", 'unsupported'],
  ] as const) {
    await assert.rejects(
      planPaths({ kind: 'PathsQuery', pathsFilter: { includeEventTypes: ['hogql'], pathsHogQLExpression: expression } }, ctx),
      (e: unknown) => e instanceof HogQLError && e.code === code,
      expression,
    );
  }
  // A subquery over events sees team 1's 2 events only, never team 2's 3.
  const counted = "concat(properties.$current_url, '#', (SELECT toString(count()) FROM events))";
  assert.deepEqual(await run({ includeEventTypes: ['hogql'], pathsHogQLExpression: counted }), ['1_/home#2 > 2_/pricing#2 1']);
});

test('hostile actors keys match nobody and stay bound', async () => {
  for (const text of HOSTILE) {
    for (const point of [{ pathStartKey: text }, { pathEndKey: text }, { pathDropoffKey: text }, { pathStartKey: '1_/home', pathEndKey: text }]) {
      const statement = compileInsightStatement(await pathsActors({ kind: 'PathsQuery' }, point, ctx), ctx);
      assertSafe(statement);
      assert.deepEqual((await u.run(statement)).rows, [], `${JSON.stringify(point)}`);
    }
  }
});
