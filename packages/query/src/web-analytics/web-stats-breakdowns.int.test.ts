import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { HogQLError } from '../hogql/hogql-error.js';
import { assertGuardedAndClean, EVIL, EVIL_KEY, EVIL_VALUE } from '../test-support/hostile-input.js';
import { openUniverse, type Universe } from '../test-support/insight-universe.js';
import { seedWebUniverse, webContext, WEB_CURRENT } from '../test-support/web-universe.js';
import type { WebStatsBreakdown } from './web-breakdowns.js';
import type { PathCleaningContext } from './web-path-cleaning.js';
import { planWebStatsTable, type WebStatsTableQuery } from './web-stats-table.js';

/**
 * Every other breakdown of the shared web fixture (test-support/web-universe.ts), as [value, visitors, views, bounce]
 * of the current period, worked out by hand from its sessions A (alice, 3 views, landed on /home from Google with
 * utm google/cpc/summer), B (bob, 1 view, bounce, from t.co), C (carol, 1 view, $direct), D (alice, 2 views, nothing
 * known of its landing) and E (erin, 1 view, from duckduckgo.com):
 *   ExitPage      /signup A 1,3,0 · /pricing D 1,2,0 · /blog B 1,1,1 · /docs E 1,1,0 · /home C 1,1,0
 *   PreviousPage  /home (the views after it in A and D) 1,2,0 · /pricing (A's /signup) 1,1,0 · then the referrers of
 *                 arrivals from elsewhere, each 1,1: duckduckgo (E, 0), t.co (B, 1), google (A, 0); arrivals with no
 *                 referrer (C, D) have no previous page and are left out
 *   UTM source    no source: B, C, D, E → 4 visitors, 5 views, bounce 1/4 · google A 1,3,0 (medium cpc, campaign summer
 *                 alike); UTM term and content: all five sessions have none → 4, 8, 1/5
 * Team 3 holds a hostile world: a view of a page named like an injection, from a country named like one, and an app
 * screen view; nothing of team 1 may leak into it.
 */
const ctx = webContext();
const EVIL_PATH = `/${EVIL_VALUE}`;
let u: Universe;

before(async () => {
  u = await openUniverse();
  seedWebUniverse(u);
  u.person('mallory', { team: 3 });
  u.event('mallory', '$pageview', '2024-06-10T09:00:00Z', { $current_url: `https://evil.test${EVIL_PATH}`, $pathname: EVIL_PATH, $geoip_country_code: EVIL }, { session: 'S3', team: 3 });
  u.event('mallory', '$screen', '2024-06-11T09:00:00Z', { $screen_name: 'Checkout' }, { session: 'S4', team: 3 });
  await u.flush();
});

async function rows(query: Partial<WebStatsTableQuery>, context: PathCleaningContext = ctx): Promise<unknown[][]> {
  const plan = await planWebStatsTable({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange: WEB_CURRENT, properties: [], ...query }, context);
  return (await u.runPlan(plan)).map((row) => [row[0], ...(row.slice(1) as unknown[][]).map((cell) => cell[0])]);
}

const EXPECTED: [WebStatsBreakdown, unknown[][]][] = [
  ['ExitPage', [['/signup', 1, 3, 0], ['/pricing', 1, 2, 0], ['/blog', 1, 1, 1], ['/docs', 1, 1, 0], ['/home', 1, 1, 0]]],
  [
    'PreviousPage',
    [
      ['/home', 1, 2, 0],
      ['/pricing', 1, 1, 0],
      ['https://duckduckgo.com/', 1, 1, 0],
      ['https://t.co/xyz', 1, 1, 1],
      ['https://www.google.com/search?q=shoes', 1, 1, 0],
    ],
  ],
  ['InitialReferringDomain', [['www.google.com', 1, 3, 0], ['$direct', 1, 1, 0], ['duckduckgo.com', 1, 1, 0], ['t.co', 1, 1, 1]]],
  ['InitialReferringURL', [['https://www.google.com/search', 1, 3, 0], ['https://duckduckgo.com/', 1, 1, 0], ['https://t.co/xyz', 1, 1, 1]]],
  ['InitialUTMSource', [[null, 4, 5, 0.25], ['google', 1, 3, 0]]],
  ['InitialUTMMedium', [[null, 4, 5, 0.25], ['cpc', 1, 3, 0]]],
  ['InitialUTMCampaign', [[null, 4, 5, 0.25], ['summer', 1, 3, 0]]],
  ['InitialUTMTerm', [[null, 4, 8, 0.2]]],
  ['InitialUTMContent', [[null, 4, 8, 0.2]]],
  [
    'InitialUTMSourceMediumCampaign',
    [
      ['google / cpc / summer', 1, 3, 0],
      ['(none) / (none) / (none)', 1, 2, 0],
      ['referrer:$direct / (none) / (none)', 1, 1, 0],
      ['referrer:duckduckgo.com / (none) / (none)', 1, 1, 0],
      ['referrer:t.co / (none) / (none)', 1, 1, 1],
    ],
  ],
  ['Browser', [['Chrome', 2, 4, 0], ['Firefox', 1, 1, 0], ['Mobile Safari', 1, 1, 1]]],
  ['OS', [['Mac OS X', 1, 3, 0], ['Android', 1, 1, 0], ['Windows', 1, 1, 0], ['iOS', 1, 1, 1]]],
  ['Viewport', [[[1440, 900], 1, 3, 0], [[390, 844], 1, 1, 1], [[412, 915], 1, 1, 0], [[1920, 1080], 1, 1, 0]]],
  [
    'Region',
    [[['GB', 'ENG', 'England'], 1, 3, 0], [['DE', 'BE', 'Berlin'], 1, 1, 0], [['GB', 'SCT', 'Scotland'], 1, 1, 0], [['US', 'CA', 'California'], 1, 1, 1]],
  ],
  ['City', [[['GB', 'London'], 1, 3, 0], [['DE', 'Berlin'], 1, 1, 0], [['GB', 'Edinburgh'], 1, 1, 0], [['US', 'San Francisco'], 1, 1, 1]]],
  ['Timezone', [['Europe/London', 2, 4, 0], ['America/Los_Angeles', 1, 1, 1], ['Europe/Berlin', 1, 1, 0]]],
  ['Language', [['en-GB', 2, 4, 0], ['de-DE', 1, 1, 0], ['en-US', 1, 1, 1]]],
  ['ScreenName', []],
];

