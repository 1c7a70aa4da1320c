import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { seedWebUniverse, webContext, WEB_CURRENT, WEB_PREVIOUS } from '../test-support/web-universe.js';
import { planWebOverview, type WebOverviewItem, type WebOverviewQuery } from './web-overview.js';

/**
 * The shared web fixture (test-support/web-universe.ts documents every session). The overview's figures:
 *   current   visitors 4 (alice, bob, carol, erin), views 8, sessions 5, duration (90+0+10+5+4)/5 = 21.8 s,
 *             bounce 1/5 = 20 %
 *             goal signup_completed: total 2, unique 2 (alice, erin), rate 2/4 = 50 %
 *             only GB events: sessions A and E → visitors 2, views 4, sessions 2, duration (90+4)/2 = 47 s, bounce 0
 *   previous  visitors 2 (gina, henry), views 2, sessions 2, duration (30+0)/2 = 15 s, bounce 50 %
 */
const ctx = webContext();
const CURRENT = WEB_CURRENT;
let u: Universe;

before(async () => {
  u = await openUniverse();
  seedWebUniverse(u);
  await u.flush();
});

async function overview(query: Partial<WebOverviewQuery>): Promise<WebOverviewItem[]> {
  return u.runPlan(await planWebOverview({ kind: 'WebOverviewQuery', dateRange: CURRENT, properties: [], ...query }, ctx));
}

const figures = (items: WebOverviewItem[]) => Object.fromEntries(items.map((i) => [i.key, i.value]));

test('the five figures of the current period, worked out by hand', async () => {
  const items = await overview({});
  assert.deepEqual(figures(items), { visitors: 4, views: 8, sessions: 5, 'session duration': 21.8, 'bounce rate': 20 });
  assert.deepEqual(
    items.map((i) => [i.key, i.kind, i.previous, i.changeFromPreviousPct]),
    [
      ['visitors', 'unit', null, null],
      ['views', 'unit', null, null],
      ['sessions', 'unit', null, null],
      ['session duration', 'duration_s', null, null],
      ['bounce rate', 'percentage', null, null],
    ],
  );
  assert.equal(items.find((i) => i.key === 'bounce rate')?.isIncreaseBad, true);
});

test('compare puts the previous period beside each figure with the change in percent', async () => {
  const items = await overview({ compareFilter: { compare: true } });
  assert.deepEqual(
    items.map((i) => [i.key, i.value, i.previous, i.changeFromPreviousPct]),
    [
      ['visitors', 4, 2, 100],
      ['views', 8, 2, 300],
      ['sessions', 5, 2, 150],
      ['session duration', 21.8, 15, 45],
      ['bounce rate', 20, 50, -60],
    ],
  );
});

test('the previous period on its own, as the current one', async () => {
  const items = await overview({ dateRange: WEB_PREVIOUS });
  assert.deepEqual(figures(items), { visitors: 2, views: 2, sessions: 2, 'session duration': 15, 'bounce rate': 50 });
});

test('a conversion goal turns the figures into conversions', async () => {
  const items = await overview({ conversionGoal: { customEventName: 'signup_completed' } });
  assert.deepEqual(figures(items), { visitors: 4, 'total conversions': 2, 'unique conversions': 2, 'conversion rate': 50 });
});

test('property filters narrow the events, and so the sessions', async () => {
  const items = await overview({ properties: [{ key: '$geoip_country_code', value: 'GB', operator: 'exact', type: 'event' }] });
  assert.deepEqual(figures(items), { visitors: 2, views: 4, sessions: 2, 'session duration': 47, 'bounce rate': 0 });
});

test('a period without sessions has zero counts and no duration or bounce rate', async () => {
  const items = await overview({ dateRange: { date_from: '2023-01-01', date_to: '2023-01-07' } });
  assert.deepEqual(figures(items), { visitors: 0, views: 0, sessions: 0, 'session duration': null, 'bounce rate': null });
});
