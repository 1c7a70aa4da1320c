import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { seedWebUniverse, webContext, WEB_CURRENT } from '../test-support/web-universe.js';
import { planWebStatsTable, type WebStatsTableQuery } from './web-stats-table.js';

/**
 * The stats tables of the shared web fixture (test-support/web-universe.ts documents every session), worked out by
 * hand. Current sessions: A alice (3 views /home /pricing /signup, not a bounce, Paid Search, Desktop, GB),
 * B bob (/blog, bounce, Organic Social, Mobile, US), C carol (/home, not a bounce, Direct, Desktop, DE),
 * D alice after the merge (/home /pricing, not a bounce, Unknown channel, no device or country),
 * E erin (/docs, not a bounce, Organic Search, Mobile, GB). Previous: G gina (/home counted, not a bounce, Unknown,
 * Desktop, US; its /pricing view on 06-08 counts nowhere), H henry (/blog, bounce, Organic Social, Mobile, GB).
 * Cells are [current, previous]; rows sort by visitors, then views (both descending), then the value A→Z.
 *
 * Page (views grouped by their own path; bounce rate of the sessions begun on the page)
 *   /home     visitors {alice, carol} 2, views A+C+D 3, bounce 0/3 (A, C, D began there)   | prev G: 1, 1, 0/1
 *   /pricing  visitors {alice} 1, views A+D 2, no session began there → null              | prev 0, 0, null
 *   /blog     bob 1, 1, 1/1                                                                 | prev H: 1, 1, 1/1
 *   /docs     erin 1, 1, 0/1                                                                | prev 0, 0, null
 *   /signup   alice 1, 1, null                                                              | prev 0, 0, null
 *   scroll (of the page left, on the next view or page leave): /home (0.4 A, 0.5 C, 0.9 D) → 0.6, above 0.8 1/3;
 *     /pricing 0.7, 0; /signup 1, 1; time on page /home (30 + 7 + 5)/3 = 14 s, /pricing 30 s, /signup 20 s
 *     (G's 0.2 for /home is left out: its session began in the previous period, the event falls in the current one)
 * InitialPage (sessions by entry page; views are all the session's views)
 *   /home  A, C, D: visitors 2, views 3+1+2 = 6, bounce 0   | prev G: 1, 1, 0
 *   /blog  B: 1, 1, 1                                         | prev H: 1, 1, 1
 *   /docs  E: 1, 1, 0                                         | prev 0, 0, null
 * InitialChannelType
 *   Paid Search A 1, 3, 0 | Unknown D 1, 2, 0 (prev G 1, 1, 0) | Direct C 1, 1, 0 | Organic Search E 1, 1, 0 |
 *   Organic Social B 1, 1, 1 (prev H 1, 1, 1)
 * DeviceType (D has none and is left out)
 *   Desktop A, C: 2, 4, 0 (prev G 1, 1, 0) | Mobile B, E: 2, 2, 1/2 (prev H 1, 1, 1)
 * Country (D has none)
 *   GB A, E: 2, 4, 0 (prev H 1, 1, 1) | DE C: 1, 1, 0 (prev 0, 0, null) | US B: 1, 1, 1 (prev G 1, 1, 0)
 * Goal signup_completed by Country: GB visitors 2, conversions 2 (A, E), converting 2, rate 1; DE and US 1, 0, 0, 0
 */
const ctx = webContext();
let u: Universe;

before(async () => {
  u = await openUniverse();
  seedWebUniverse(u);
  await u.flush();
});

async function table(query: Partial<WebStatsTableQuery>) {
  const plan = await planWebStatsTable({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange: WEB_CURRENT, properties: [], ...query }, ctx);
  const results = await u.runPlan(plan);
  return { results, columns: plan.extra?.columns, hasMore: plan.extra?.hasMore, limit: plan.extra?.limit, offset: plan.extra?.offset };
}

/** Metric cells to three decimals (averages of fractions are not exact in binary). */
const roundCells = (rows: unknown[][]) =>
  rows.map((row) => row.map((cell) => (Array.isArray(cell) ? cell.map((v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)) : cell)));

