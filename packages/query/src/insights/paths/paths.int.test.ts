import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { openUniverse, OTHER_TEAM, type Universe } from '../../test-support/insight-universe.js';
import type { ActorsPoint } from '../actors.js';
import { insightContext, type InsightContext } from '../insight-context.js';
import { compileInsightStatement } from '../insight-statement.js';
import type { PathEdge } from './path-edges.js';
import type { PathsFilter, PathsQuery } from './paths-filter.js';
import { pathsActors, planPaths } from './paths-query.js';

/*
 * The universe (team 1, timezone UTC unless a test says otherwise; now = 2024-05-08 12:00Z, so the default range
 * -7d is 2024-05-01 00:00Z … 2024-05-08 23:59:59.999Z). Web events carry {app: web}, mobile ones {app: mobile}.
 *
 * alice   $pageview 2024-05-02 10:00 /home/   10:01 /pricing   10:02 /pricing/   10:05 /signup
 *                   (55 minutes later: a new path) 11:00 /home   11:10 /docs
 *                   2024-04-20 10:00 /home, 10:01 /admin       (before the range)
 * bob     $pageview 2024-05-03 09:00 /home   09:02 /pricing   09:06 /about
 * carol   `anon-carol` (its own anonymous person when stored) $pageview 2024-05-04 08:00 /home, 08:01 /pricing;
 *         then as `carol` 08:20 /signup; afterwards `anon-carol` is merged into carol
 * dave    $pageview 2024-05-05 12:00 /   12:01 /home   12:31 (exactly 30 minutes later: a new path) /pricing
 * erin    $pageview 2024-05-06 14:00 /product/1   14:01 /product/2   14:03 /cart
 * gina    $pageview 2024-04-30 23:30Z /landing   23:31Z /home    (May 1 in Europe/Berlin, April 30 in UTC)
 * frank   2024-05-06 09:59 opened_app, 10:00 $screen Home, 10:01 $screen Settings, 10:01:30 $autocapture,
 *         10:02 $screen Home, 10:03 purchase                      (all {app: mobile})
 * team 2  mallory and team 2's own `alice`: /home → /pricing on 2024-05-02, which must never count.
 *
 * Paths with $pageview only (elements: URL without its trailing slash; repeats collapsed keeping the last of a run):
 *   alice  [/home 10:00, /pricing 10:02, /signup 10:05]  and  [/home 11:00, /docs 11:10]
 *   bob    [/home 09:00, /pricing 09:02, /about 09:06]
 *   carol  [/home 08:00, /pricing 08:01, /signup 08:20]       (one person after the merge)
 *   dave   [/ 12:00, /home 12:01]  and  [/pricing 12:31]
 *   erin   [/product/1 14:00, /product/2 14:01, /cart 14:03]
 */
const NOW = new Date('2024-05-08T12:00:00Z');
const ctx = insightContext({ teamId: 1, now: NOW });
let u: Universe;

const web = { app: 'web' };
const mobile = { app: 'mobile' };

before(async () => {
  u = await openUniverse();
  for (const name of ['alice', 'bob', 'dave', 'erin', 'gina', 'frank']) u.person(name);
  const page = (who: string, at: string, url: string) => u.event(who, '$pageview', at, { $current_url: url, ...web });
  page('alice', '2024-05-02T10:00:00Z', '/home/');
  page('alice', '2024-05-02T10:01:00Z', '/pricing');
  page('alice', '2024-05-02T10:02:00Z', '/pricing/');
  page('alice', '2024-05-02T10:05:00Z', '/signup');
  page('alice', '2024-05-02T11:00:00Z', '/home');
  page('alice', '2024-05-02T11:10:00Z', '/docs');
  page('alice', '2024-04-20T10:00:00Z', '/home');
  page('alice', '2024-04-20T10:01:00Z', '/admin');
  page('bob', '2024-05-03T09:00:00Z', '/home');
  page('bob', '2024-05-03T09:02:00Z', '/pricing');
  page('bob', '2024-05-03T09:06:00Z', '/about');
  page('anon-carol', '2024-05-04T08:00:00Z', '/home');
  page('anon-carol', '2024-05-04T08:01:00Z', '/pricing');
  u.person('carol');
  page('carol', '2024-05-04T08:20:00Z', '/signup');
  page('dave', '2024-05-05T12:00:00Z', '/');
  page('dave', '2024-05-05T12:01:00Z', '/home');
  page('dave', '2024-05-05T12:31:00Z', '/pricing');
  page('erin', '2024-05-06T14:00:00Z', '/product/1');
  page('erin', '2024-05-06T14:01:00Z', '/product/2');
  page('erin', '2024-05-06T14:03:00Z', '/cart');
  page('gina', '2024-04-30T23:30:00Z', '/landing');
  page('gina', '2024-04-30T23:31:00Z', '/home');
  u.event('frank', 'opened_app', '2024-05-06T09:59:00Z', mobile);
  u.event('frank', '$screen', '2024-05-06T10:00:00Z', { $screen_name: 'Home', ...mobile });
  u.event('frank', '$screen', '2024-05-06T10:01:00Z', { $screen_name: 'Settings', ...mobile });
  u.event('frank', '$autocapture', '2024-05-06T10:01:30Z', mobile);
  u.event('frank', '$screen', '2024-05-06T10:02:00Z', { $screen_name: 'Home', ...mobile });
  u.event('frank', 'purchase', '2024-05-06T10:03:00Z', mobile);
  u.person('mallory', { team: OTHER_TEAM });
  for (const who of ['mallory', 'alice']) {
    u.event(who, '$pageview', '2024-05-02T10:00:00Z', { $current_url: '/home', ...web }, { team: OTHER_TEAM });
    u.event(who, '$pageview', '2024-05-02T10:01:00Z', { $current_url: '/pricing', ...web }, { team: OTHER_TEAM });
  }
  u.merge('anon-carol', 'carol');
  await u.flush();
});

