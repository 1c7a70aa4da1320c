import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { v7 } from '@warren/query/test-support/web-universe';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Web analytics' daily pre-aggregates through the real server: the rollup job (every 300 ms here, days left alone for
 * 200 ms) computes the days of old sessions, the web queries take them and answer what the sessions give, and a merge
 * that moves a visitor unsettles the day it touches at once. Events (project 1, UTC), range 2024-05-01 … 05-07,
 * session ids UUIDv7 of their start:
 *   s1 anon-1  05-02 10:00:00 $pageview /home, 10:00:20 $pageview /pricing → 2 views, 20 s, not a bounce
 *   s2 user-2  05-03 12:00:00 $pageview /blog → 1 view, bounce
 *   s3 user-1  05-04 09:00:00 $pageview /home → 1 view, bounce
 * Before the merge: visitors 3, views 4, sessions 3, duration 20/3 s, bounce 2/3. Then user-1 identifies with
 * anon-1 as its anonymous id: visitors 2, the rest unchanged; /home's visitors 2 → 1, as a page and as an entry page.
 */
let warren: WarrenProcess;

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const RANGE = { date_from: '2024-05-01', date_to: '2024-05-07' };
const S1 = v7('2024-05-02T10:00:00Z', '1');
const S2 = v7('2024-05-03T12:00:00Z', '2');
const S3 = v7('2024-05-04T09:00:00Z', '3');

const view = (distinctId: string, session: string, at: string, path: string) => ({
  event: '$pageview',
  distinct_id: distinctId,
  timestamp: at,
  properties: { $lib: 'web', $session_id: session, $current_url: `https://site.test${path}`, $pathname: path },
});

async function send(batch: object[]): Promise<void> {
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER },
    body: JSON.stringify({ api_key: warren.token, batch }),
  });
  assert.equal(res.status, 200);
}

/** The last answer's HogQL (PostHog's `hogql` field): it names the rollup tables when days were taken from them. */
let lastHogQL = '';

async function ask(query: object): Promise<any> {
  const res = await api(warren, 'POST', '/api/projects/1/query/', { query, refresh: 'force_blocking' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  lastHogQL = String(res.body.hogql);
  return res.body.results;
}

const overview = async () =>
  Object.fromEntries(((await ask({ kind: 'WebOverviewQuery', dateRange: RANGE, properties: [] })) as { key: string; value: number }[]).map((i) => [i.key, i.value]));
const pages = async () => ask({ kind: 'WebStatsTableQuery', breakdownBy: 'Page', dateRange: RANGE, properties: [] });
const entryPages = async () =>
  ((await ask({ kind: 'WebStatsTableQuery', breakdownBy: 'InitialPage', dateRange: RANGE, properties: [] })) as unknown[][]).map((r) => [
    r[0],
    (r[1] as number[])[0],
    (r[2] as number[])[0],
  ]);
const rolledUpDays = async () => Number((await hogql(warren, 'select count() from web_sessions_daily')).results[0][0]);

before(async () => {
  warren = await spawnWarren({ env: { WARREN_WEB_ROLLUP_INTERVAL_MS: '300', WARREN_WEB_ROLLUP_QUIET_MS: '200' } });
  await send([
    view('anon-1', S1, '2024-05-02T10:00:00Z', '/home'),
    view('anon-1', S1, '2024-05-02T10:00:20Z', '/pricing'),
    view('user-2', S2, '2024-05-03T12:00:00Z', '/blog'),
    view('user-1', S3, '2024-05-04T09:00:00Z', '/home'),
  ]);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 4);
});
after(async () => warren?.stop());

const BEFORE_MERGE = { visitors: 3, views: 4, sessions: 3, 'session duration': 20 / 3, 'bounce rate': (2 / 3) * 100 };

test('the job pre-aggregates each day of old sessions, and the web queries answer from them what the sessions give', async () => {
  await eventually(async () => (await rolledUpDays()) === 3, 30_000);
  assert.deepEqual(await overview(), BEFORE_MERGE);
  assert.match(lastHogQL, /web_sessions_daily/);
  const rows = (await pages()) as unknown[][];
  assert.match(lastHogQL, /web_pages_daily/);
  assert.deepEqual(await entryPages(), [
    ['/home', 2, 3],
    ['/blog', 1, 1],
  ]);
  assert.match(lastHogQL, /web_breakdowns_daily/);
  assert.deepEqual(
    rows.map((r) => [r[0], (r[1] as number[])[0], (r[2] as number[])[0]]),
    [
      ['/home', 2, 2],
      ['/blog', 1, 1],
      ['/pricing', 1, 1],
    ],
  );
});

test('a merge that moves a visitor is counted at once, and the day it touched is computed again', async () => {
  await eventually(async () => (await rolledUpDays()) === 3, 30_000);
  const versionOfMay2 = async () =>
    Number((await hogql(warren, "select max(version) from web_sessions_daily where session_day = toDate('2024-05-02')")).results[0][0]);
  const computed = await versionOfMay2();
  await send([{ event: '$identify', distinct_id: 'user-1', timestamp: '2024-05-05T10:00:00Z', properties: { $anon_distinct_id: 'anon-1' } }]);
  await eventually(async () => (await overview()).visitors === 2, 15_000);
  assert.deepEqual(await overview(), { ...BEFORE_MERGE, visitors: 2 });
  const home = ((await pages()) as unknown[][]).find((r) => r[0] === '/home');
  assert.deepEqual(home?.[1], [1, null]);
  assert.deepEqual(await entryPages(), [
    ['/home', 1, 3],
    ['/blog', 1, 1],
  ]);
  // The job computes 05-02 again under a newer version (the older rows deleted); the answer stays the same.
  await eventually(async () => (await versionOfMay2()) > computed, 30_000);
  await eventually(async () => Number((await hogql(warren, "select count(distinct version) from web_sessions_daily where session_day = toDate('2024-05-02')")).results[0][0]) === 1);
  assert.deepEqual(await overview(), { ...BEFORE_MERGE, visitors: 2 });
  assert.match(lastHogQL, /web_sessions_daily/);
});