const COMPARE = { compareFilter: { compare: true } };
const BASE_COLUMNS = ['context.columns.breakdown_value', 'context.columns.visitors', 'context.columns.views', 'context.columns.bounce_rate'];

test('Page: views by their own path, bounce rate of the sessions begun on it, both periods', async () => {
  const t = await table({ breakdownBy: 'Page', ...COMPARE });
  assert.deepEqual(t.columns, BASE_COLUMNS);
  assert.deepEqual(t.results, [
    ['/home', [2, 1], [3, 1], [0, 0]],
    ['/pricing', [1, 0], [2, 0], [null, null]],
    ['/blog', [1, 1], [1, 1], [1, 1]],
    ['/docs', [1, 0], [1, 0], [0, null]],
    ['/signup', [1, 0], [1, 0], [null, null]],
  ]);
  assert.deepEqual([t.hasMore, t.limit, t.offset], [false, 10, 0]);
});

test('without compare every previous cell is null', async () => {
  const t = await table({ breakdownBy: 'Page' });
  assert.deepEqual(t.results[0], ['/home', [2, null], [3, null], [0, null]]);
  assert.ok(t.results.every((row) => (row.slice(1) as unknown[][]).every((cell) => cell[1] === null)));
});

test('Page with scroll depth and time on page: the page left, as the next view or page leave reports it', async () => {
  const t = await table({ breakdownBy: 'Page', includeScrollDepth: true, includeAvgTimeOnPage: true, ...COMPARE });
  assert.deepEqual(t.columns, [
    ...BASE_COLUMNS,
    'context.columns.average_scroll_percentage',
    'context.columns.scroll_gt80_percentage',
    'context.columns.avg_time_on_page',
  ]);
  assert.deepEqual(roundCells(t.results), [
    ['/home', [2, 1], [3, 1], [0, 0], [0.6, null], [0.333, null], [14, null]],
    ['/pricing', [1, 0], [2, 0], [null, null], [0.7, null], [0, null], [30, null]],
    ['/blog', [1, 1], [1, 1], [1, 1], [null, null], [null, null], [null, null]],
    ['/docs', [1, 0], [1, 0], [0, null], [null, null], [null, null], [null, null]],
    ['/signup', [1, 0], [1, 0], [null, null], [1, null], [1, null], [20, null]],
  ]);
});

test('InitialPage: sessions by where they began, with all their views', async () => {
  const t = await table({ breakdownBy: 'InitialPage', ...COMPARE });
  assert.deepEqual(t.results, [
    ['/home', [2, 1], [6, 1], [0, 0]],
    ['/blog', [1, 1], [1, 1], [1, 1]],
    ['/docs', [1, 0], [1, 0], [0, null]],
  ]);
});

test('InitialChannelType: each session by the channel it arrived through', async () => {
  const t = await table({ breakdownBy: 'InitialChannelType', ...COMPARE });
  assert.deepEqual(t.results, [
    ['Paid Search', [1, 0], [3, 0], [0, null]],
    ['Unknown', [1, 1], [2, 1], [0, 0]],
    ['Direct', [1, 0], [1, 0], [0, null]],
    ['Organic Search', [1, 0], [1, 0], [0, null]],
    ['Organic Social', [1, 1], [1, 1], [1, 1]],
  ]);
});

test('DeviceType: sessions without a device are left out', async () => {
  const t = await table({ breakdownBy: 'DeviceType', ...COMPARE });
  assert.deepEqual(t.results, [
    ['Desktop', [2, 1], [4, 1], [0, 0]],
    ['Mobile', [2, 1], [2, 1], [0.5, 1]],
  ]);
});

test('Country: three countries, the previous period beside each', async () => {
  const t = await table({ breakdownBy: 'Country', ...COMPARE });
  assert.deepEqual(t.results, [
    ['GB', [2, 1], [4, 1], [0, 1]],
    ['DE', [1, 0], [1, 0], [0, null]],
    ['US', [1, 1], [1, 1], [1, 0]],
  ]);
});

test('the previous period queried as the current one agrees with the compare column', async () => {
  const t = await table({ breakdownBy: 'Country', dateRange: { date_from: '2024-06-01', date_to: '2024-06-07' } });
  assert.deepEqual(t.results, [
    ['GB', [1, null], [1, null], [1, null]],
    ['US', [1, null], [1, null], [0, null]],
  ]);
});