const PAGEVIEWS: PathsFilter = { includeEventTypes: ['$pageview'] };
const MOBILE = [{ key: 'app', value: 'mobile', operator: 'exact', type: 'event' }];

async function paths(pathsFilter: PathsFilter, extra: Partial<PathsQuery> = {}, context: InsightContext = ctx) {
  return u.runPlan(await planPaths({ kind: 'PathsQuery', pathsFilter, ...extra }, context));
}

/** `source > target value avg` lines, in result order. */
function edges(results: readonly PathEdge[]): string[] {
  return results.map((e) => `${e.source} > ${e.target} ${e.value} ${e.average_conversion_time}`);
}

async function actors(point: ActorsPoint, pathsFilter: PathsFilter = PAGEVIEWS): Promise<string[]> {
  const selection = await pathsActors({ kind: 'PathsQuery', pathsFilter }, point, ctx);
  const { rows } = await u.run(compileInsightStatement(selection, ctx));
  return rows.map(([id, count]) => `${id} ${Number(count)}`).sort();
}

test('page view paths: trailing slashes dropped (not from /), repeats collapsed, 30 minutes split, merge, other team and range ignored', async () => {
  // /home → /pricing: alice 10:00→10:02 (120 s), bob 120 s, carol 60 s → 3, mean 100 000 ms.
  // /pricing → /signup: alice 10:02→10:05 (180 s), carol 08:01→08:20 (1 140 s) → 2, mean 660 000 ms.
  // Ties by source then target: 1_/ < 1_/home < 1_/product/1 < 2_/pricing < 2_/product/2.
  assert.deepEqual(edges(await paths(PAGEVIEWS)), [
    '1_/home > 2_/pricing 3 100000',
    '2_/pricing > 3_/signup 2 660000',
    '1_/ > 2_/home 1 60000',
    '1_/home > 2_/docs 1 600000',
    '1_/product/1 > 2_/product/2 1 60000',
    '2_/pricing > 3_/about 1 240000',
    '2_/product/2 > 3_/cart 1 120000',
  ]);
});

test('the resolved date range is in the response extra; the range is days in the project timezone', async () => {
  const plan = await planPaths({ kind: 'PathsQuery', pathsFilter: PAGEVIEWS }, ctx);
  assert.deepEqual(plan.extra, { resolved_date_range: { date_from: '2024-05-01T00:00:00.000Z', date_to: '2024-05-08T23:59:59.999Z' } });
  // gina's April 30 23:30Z visit is May 1 in Berlin, inside -7d there only.
  const berlin = insightContext({ teamId: 1, now: NOW, timezone: 'Europe/Berlin' });
  assert.ok(edges(await paths(PAGEVIEWS, {}, berlin)).includes('1_/landing > 2_/home 1 60000'));
  assert.ok(!edges(await paths(PAGEVIEWS)).some((e) => e.includes('/landing')));
  // alice's April 20 visit counts once the range reaches it.
  assert.ok(edges(await paths(PAGEVIEWS, { dateRange: { date_from: '2024-04-20' } })).includes('1_/home > 2_/admin 1 60000'));
});

