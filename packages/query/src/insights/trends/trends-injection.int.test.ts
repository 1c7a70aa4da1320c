import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { assertGuardedAndClean, EVIL, EVIL_KEY, EVIL_VALUE } from '../../test-support/hostile-input.js';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import { insightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightStatement } from '../insight-statement.js';
import { planTrends, trendsActors, type TrendsQuery } from './trends-query.js';

/*
 * Hostile strings in the fields a trends query takes from its user: event names, property keys and values (series,
 * top level, math_property), breakdown keys and point values, custom names, formulas, dates, HogQL maths and
 * breakdowns. They must reach ClickHouse only as bound values — matched literally, never executed, never reading
 * another project — or be refused.
 *
 * Universe (UTC, now May 3 12:00, `date_from: '-2d'`: buckets May 1, 2, 3):
 *   alice: the event named EVIL on May 1 and May 2, with property EVIL_KEY = "7" and $browser = EVIL_VALUE;
 *          $pageview on May 3.
 *   project 2: mallory does EVIL every day, May 1 to 3, with EVIL_KEY = "1000".
 */

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-03T12:00:00Z') });

let u: Universe;

before(async () => {
  u = await openUniverse();
  u.person('alice');
  for (const day of ['01', '02']) u.event('alice', EVIL, `2024-05-${day}T10:00:00Z`, { [EVIL_KEY]: '7', $browser: EVIL_VALUE });
  u.event('alice', '$pageview', '2024-05-03T10:00:00Z');
  u.person('mallory', { team: OTHER_TEAM });
  for (const day of ['01', '02', '03']) u.event('mallory', EVIL, `2024-05-${day}T10:00:00Z`, { [EVIL_KEY]: '1000' }, { team: OTHER_TEAM });
  await u.flush();
});

const assertSafe = (statement: InsightStatement) => assertGuardedAndClean(statement.sql);

async function run(query: Partial<TrendsQuery>) {
  const plan = await planTrends({ kind: 'TrendsQuery', dateRange: { date_from: '-2d' }, series: [evil], ...query } as TrendsQuery, ctx);
  plan.statements.forEach(assertSafe);
  return u.runPlan(plan);
}

const evil = { kind: 'EventsNode' as const, event: EVIL };

test('a hostile event name is matched literally, and only in this project', async () => {
  const [r] = await run({});
  assert.deepEqual(r.data, [1, 1, 0]);
  assert.equal(r.label, EVIL);
  const stored = await u.store.query('SELECT count() AS c FROM events', {});
  assert.equal(Number(stored.rows[0][0]), 6, 'nothing was dropped or added');
});

test('hostile property keys and values in series and top-level filters stay values', async () => {
  const byKey = [{ key: EVIL_KEY, value: '7', operator: 'exact', type: 'event' }];
  assert.deepEqual((await run({ series: [{ ...evil, properties: byKey }] }))[0].data, [1, 1, 0]);
  const noMatch = [{ key: '$browser', value: `${EVIL_VALUE}' OR '1'='1`, operator: 'exact', type: 'event' }];
  assert.deepEqual((await run({ properties: noMatch } as Partial<TrendsQuery>))[0].data, [0, 0, 0]);
  const personKey = { type: 'OR', values: [{ key: EVIL_KEY, value: EVIL_VALUE, operator: 'is_not', type: 'person' }] };
  assert.deepEqual((await run({ properties: personKey } as Partial<TrendsQuery>))[0].data, [1, 1, 0]);
});

test('a hostile math_property is read as a property key', async () => {
  const [r] = await run({ series: [{ ...evil, math: 'sum', math_property: EVIL_KEY }] });
  assert.deepEqual(r.data, [7, 7, 0]);
});

test('a hostile breakdown key and value come back verbatim; a hostile point value matches nothing', async () => {
  const byBrowser = await run({ breakdownFilter: { breakdown: '$browser' } });
  assert.deepEqual(byBrowser.map((r) => r.breakdown_value), [EVIL_VALUE]);
  const byKey = await run({ breakdownFilter: { breakdown: EVIL_KEY, breakdown_type: 'event' } });
  assert.deepEqual(byKey.map((r) => [r.breakdown_value, r.data]), [['7', [1, 1, 0]]]);
  const query = { kind: 'TrendsQuery', dateRange: { date_from: '-2d' }, series: [evil], breakdownFilter: { breakdown: '$browser' } } as TrendsQuery;
  for (const breakdown of [`${EVIL_VALUE}' OR '1'='1`, EVIL_VALUE]) {
    const selection = compileInsightStatement(await trendsActors(query, { series: 0, day: '2024-05-01', breakdown }, ctx), ctx);
    assertSafe(selection);
    assert.equal((await u.run(selection)).rows.length, breakdown === EVIL_VALUE ? 1 : 0);
  }
});

test('hostile custom names are echoed as labels, never compiled', async () => {
  const results = await run({ series: [{ ...evil, custom_name: EVIL_VALUE }], trendsFilter: { formulaNodes: [{ formula: 'A*2', custom_name: EVIL }] } });
  assert.deepEqual(results.map((r) => [r.label, r.data]), [[EVIL, [2, 2, 0]]]);
});

test('hostile formulas are refused before anything runs', async () => {
  for (const formula of [EVIL, "A + (SELECT 1)", 'A; DROP TABLE events', "__import__('os').system('x')", 'A'.repeat(5000)]) {
    await assert.rejects(run({ trendsFilter: { formula } }), (e: unknown) => e instanceof HogQLError, formula.slice(0, 40));
  }
});

test('hostile dates, intervals and enum values are refused', async () => {
  await assert.rejects(run({ dateRange: { date_from: EVIL, date_to: EVIL_VALUE } }), HogQLError);
  await assert.rejects(run({ compareFilter: { compare: true, compare_to: EVIL } }), HogQLError);
  await assert.rejects(run({ interval: EVIL as 'day' }), HogQLError);
  await assert.rejects(run({ trendsFilter: { display: EVIL } }), HogQLError);
  await assert.rejects(run({ series: [{ ...evil, math: EVIL }] }), HogQLError);
  await assert.rejects(run({ series: [{ ...evil, math: 'unique_group', math_group_type_index: '0) OR 1=1' as unknown as number }] }), HogQLError);
  await assert.rejects(run({ series: [{ kind: 'ActionsNode', id: '1 OR 1=1' as unknown as number }] }), HogQLError);
  await assert.rejects(run({ breakdownFilter: { breakdown: '$browser', breakdown_limit: '1; DROP' as unknown as number } }), HogQLError);
});

test('HogQL maths and breakdowns cannot reach outside the project or the allowlist', async () => {
  for (const math_hogql of ['(SELECT count() FROM system.tables)', "file('/etc/passwd')", 'count() FROM events; DROP TABLE events']) {
    await assert.rejects(run({ series: [{ ...evil, math: 'hogql', math_hogql }] }), HogQLError, math_hogql);
  }
  await assert.rejects(run({ breakdownFilter: { breakdown: "url('http://x', CSV, 'a String')", breakdown_type: 'hogql' } }), HogQLError);
  // A subquery over events is allowed but reads this project only: 3 events, not mallory's 3 more.
  const counted = await run({ breakdownFilter: { breakdown: 'toString((SELECT count() FROM events))', breakdown_type: 'hogql' } });
  assert.deepEqual(counted.map((r) => r.breakdown_value), ['3']);
});
