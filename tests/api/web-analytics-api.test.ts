import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * The web analytics query kinds through the real server: events sent to /batch/ as a browser and as a crawler,
 * queries posted with the personal API key. Events (project 1, UTC), range 2024-05-01 … 05-07, previous 04-24 … 04-30:
 *   s1 user-1  05-02 10:00:00 $pageview /home (Desktop), 10:00:05 $web_vitals LCP 1200, 10:00:20 $pageview /pricing
 *              (left /home after 20 s, scrolled 0.5), 10:00:30 signed_up → 2 views, 30 s, not a bounce
 *   s2 user-2  05-03 12:00:00 $pageview /blog (Mobile) → 1 view, bounce
 *   s0 user-3  04-26 09:00:00 $pageview /home (Desktop) → the previous period: 1 view, bounce
 *   sb a crawler (Googlebot user agent) 05-04 $pageview /home and $web_vitals LCP 90000 → marked a bot, left out
 * Action "Signed up" = signed_up.
 */
let warren: WarrenProcess;

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const RANGE = { date_from: '2024-05-01', date_to: '2024-05-07' };

const query = (q: object, refresh?: string) => api(warren, 'POST', '/api/projects/1/query/', { query: q, ...(refresh && { refresh }) });
const view = (distinctId: string, session: string, at: string, path: string, extra: object = {}) => ({
  event: '$pageview',
  distinct_id: distinctId,
  timestamp: at,
  properties: { $session_id: session, $current_url: `https://site.test${path}`, $pathname: path, ...extra },
});

/** Posts events to /batch/ as a browser with this user agent would. */
async function send(userAgent: string, batch: object[]): Promise<void> {
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    // As posthog-js sends them: `$lib: web`, so the request's user agent is the visitor's and a crawler's is judged.
    body: JSON.stringify({ api_key: warren.token, batch: batch.map((e) => ({ ...e, properties: { $lib: 'web', ...(e as { properties?: object }).properties } })) }),
  });
  assert.equal(res.status, 200);
}

before(async () => {
  warren = await spawnWarren();
  const action = await api(warren, 'POST', '/api/projects/1/actions/', { name: 'Signed up', steps: [{ event: 'signed_up' }] });
  assert.equal(action.status, 201, JSON.stringify(action.body));
  await send(BROWSER, [
    view('user-1', 's1', '2024-05-02T10:00:00Z', '/home', { $device_type: 'Desktop' }),
    { event: '$web_vitals', distinct_id: 'user-1', timestamp: '2024-05-02T10:00:05Z', properties: { $session_id: 's1', $web_vitals_LCP_value: 1200 } },
    view('user-1', 's1', '2024-05-02T10:00:20Z', '/pricing', { $prev_pageview_pathname: '/home', $prev_pageview_duration: 20, $prev_pageview_max_scroll_percentage: 0.5 }),
    { event: 'signed_up', distinct_id: 'user-1', timestamp: '2024-05-02T10:00:30Z', properties: { $session_id: 's1' } },
    view('user-2', 's2', '2024-05-03T12:00:00Z', '/blog', { $device_type: 'Mobile' }),
    view('user-3', 's0', '2024-04-26T09:00:00Z', '/home', { $device_type: 'Desktop' }),
  ]);
  await send(CRAWLER, [
    view('crawler', 'sb', '2024-05-04T05:00:00Z', '/home'),
    { event: '$web_vitals', distinct_id: 'crawler', timestamp: '2024-05-04T05:00:01Z', properties: { $session_id: 'sb', $web_vitals_LCP_value: 90000 } },
  ]);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 8);
});
after(async () => warren?.stop());

test('WebStatsTableQuery: PostHog columns, [current, previous] cells, paging fields, cached on the second ask', async () => {
  const pages = { kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange: RANGE, properties: [], compareFilter: { compare: true }, includeScrollDepth: true };
  const first = await query(pages);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual(first.body.columns, [
    'context.columns.breakdown_value',
    'context.columns.visitors',
    'context.columns.views',
    'context.columns.bounce_rate',
    'context.columns.average_scroll_percentage',
    'context.columns.scroll_gt80_percentage',
  ]);
  // One visitor and one view each: A→Z. /home began s1 (not a bounce) now and s0 (a bounce) before.
  assert.deepEqual(first.body.results, [
    ['/blog', [1, 0], [1, 0], [1, null], [null, null], [null, null]],
    ['/home', [1, 1], [1, 1], [0, 1], [0.5, null], [0, null]],
    ['/pricing', [1, 0], [1, 0], [null, null], [null, null], [null, null]],
  ]);
  assert.deepEqual([first.body.hasMore, first.body.limit, first.body.offset, first.body.is_cached], [false, 10, 0, false]);
  assert.equal(typeof first.body.hogql, 'string');
  const again = await query(pages);
  assert.deepEqual([again.body.is_cached, again.body.cache_key, again.body.results], [true, first.body.cache_key, first.body.results]);

  const devices = await query({ kind: 'WebStatsTableQuery', breakdownBy: 'DeviceType', dateRange: RANGE, properties: [], limit: 1 });
  assert.deepEqual([devices.body.results, devices.body.hasMore], [[['Desktop', [1, null], [2, null], [0, null]]], true]);
});

test('WebGoalsQuery: each action with converting visitors, conversions and rate', async () => {
  const res = await query({ kind: 'WebGoalsQuery', dateRange: RANGE, properties: [] });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual(res.body.columns, ['context.columns.action_name', 'context.columns.converting_users', 'context.columns.total_conversions', 'context.columns.conversion_rate']);
  assert.deepEqual(res.body.results, [['Signed up', [1, null], [1, null], [0.5, null]]]);
});

test('WebVitalsQuery: a percentile of each metric by day, the crawler left out', async () => {
  const res = await query({ kind: 'WebVitalsQuery', dateRange: RANGE, properties: [], percentile: 'p75' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const lcp = res.body.results.find((r: { action: { custom_name: string } }) => r.action.custom_name === 'LCP');
  assert.deepEqual(lcp.data, [0, 1200, 0, 0, 0, 0, 0]);
  assert.equal(lcp.action.math, 'p75');
});

test('WebOverviewQuery alongside: the same sessions, bots left out', async () => {
  const res = await query({ kind: 'WebOverviewQuery', dateRange: RANGE, properties: [] });
  assert.deepEqual(
    res.body.results.map((i: { key: string; value: number }) => [i.key, i.value]),
    [['visitors', 2], ['views', 3], ['sessions', 2], ['session duration', 15], ['bounce rate', 50]],
  );
});

test('a bad breakdown or order is a 400 naming the field', async () => {
  const bad = await query({ kind: 'WebStatsTableQuery', breakdownBy: 'Nope', dateRange: RANGE, properties: [] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.type, 'validation_error');
  assert.match(bad.body.detail, /breakdownBy/);
  const order = await query({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', orderBy: ['Visitors', 'sideways'], properties: [] });
  assert.equal(order.status, 400);
  assert.match(order.body.detail, /orderBy/);
});