test('a start point keeps paths holding it, from its first occurrence (a trailing slash in the point is ignored)', async () => {
  // alice [/pricing 10:02, /signup], bob [/pricing, /about], carol [/pricing 08:01, /signup 08:20], dave [/pricing].
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, startPoint: '/pricing/' })), [
    '1_/pricing > 2_/signup 2 660000',
    '1_/pricing > 2_/about 1 240000',
  ]);
});

test('an end point keeps the path up to it; with a step limit, its last steps', async () => {
  // alice and carol reach /signup: [/home, /pricing, /signup]; /home → /pricing took 120 s and 60 s.
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, endPoint: '/signup' })), [
    '1_/home > 2_/pricing 2 90000',
    '2_/pricing > 3_/signup 2 660000',
  ]);
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, endPoint: '/signup', stepLimit: 2 })), ['1_/pricing > 2_/signup 2 660000']);
});

test('between a start and an end point, a path longer than the step limit keeps its ends around "..."', async () => {
  // alice and carol: [/home, /pricing, /signup] is 3 > 2 steps → [/home, ... (at /pricing's time), /signup].
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, startPoint: '/home', endPoint: '/signup', stepLimit: 2 })), [
    '1_/home > 2_... 2 90000',
    '2_... > 3_/signup 2 660000',
  ]);
});

test('the step limit keeps the first steps of every path', async () => {
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, stepLimit: 2 })), [
    '1_/home > 2_/pricing 3 100000',
    '1_/ > 2_/home 1 60000',
    '1_/home > 2_/docs 1 600000',
    '1_/product/1 > 2_/product/2 1 60000',
  ]);
});

test('the edge limit keeps the heaviest edges', async () => {
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, edgeLimit: 2 })), [
    '1_/home > 2_/pricing 3 100000',
    '2_/pricing > 3_/signup 2 660000',
  ]);
});

test('edge weights bound the values; edges cut off from every first step are dropped, as PostHog does', async () => {
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, minEdgeWeight: 2 })), [
    '1_/home > 2_/pricing 3 100000',
    '2_/pricing > 3_/signup 2 660000',
  ]);
  // ≤ 2 leaves /home → /pricing (3) out, so nothing reaches 2_/pricing and its edges go too.
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, maxEdgeWeight: 2 })), [
    '1_/ > 2_/home 1 60000',
    '1_/home > 2_/docs 1 600000',
    '1_/product/1 > 2_/product/2 1 60000',
    '2_/product/2 > 3_/cart 1 120000',
  ]);
});

test('excluded elements are removed before paths are built', async () => {
  // alice [/home 10:00, /signup 10:05] + [/home, /docs]; bob [/home 09:00, /about 09:06]; carol [/home 08:00, /signup 08:20].
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, excludeEvents: ['/pricing', '/product/1'] })), [
    '1_/home > 2_/signup 2 750000',
    '1_/ > 2_/home 1 60000',
    '1_/home > 2_/about 1 360000',
    '1_/home > 2_/docs 1 600000',
    '1_/product/2 > 2_/cart 1 120000',
  ]);
});

test('groupings collapse matching elements into the grouping; a grouping is literal apart from *', async () => {
  // erin: [/product/* (14:00, 14:01 → one, at 14:01), /cart 14:03].
  assert.deepEqual(edges(await paths({ ...PAGEVIEWS, pathGroupings: ['/product/*', '/cart*'] })), [
    '1_/home > 2_/pricing 3 100000',
    '2_/pricing > 3_/signup 2 660000',
    '1_/ > 2_/home 1 60000',
    '1_/home > 2_/docs 1 600000',
    '1_/product/* > 2_/cart* 1 120000',
    '2_/pricing > 3_/about 1 240000',
  ]);
  // As a regex '.*' would swallow every element; as a grouping it only matches elements containing a dot.
  assert.deepEqual(await paths({ ...PAGEVIEWS, pathGroupings: ['.*'] }), await paths(PAGEVIEWS));
});

test('cleaning rules replace by regex in their order', async () => {
  const results = await paths({
    ...PAGEVIEWS,
    localPathCleaningFilters: [
      { regex: '^/start$', alias: '/begin', order: 2 },
      { regex: '/product/(\\d+)', alias: '/product/<id \\1>', order: 3 },
      { regex: '^/home$', alias: '/start', order: 1 },
      { regex: '^/pricing$', alias: '/plans', order: 0 },
    ],
  });
  // /home → /start (order 1) → /begin (order 2): the list order would have left /start.
  assert.deepEqual(edges(results), [
    '1_/begin > 2_/plans 3 100000',
    '2_/plans > 3_/signup 2 660000',
    '1_/ > 2_/begin 1 60000',
    '1_/begin > 2_/docs 1 600000',
    '1_/product/<id 1> > 2_/product/<id 2> 1 60000',
    '2_/plans > 3_/about 1 240000',
    '2_/product/<id 2> > 3_/cart 1 120000',
  ]);
});