test('limit and offset page through the rows in a stable order; hasMore says when more follow', async () => {
  const channels = async (limit: number, offset: number) => {
    const t = await table({ breakdownBy: 'InitialChannelType', limit, offset, ...COMPARE });
    return { values: t.results.map((row) => row[0]), previous: t.results.map((row) => (row[1] as number[])[1]), hasMore: t.hasMore };
  };
  assert.deepEqual(await channels(2, 0), { values: ['Paid Search', 'Unknown'], previous: [0, 1], hasMore: true });
  assert.deepEqual(await channels(2, 2), { values: ['Direct', 'Organic Search'], previous: [0, 0], hasMore: true });
  assert.deepEqual(await channels(2, 4), { values: ['Organic Social'], previous: [1], hasMore: false });
  assert.deepEqual(await channels(5, 0).then((c) => c.hasMore), false);
});

test('orderBy sorts by the asked column, ties by visitors and views in the same direction, then A→Z', async () => {
  const pages = async (orderBy: [string, string], extra: Partial<WebStatsTableQuery> = {}) =>
    (await table({ breakdownBy: 'Page', orderBy, ...extra })).results.map((row) => row[0]);
  assert.deepEqual(await pages(['BounceRate', 'DESC']), ['/blog', '/home', '/docs', '/pricing', '/signup']);
  assert.deepEqual(await pages(['Views', 'ASC']), ['/blog', '/docs', '/signup', '/pricing', '/home']);
  assert.deepEqual(await pages(['Visitors', 'DESC']), ['/home', '/pricing', '/blog', '/docs', '/signup']);
  assert.deepEqual(await pages(['AverageScrollPercentage', 'ASC'], { includeScrollDepth: true, limit: 2, offset: 1 }), ['/pricing', '/signup']);
  assert.deepEqual(await pages(['ScrollGt80Percentage', 'DESC']), ['/home', '/pricing', '/blog', '/docs', '/signup'], 'not a column here: default order');
});

test('a conversion goal turns the metrics into visitors, conversions and conversion rate', async () => {
  const t = await table({ breakdownBy: 'Country', conversionGoal: { customEventName: 'signup_completed' }, ...COMPARE });
  assert.deepEqual(t.columns, [
    'context.columns.breakdown_value',
    'context.columns.visitors',
    'context.columns.total_conversions',
    'context.columns.unique_conversions',
    'context.columns.conversion_rate',
  ]);
  assert.deepEqual(t.results, [
    ['GB', [2, 1], [2, 0], [2, 0], [1, 0]],
    ['DE', [1, 0], [0, 0], [0, 0], [0, null]],
    ['US', [1, 1], [0, 0], [0, 0], [0, 0]],
  ]);
});

test('with a goal, Page rows are the pages where views and conversions happened', async () => {
  const t = await table({ breakdownBy: 'Page', conversionGoal: { customEventName: 'signup_completed' } });
  assert.deepEqual(
    t.results.map((row) => [row[0], ...(row.slice(1) as number[][]).map((cell) => cell[0])]),
    [
      ['/docs', 1, 1, 1, 1],
      ['/signup', 1, 1, 1, 1],
      ['/home', 2, 0, 0, 0],
      ['/blog', 1, 0, 0, 0],
      ['/pricing', 1, 0, 0, 0],
    ],
  );
});

test('a filter on the page narrows the Page table but not the bounce rate of sessions begun there', async () => {
  const t = await table({ breakdownBy: 'Page', properties: [{ key: '$pathname', value: '/home', operator: 'exact', type: 'event' }], includeScrollDepth: true });
  assert.deepEqual(roundCells(t.results), [['/home', [2, null], [3, null], [0, null], [0.6, null], [0.333, null]]]);
});

test('property filters narrow the sessions of session-level tables', async () => {
  const t = await table({ breakdownBy: 'DeviceType', properties: [{ key: '$geoip_country_code', value: 'GB', operator: 'exact', type: 'event' }] });
  assert.deepEqual(t.results, [
    ['Desktop', [1, null], [3, null], [0, null]],
    ['Mobile', [1, null], [1, null], [0, null]],
  ]);
});
