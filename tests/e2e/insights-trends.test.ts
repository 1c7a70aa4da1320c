import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

/*
 * The insights list and builder (trends, stickiness, lifecycle) driven as a user would, against pageviews sent through
 * the capture API. All at 12:00 UTC (the project's timezone), N days ago:
 *   alice (alice@example.com, Chrome):  5 days ago ×2, 4 days ago ×1, 2 days ago ×1   -> active 3 days
 *   bob   (bob@example.com,   Firefox): 2 days ago ×2, 1 day ago ×3                   -> active 2 days
 * Last 7 days by day has 8 buckets (7 days ago … today):
 *   all      0 0 2 1 0 3 3 0  = 9
 *   Firefox  0 0 0 0 0 2 3 0  = 5
 *   Chrome   0 0 2 1 0 1 0 0  = 4
 */
let session: WebAppSession;
let page: Page;
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY_MS);
/** PostHog's day label, e.g. 3-May-2024. */
const dayLabel = (d: Date) => `${d.getUTCDate()}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;
const LAST_7_DAYS = [7, 6, 5, 4, 3, 2, 1, 0].map((n) => dayLabel(daysAgo(n)));
let savedShortId = '';

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
  const { warren } = session;
  const view = (distinct_id: string, n: number, props: object) => ({
    event: '$pageview',
    distinct_id,
    timestamp: new Date(daysAgo(n).getTime() + 12 * 3_600_000).toISOString(),
    properties: props,
  });
  const alice = { $browser: 'Chrome', $set: { email: 'alice@example.com' } };
  const bob = { $browser: 'Firefox', $set: { email: 'bob@example.com' } };
  const batch = [
    view('alice', 5, alice), view('alice', 5, alice), view('alice', 4, alice), view('alice', 2, alice),
    view('bob', 2, bob), view('bob', 2, bob), view('bob', 1, bob), view('bob', 1, bob), view('bob', 1, bob),
  ];
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: warren.token, batch }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0]![0]) === 9);
  // A fresh server's first lifecycle query pays a one-time engine cost of several seconds (even over one event; later
  // ones take a fraction of a second). Pay it here, over another range, so the browser's waits below are about the screen.
  const lifecycle = { kind: 'LifecycleQuery', series: [{ kind: 'EventsNode', event: '$pageview' }], dateRange: { date_from: '-30d' } };
  await eventually(async () => (await api(warren, 'POST', '/api/projects/1/query/', { query: lifecycle, refresh: 'force_blocking' })).status === 200, 60_000);
});
after(async () => {
  await session?.close();
});

/** The numbers of a table row (total first where there is one), as shown. */
async function rowNumbers(table: string, row: string | RegExp): Promise<string[]> {
  const locator = page.getByRole('table', { name: table }).getByRole('row', { name: row }).first();
  await locator.waitFor();
  return locator.locator('td').allTextContents();
}

async function personUuid(distinctId: string): Promise<string> {
  const res = await api(session.warren, 'GET', `/api/projects/1/persons/?distinct_id=${distinctId}`);
  assert.equal(res.status, 200);
  return res.body.results[0].uuid;
}

/** Clicks the chart canvas over the interval at `index` of `count` (Chart.js places categories evenly). */
async function clickChartAt(index: number, count: number, offset: boolean): Promise<void> {
  const canvas = page.locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  // The y axis takes about 40 px on the left; the plot runs to about 10 px from the right.
  const left = 40;
  const width = box.width - left - 10;
  const x = offset ? left + (width / count) * (index + 0.5) : left + (width / (count - 1)) * index;
  await canvas.click({ position: { x, y: box.height / 2 } });
}

test('the list starts empty and teaches; New insight opens a trends builder of pageviews by day', async () => {
  await openScreen(session, 'insights');
  await page.getByRole('heading', { name: 'No saved insights yet' }).waitFor();
  await session.screenshot('insights-list-empty');
  await page.getByRole('button', { name: 'New insight' }).click();
  await page.waitForURL(/\/project\/1\/insights\/new$/);
  await page.getByRole('tab', { name: 'Trends', selected: true }).waitFor();
  assert.equal(await page.getByLabel('Series A event').inputValue(), '$pageview');

  const table = 'Trends line chart: numbers';
  assert.deepEqual(await rowNumbers(table, /\$pageview/), ['9', '0', '0', '2', '1', '0', '3', '3', '0']);
  const headers = await page.getByRole('table', { name: table }).getByRole('columnheader').allTextContents();
  assert.deepEqual(headers, ['Series', 'Total', ...LAST_7_DAYS]);
  await page.getByRole('img', { name: 'Trends line chart: $pageview 9', exact: true }).waitFor();
  await session.screenshot('insight-trends-line');
});

test('number and bar displays show the same pageviews', async () => {
  await page.getByLabel('Display', { exact: true }).selectOption('BoldNumber');
  await page.getByRole('button', { name: '9, $pageview: show persons' }).waitFor();
  await session.screenshot('insight-trends-number');
  await page.getByLabel('Display', { exact: true }).selectOption('ActionsBar');
  await page.getByRole('img', { name: 'Trends bar chart: $pageview 9', exact: true }).waitFor();
  assert.deepEqual(await rowNumbers('Trends bar chart: numbers', /\$pageview/), ['9', '0', '0', '2', '1', '0', '3', '3', '0']);
  await session.screenshot('insight-trends-bar');
  await page.getByLabel('Display', { exact: true }).selectOption('ActionsLineGraph');
  await page.getByRole('img', { name: 'Trends line chart: $pageview 9', exact: true }).waitFor();
});

test('filters, maths, date ranges and comparison each change the numbers', async () => {
  const table = 'Trends line chart: numbers';
  await page.getByRole('button', { name: '+ Add filter' }).click();
  await page.getByLabel('Property', { exact: true }).fill('$browser');
  await page.getByLabel('Value', { exact: true }).fill('Chrome');
  await page.getByRole('img', { name: 'Trends line chart: $pageview 4', exact: true }).waitFor();
  assert.deepEqual(await rowNumbers(table, /\$pageview/), ['4', '0', '0', '2', '1', '0', '1', '0', '0']);
  await page.getByRole('button', { name: 'Remove filter' }).click();

  await page.getByLabel('Series A math').selectOption('dau');
  // Unique users a day: alice 5 and 4 days ago, both 2 days ago, bob yesterday.
  await page.getByRole('img', { name: 'Trends line chart: $pageview 5', exact: true }).waitFor();
  assert.deepEqual(await rowNumbers(table, /\$pageview/), ['5', '0', '0', '1', '1', '0', '2', '1', '0']);
  await page.getByLabel('Series A math').selectOption('total');

  await page.getByLabel('Date range', { exact: true }).selectOption('-14d');
  await page.getByRole('table', { name: table }).getByRole('columnheader', { name: dayLabel(daysAgo(14)) }).waitFor();
  assert.equal(await page.getByRole('table', { name: table }).getByRole('columnheader').count(), 2 + 15);
  await page.getByLabel('Date range', { exact: true }).selectOption('-7d');

  await page.getByLabel('Compare to previous period').check();
  await page.getByRole('img', { name: 'Trends line chart: $pageview 9; $pageview (previous period) 0', exact: true }).waitFor();
  assert.deepEqual(await rowNumbers(table, '$pageview (previous period)'), ['0', '0', '0', '0', '0', '0', '0', '0', '0']);
  await session.screenshot('insight-trends-compare');
  await page.getByLabel('Compare to previous period').uncheck();
  await page.getByRole('img', { name: 'Trends line chart: $pageview 9', exact: true }).waitFor();
});

test('clicking a point lists the persons behind it, each linking to their page; Escape closes the list', async () => {
  await clickChartAt(2, 8, false);
  const dialog = page.getByRole('dialog', { name: `Persons: $pageview on ${LAST_7_DAYS[2]}` });
  await dialog.waitFor();
  const link = dialog.getByRole('link', { name: 'alice@example.com' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `/project/1/persons/${await personUuid('alice')}`);
  assert.equal(await dialog.getByRole('link', { name: 'bob@example.com' }).count(), 0, 'bob had no pageview 5 days ago');
  assert.deepEqual(await dialog.getByRole('row').nth(1).locator('td').allTextContents(), ['alice@example.com', 'alice', '2']);
  await session.screenshot('insight-actors-modal');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // The numbers under the chart open their persons too (keyboard users have no canvas to click).
  await page.getByRole('button', { name: `3, $pageview, ${LAST_7_DAYS[6]}: show persons` }).click();
  const yesterday = page.getByRole('dialog', { name: `Persons: $pageview on ${LAST_7_DAYS[6]}` });
  await yesterday.getByRole('link', { name: 'bob@example.com' }).waitFor();
  await yesterday.getByRole('button', { name: 'Close' }).click();
  await yesterday.waitFor({ state: 'hidden' });
});

test('a breakdown by browser splits the series, and a click on a shared interval asks whose persons to list', async () => {
  await page.getByLabel('Breakdown by').fill('$browser');
  const table = 'Trends line chart: numbers';
  assert.deepEqual(await rowNumbers(table, 'Firefox'), ['5', '0', '0', '0', '0', '0', '2', '3', '0']);
  assert.deepEqual(await rowNumbers(table, 'Chrome'), ['4', '0', '0', '2', '1', '0', '1', '0', '0']);
  const names = await page.getByRole('table', { name: table }).locator('tbody th').allTextContents();
  assert.deepEqual(names, ['Firefox', 'Chrome'], 'the larger value first');
  await session.screenshot('insight-trends-breakdown');

  await clickChartAt(5, 8, false);
  const chooser = page.getByRole('group', { name: `Persons on ${LAST_7_DAYS[5]}` });
  await chooser.getByRole('button', { name: 'Chrome (1)' }).click();
  const dialog = page.getByRole('dialog', { name: `Persons: Chrome on ${LAST_7_DAYS[5]}` });
  await dialog.getByRole('link', { name: 'alice@example.com' }).waitFor();
  assert.equal(await dialog.getByRole('link').count(), 1);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('saving names the insight and stores the query as an InsightVizNode; it can be added to a new dashboard', async () => {
  await page.getByLabel('Name', { exact: true }).fill('Pageviews by browser');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL((url) => /^\/project\/1\/insights\/[A-Za-z0-9]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
  savedShortId = page.url().split('/').pop()!;
  await page.getByRole('heading', { name: 'Pageviews by browser' }).waitFor();

  const stored = await api(session.warren, 'GET', `/api/projects/1/insights/?short_id=${savedShortId}`);
  const insight = stored.body.results[0];
  assert.equal(insight.name, 'Pageviews by browser');
  assert.equal(insight.saved, true);
  assert.deepEqual(insight.query, {
    kind: 'InsightVizNode',
    source: {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: '$pageview', name: '$pageview', math: 'total' }],
      interval: 'day',
      dateRange: { date_from: '-7d', date_to: null },
      trendsFilter: { display: 'ActionsLineGraph' },
      breakdownFilter: { breakdown_type: 'event', breakdown: '$browser' },
    },
  });

  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to dashboard' });
  await dialog.getByLabel('New dashboard name').fill('Traffic');
  await session.screenshot('insight-add-to-dashboard');
  await dialog.getByRole('button', { name: 'Create dashboard and add' }).click();
  await page.getByRole('status').filter({ hasText: 'Added to Traffic' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });

  const after = (await api(session.warren, 'GET', `/api/projects/1/insights/${insight.id}/`)).body;
  assert.equal(after.dashboards.length, 1);
  const dashboard = (await api(session.warren, 'GET', `/api/projects/1/dashboards/${after.dashboards[0]}/`)).body;
  assert.equal(dashboard.name, 'Traffic');
  assert.deepEqual(dashboard.tiles.map((t: { insight: { id: number } | null }) => t.insight?.id), [insight.id]);
});

test('reloading the insight URL brings back its name and query', async () => {
  await page.reload();
  await page.getByRole('heading', { name: 'Pageviews by browser' }).waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Pageviews by browser');
  assert.equal(await page.getByLabel('Breakdown by').inputValue(), '$browser');
  assert.equal(await page.getByLabel('Date range', { exact: true }).inputValue(), '-7d');
  assert.deepEqual(await rowNumbers('Trends line chart: numbers', 'Chrome'), ['4', '0', '0', '2', '1', '0', '1', '0', '0']);
  await page.getByRole('link', { name: 'Traffic' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'No unsaved changes' }).waitFor();
});

test('the list shows the saved insight with its kind and creator, and search narrows it', async () => {
  await page.getByRole('link', { name: 'All insights' }).click();
  const row = page.getByRole('row', { name: /Pageviews by browser/ });
  await row.waitFor();
  assert.deepEqual((await row.locator('td').allTextContents()).filter((_, i) => i !== 2), ['Pageviews by browser', 'Trends', 'Olivia']);
  await session.screenshot('insights-list');
  await page.getByLabel('Search insights').fill('nothing like this');
  await page.getByText('No insight matches “nothing like this”.').waitFor();
  await page.getByLabel('Search insights').fill('browser');
  await row.waitFor();
  await row.getByRole('link').click();
  await page.waitForURL(new RegExp(`/insights/${savedShortId}$`));
});

test('stickiness counts persons by days active over the same range', async () => {
  await page.getByRole('tab', { name: 'Stickiness' }).click();
  await page.getByRole('tab', { name: 'Stickiness', selected: true }).waitFor();
  const table = 'Stickiness chart: numbers';
  // bob was active on 2 days, alice on 3.
  assert.deepEqual((await rowNumbers(table, /\$pageview/)).slice(0, 4), ['0', '1', '1', '0']);
  const headers = await page.getByRole('table', { name: table }).getByRole('columnheader').allTextContents();
  assert.deepEqual(headers.slice(0, 4), ['Series', '1 day', '2 days', '3 days']);
  await session.screenshot('insight-stickiness');
  await page.getByRole('button', { name: '1, $pageview, 2 days: show persons' }).click();
  const dialog = page.getByRole('dialog', { name: 'Persons: $pageview, active 2 days' });
  await dialog.getByRole('link', { name: 'bob@example.com' }).waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('lifecycle shows new, returning, resurrecting and dormant persons by day', async () => {
  await page.getByRole('tab', { name: 'Lifecycle' }).click();
  const table = 'Lifecycle chart: numbers';
  //                                          total  7  6  5  4  3  2  1  0 days ago
  assert.deepEqual(await rowNumbers(table, 'New'), ['2', '0', '0', '1', '0', '0', '1', '0', '0']);
  assert.deepEqual(await rowNumbers(table, 'Returning'), ['2', '0', '0', '0', '1', '0', '0', '1', '0']);
  assert.deepEqual(await rowNumbers(table, 'Resurrecting'), ['1', '0', '0', '0', '0', '0', '1', '0', '0']);
  assert.deepEqual(await rowNumbers(table, 'Dormant'), ['-3', '0', '0', '0', '0', '-1', '0', '-1', '-1']);
  await page.getByRole('img', { name: /^Lifecycle chart: New 2; Returning 2; Resurrecting 1; Dormant -3$/ }).waitFor();
  await session.screenshot('insight-lifecycle');
  await page.getByRole('button', { name: `1, Resurrecting, ${LAST_7_DAYS[5]}: show persons` }).click();
  const dialog = page.getByRole('dialog', { name: `Persons: resurrecting on ${LAST_7_DAYS[5]}` });
  await dialog.getByRole('link', { name: 'alice@example.com' }).waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('a query that takes long shows its progress and can be cancelled, which cancels it on the server', async () => {
  // Hold every poll of a running query, as a slow query would keep answering "not yet".
  let releasePolls!: () => void;
  const polls = new Promise<void>((resolve) => (releasePolls = resolve));
  const hold = async (route: Route) => {
    if (route.request().method() !== 'GET') return route.continue();
    await polls;
    await route.continue().catch(() => undefined);
  };
  await page.route(/\/api\/projects\/1\/query\/[^/]+\/$/, hold);
  const started = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/projects/1/query/'));
  await page.getByLabel('Interval').selectOption('week');
  const queryId: string = (await (await started).json()).query_status.id;

  await page.getByRole('status').filter({ hasText: /Calculating \(\d+\.\d s\)/ }).waitFor();
  await session.screenshot('insight-long-query');
  const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE');
  await page.getByRole('button', { name: 'Cancel' }).click();
  const answer = await deleted;
  assert.equal(new URL(answer.url()).pathname, `/api/projects/1/query/${queryId}/`);
  assert.equal(answer.status(), 200);
  const message = (await answer.json()).message;
  assert.match(message, /^Query (cancelled|already complete)$/);
  // A query cancelled while running is forgotten by the server: polling it again finds nothing.
  if (message === 'Query cancelled') assert.equal((await api(session.warren, 'GET', `/api/projects/1/query/${queryId}/`)).status, 404);
  await page.getByText('Calculation cancelled.').waitFor();
  assert.equal(await page.getByRole('table', { name: 'Lifecycle chart: numbers' }).count(), 0);

  releasePolls();
  await page.unroute(/\/api\/projects\/1\/query\/[^/]+\/$/, hold);
  await page.getByRole('button', { name: 'Calculate again' }).click();
  await page.getByRole('table', { name: 'Lifecycle chart: numbers' }).waitFor();
});