for (const [breakdownBy, expected] of EXPECTED) {
  test(`${breakdownBy}: every row worked out by hand`, async () => {
    assert.deepEqual(await rows({ breakdownBy }), expected);
  });
}

test('ScreenName groups app screen views by their name', async () => {
  assert.deepEqual(await rows({ breakdownBy: 'ScreenName' }, webContext(3)), [['Checkout', 1, 1, 1]]);
});

test('doPathCleaning applies the project rules in order to page values and to the entry pages bounce rates compare with', async () => {
  const cleaning: PathCleaningContext = { ...ctx, pathCleaningRules: [{ regex: '^/(pricing|signup)$', alias: '/<conversion>' }, { regex: '^/home$', alias: '/' }] };
  assert.deepEqual(await rows({ breakdownBy: 'Page', doPathCleaning: true }, cleaning), [
    ['/', 2, 3, 0],
    ['/<conversion>', 1, 3, null],
    ['/blog', 1, 1, 1],
    ['/docs', 1, 1, 0],
  ]);
  assert.deepEqual((await rows({ breakdownBy: 'InitialPage', doPathCleaning: true }, cleaning))[0], ['/', 2, 6, 0]);
  assert.equal((await rows({ breakdownBy: 'Page', doPathCleaning: false }, cleaning))[0][0], '/home', 'not asked: paths stay as sent');
  await assert.rejects(() => rows({ breakdownBy: 'Page', doPathCleaning: true }, { ...ctx, pathCleaningRules: [{ regex: '(?=x)', alias: '' }] }), HogQLError);
});

test('hostile breakdown and filter values stay plain values: bound, guarded, and read back as sent', async () => {
  const hostile = webContext(3);
  const query: WebStatsTableQuery = {
    kind: 'WebStatsTableQuery',
    breakdownBy: 'Page',
    dateRange: WEB_CURRENT,
    compareFilter: { compare: true },
    includeScrollDepth: true,
    includeAvgTimeOnPage: true,
    properties: [
      { key: EVIL_KEY, value: EVIL_VALUE, operator: 'is_not', type: 'event' },
      { key: '$pathname', value: [EVIL_PATH, EVIL], operator: 'exact', type: 'event' },
    ],
  };
  const cleaning: PathCleaningContext = { ...hostile, pathCleaningRules: [{ regex: "'", alias: EVIL }] };
  for (const [q, c] of [
    [query, hostile],
    [{ ...query, doPathCleaning: true }, cleaning],
    [{ ...query, conversionGoal: { customEventName: EVIL } }, hostile],
    [{ ...query, breakdownBy: 'Country' as const }, hostile],
  ] as const) {
    const plan = await planWebStatsTable(q, c);
    for (const statement of plan.statements) assertGuardedAndClean(statement.sql);
    await u.runPlan(plan);
  }
  assert.deepEqual(await rows({ breakdownBy: 'Page', properties: [{ key: '$pathname', value: EVIL_PATH, type: 'event' }] }, hostile), [[EVIL_PATH, 1, 1, 1]]);
  assert.deepEqual(await rows({ breakdownBy: 'Country' }, hostile), [[EVIL, 1, 1, 1]]);
});

test('hostile breakdownBy, orderBy and limits are refused before anything compiles', async () => {
  const refused = [
    { breakdownBy: EVIL as WebStatsBreakdown },
    { orderBy: [EVIL, 'DESC'] },
    { orderBy: ['Visitors', `DESC; ${EVIL}`] },
    { orderBy: ['Visitors'] },
    { limit: -1 },
    { limit: 1.5 },
    { offset: '1; DROP' as unknown as number },
  ];
  for (const q of refused) await assert.rejects(() => rows(q), HogQLError, JSON.stringify(q));
});
