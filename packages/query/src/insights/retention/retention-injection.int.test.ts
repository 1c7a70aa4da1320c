import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../../hogql/hogql-error.js';
import { assertGuardedAndClean, EVIL, EVIL_KEY, EVIL_VALUE } from '../../test-support/hostile-input.js';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import { insightContext } from '../insight-context.js';
import { compileInsightStatement, type InsightStatement } from '../insight-statement.js';
import { planRetention, retentionActors, type RetentionQuery } from './retention-query.js';

/*
 * Hostile strings in the fields a retention query takes from its user: entity ids (event names), entity and
 * top-level property keys and values, breakdown properties and point breakdown values. They must reach ClickHouse
 * only as bound values: matched literally, never executed, never reaching another project.
 *
 * Universe (UTC, now May 3 12:00, Day periods, 3 intervals: May 1, 2, 3):
 *   alice: event named EVIL (below) on May 1 and May 2 with property key EVIL_KEY = 'v' and $browser EVIL_VALUE;
 *          $pageview May 3.
 *   project 2: mallory does EVIL every day, May 1 to 3.
 */

const ctx = insightContext({ teamId: 1, now: new Date('2024-05-03T12:00:00Z') });

let u: Universe;

before(async () => {
  u = await openUniverse();
  u.person('alice');
  for (const day of ['01', '02']) u.event('alice', EVIL, `2024-05-${day}T10:00:00Z`, { [EVIL_KEY]: 'v', $browser: EVIL_VALUE });
  u.event('alice', '$pageview', '2024-05-03T10:00:00Z');
  u.person('mallory', { team: OTHER_TEAM });
  for (const day of ['01', '02', '03']) u.event('mallory', EVIL, `2024-05-${day}T10:00:00Z`, { [EVIL_KEY]: 'v' }, { team: OTHER_TEAM });
  await u.flush();
});

const assertSafe = (statement: InsightStatement) => assertGuardedAndClean(statement.sql);

async function run(query: Omit<RetentionQuery, 'kind'>) {
  const plan = await planRetention({ kind: 'RetentionQuery', ...query }, ctx);
  plan.statements.forEach(assertSafe);
  return u.runPlan(plan);
}

const counts = (rows: { values: { count: number }[] }[]) => rows.map((r) => r.values.map((v) => v.count));
const evil = { id: EVIL, type: 'events' as const };

test('a hostile event name is matched literally as the target and returning entity', async () => {
  // alice did EVIL on May 1 and 2; mallory's EVIL events are in project 2.
  assert.deepEqual(counts(await run({ retentionFilter: { totalIntervals: 3, targetEntity: evil, returningEntity: evil } })), [[1, 1, 0], [1, 0], [0]]);
  assert.deepEqual(counts(await run({ retentionFilter: { totalIntervals: 3, targetEntity: evil, retentionType: 'retention_first_time' } })), [[1, 0, 1], [0, 0], [0]]);
  const events = await u.store.query('SELECT count() AS c FROM events', {});
  assert.equal(Number(events.rows[0][0]), 6);
});

test('hostile property keys and values in entity and top-level filters stay values', async () => {
  const properties = [{ key: EVIL_KEY, value: 'v', operator: 'exact', type: 'event' }];
  assert.deepEqual(counts(await run({ retentionFilter: { totalIntervals: 3, targetEntity: { ...evil, properties }, returningEntity: evil } })), [[1, 1, 0], [1, 0], [0]]);
  const noMatch = [{ key: '$browser', value: `${EVIL_VALUE}' OR '1'='1`, operator: 'exact', type: 'event' }];
  assert.deepEqual(counts(await run({ retentionFilter: { totalIntervals: 3, targetEntity: evil }, properties: noMatch })), [[0, 0, 0], [0, 0], [0]]);
  const personKey = [{ key: EVIL_KEY, value: EVIL_VALUE, operator: 'is_not', type: 'person' }];
  assert.deepEqual(counts(await run({ retentionFilter: { totalIntervals: 3, targetEntity: evil, returningEntity: evil }, properties: personKey })), [[1, 1, 0], [1, 0], [0]]);
});

test('a hostile breakdown property and value come back verbatim', async () => {
  const rows = await run({ retentionFilter: { totalIntervals: 3, targetEntity: evil, returningEntity: evil }, breakdownFilter: { breakdown: '$browser' } });
  assert.deepEqual([...new Set(rows.map((r) => r.breakdown_value))], [EVIL_VALUE]);
  const keyed = await run({ retentionFilter: { totalIntervals: 3, targetEntity: evil }, breakdownFilter: { breakdown: EVIL_KEY } });
  assert.deepEqual([...new Set(keyed.map((r) => r.breakdown_value))], ['v']);
  const point = { interval: 0, breakdown: `${EVIL_VALUE}' OR '1'='1` };
  const selection = compileInsightStatement(await retentionActors({ kind: 'RetentionQuery', retentionFilter: { totalIntervals: 3, targetEntity: evil }, breakdownFilter: { breakdown: '$browser' } }, point, ctx), ctx);
  assertSafe(selection);
  assert.deepEqual((await u.run(selection)).rows, []);
});

test('HogQL breakdowns and action ids cannot reach outside the project', async () => {
  const hogql = (breakdown: string) => planRetention({ kind: 'RetentionQuery', breakdownFilter: { breakdown, breakdown_type: 'hogql' } }, ctx);
  await assert.rejects(hogql('(SELECT count() FROM system.tables)'), HogQLError);
  await assert.rejects(hogql("file('/etc/passwd')"), HogQLError);
  await assert.rejects(planRetention({ kind: 'RetentionQuery', retentionFilter: { targetEntity: { id: '1 OR 1=1', type: 'actions' } } }, ctx), HogQLError);
  await assert.rejects(planRetention({ kind: 'RetentionQuery', retentionFilter: { targetEntity: { id: 1, type: 'actions' } } }, ctx), HogQLError);
});