test('screens are named by $screen_name, custom events by their name (events starting with $ are not custom)', async () => {
  assert.deepEqual(edges(await paths({ includeEventTypes: ['$screen'] })), [
    '1_Home > 2_Settings 1 60000',
    '2_Settings > 3_Home 1 60000',
  ]);
  assert.deepEqual(edges(await paths({ includeEventTypes: ['custom_event'] })), ['1_opened_app > 2_purchase 1 240000']);
  assert.deepEqual(edges(await paths({ includeEventTypes: ['$screen', 'custom_event'] })), [
    '1_opened_app > 2_Home 1 60000',
    '2_Home > 3_Settings 1 60000',
    '3_Settings > 4_Home 1 60000',
    '4_Home > 5_purchase 1 60000',
  ]);
});

test('without event types every event takes part (cut at 5 steps); excluding a type name drops its events', async () => {
  assert.deepEqual(edges(await paths({}, { properties: MOBILE })), [
    '1_opened_app > 2_Home 1 60000',
    '2_Home > 3_Settings 1 60000',
    '3_Settings > 4_$autocapture 1 30000',
    '4_$autocapture > 5_Home 1 30000',
  ]);
  assert.deepEqual(edges(await paths({ excludeEvents: ['$screen'] }, { properties: MOBILE })), [
    '1_opened_app > 2_$autocapture 1 150000',
    '2_$autocapture > 3_purchase 1 90000',
  ]);
});

test('a HogQL expression names the elements; its repeats collapse too', async () => {
  // opened_app 9:59, $screen (Home 10:00, Settings 10:01 → one, at 10:01), $autocapture 10:01:30, $screen 10:02, purchase 10:03.
  const results = await paths({ includeEventTypes: ['hogql'], pathsHogQLExpression: "concat(event, ':', properties.app)" }, { properties: MOBILE });
  assert.deepEqual(edges(results), [
    '1_opened_app:mobile > 2_$screen:mobile 1 120000',
    '2_$screen:mobile > 3_$autocapture:mobile 1 30000',
    '3_$autocapture:mobile > 4_$screen:mobile 1 30000',
    '4_$screen:mobile > 5_purchase:mobile 1 60000',
  ]);
});

test('test-account filters apply when asked', async () => {
  const internal = insightContext({ teamId: 1, now: NOW, testAccountFilters: [{ key: 'app', value: 'mobile', operator: 'is_not', type: 'event' }] });
  assert.deepEqual(await paths({}, { filterTestAccounts: true }, internal), await paths(PAGEVIEWS));
  assert.ok(edges(await paths({}, {}, internal)).some((e) => e.includes('opened_app')));
});

test('actors: persons through an edge, from a step, reaching a step, or dropping off at one', async () => {
  const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map((n) => u.personId(n));
  assert.deepEqual(await actors({ pathStartKey: '1_/home', pathEndKey: '2_/pricing' }), [`${alice} 1`, `${bob} 1`, `${carol} 1`].sort());
  assert.deepEqual(await actors({ pathStartKey: '2_/pricing', pathEndKey: '3_/signup' }), [`${alice} 1`, `${carol} 1`].sort());
  // Both of alice's paths leave /home.
  assert.deepEqual(await actors({ pathStartKey: '1_/home' }), [`${alice} 2`, `${bob} 1`, `${carol} 1`].sort());
  assert.deepEqual(await actors({ pathEndKey: '2_/home' }), [`${dave} 1`]);
  assert.deepEqual(await actors({ pathDropoffKey: '3_/signup' }), [`${alice} 1`, `${carol} 1`].sort());
  assert.deepEqual(await actors({ pathDropoffKey: '2_/pricing' }), []);
  // Keys may come in the query's pathsFilter, as PostHog's actors queries send them.
  assert.deepEqual(await actors({}, { ...PAGEVIEWS, pathDropoffKey: '2_/docs' }), [`${alice} 1`]);
  // Non-adjacent steps are no edge.
  assert.deepEqual(await actors({ pathStartKey: '1_/home', pathEndKey: '3_/signup' }), []);
});
