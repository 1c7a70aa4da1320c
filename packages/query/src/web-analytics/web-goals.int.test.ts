import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertGuardedAndClean, EVIL, EVIL_VALUE } from '../test-support/hostile-input.js';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { seedWebUniverse, webContext, WEB_ACTIONS, WEB_CURRENT } from '../test-support/web-universe.js';
import { insightContext } from '../insights/insight-context.js';
import { planWebGoals, WEB_GOALS_COLUMNS, type WebGoalsQuery } from './web-goals.js';

/**
 * The project's actions as goals over the shared web fixture (test-support/web-universe.ts). Visitors are the
 * persons of the sessions begun in the period: current alice, bob, carol, erin (4); previous gina, henry (2).
 *   Signed up (signup_completed)  current: A and E → converting {alice, erin} 2, conversions 2, rate 2/4 = 0.5
 *                                 previous: none → 0, 0, 0/2 = 0
 *   Viewed pricing ($pageview, URL contains /pricing)
 *                                 current: A's and D's views → converting {alice} 1, conversions 2, rate 1/4 = 0.25;
 *                                 G's /pricing view (06-08, its session began 06-07) counts in neither period
 *   Purchased (purchase)          only sent without a session → 0, 0, 0
 */
const ctx = webContext();
let u: Universe;

before(async () => {
  u = await openUniverse();
  seedWebUniverse(u);
  await u.flush();
});

async function goals(query: Partial<WebGoalsQuery>, context = ctx) {
  const plan = await planWebGoals({ kind: 'WebGoalsQuery', dateRange: WEB_CURRENT, properties: [], ...query }, context);
  return { results: await u.runPlan(plan), plan };
}

test('each action: converting visitors, conversions and conversion rate, worked out by hand', async () => {
  const { results, plan } = await goals({});
  assert.deepEqual(plan.extra?.columns, WEB_GOALS_COLUMNS);
  assert.equal(plan.statements.length, 1, 'every action in one statement');
  assert.deepEqual(results, [
    ['Signed up', [2, null], [2, null], [0.5, null]],
    ['Viewed pricing', [1, null], [2, null], [0.25, null]],
    ['Purchased', [0, null], [0, null], [0, null]],
  ]);
});

test('compare puts the previous period beside each figure', async () => {
  const { results } = await goals({ compareFilter: { compare: true } });
  assert.deepEqual(results, [
    ['Signed up', [2, 0], [2, 0], [0.5, 0]],
    ['Viewed pricing', [1, 0], [2, 0], [0.25, 0]],
    ['Purchased', [0, 0], [0, 0], [0, 0]],
  ]);
});

test('orderBy sorts by converting users, conversions or rate; limit takes the first actions by id', async () => {
  const names = async (query: Partial<WebGoalsQuery>) => (await goals(query)).results.map((row) => row[0]);
  assert.deepEqual(await names({ orderBy: ['ConversionRate', 'ASC'] }), ['Purchased', 'Viewed pricing', 'Signed up']);
  assert.deepEqual(await names({ orderBy: ['TotalConversions', 'DESC'] }), ['Signed up', 'Viewed pricing', 'Purchased']);
  assert.deepEqual(await names({ orderBy: ['ConvertingUsers', 'DESC'] }), ['Signed up', 'Viewed pricing', 'Purchased']);
  assert.deepEqual(await names({ limit: 2 }), ['Signed up', 'Viewed pricing']);
});

test('filters narrow visitors and conversions alike', async () => {
  const { results } = await goals({ properties: [{ key: '$geoip_country_code', value: 'GB', operator: 'exact', type: 'event' }] });
  // GB events: A's views and signup, E's view and signup → visitors alice, erin; A's /pricing view is GB, D's is not.
  assert.deepEqual(results, [
    ['Signed up', [2, null], [2, null], [1, null]],
    ['Viewed pricing', [1, null], [1, null], [0.5, null]],
    ['Purchased', [0, null], [0, null], [0, null]],
  ]);
});

test('a project without actions has no goals and runs nothing', async () => {
  const plan = await planWebGoals({ kind: 'WebGoalsQuery', dateRange: WEB_CURRENT, properties: [] }, insightContext({ teamId: 1, now: ctx.now }));
  assert.deepEqual([plan.statements.length, plan.shape([])], [0, []]);
});

test('hostile action steps and filters stay bound values; the names come back as sent', async () => {
  const hostile = webContext();
  const actions = new Map([...WEB_ACTIONS, [4, { id: 4, name: EVIL, steps: [{ event: EVIL, url: EVIL_VALUE, url_matching: 'regex' as const }] }]]);
  const { plan, results } = await goals({ properties: [{ key: EVIL, value: EVIL_VALUE, operator: 'is_not', type: 'event' }] }, { ...hostile, actions });
  for (const statement of plan.statements) assertGuardedAndClean(statement.sql);
  assert.deepEqual(results[3], [EVIL, [0, null], [0, null], [0, null]]);
});
