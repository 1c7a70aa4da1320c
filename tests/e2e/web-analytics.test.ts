import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { TEST_PROJECT_TOKEN } from '../support/spawn-warren.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';
import { sendVisits, type WebVisit } from '../support/web-visits.js';

/*
 * The web analytics page over pageviews sent through /batch/ (UTC, the project's timezone; "N days ago" is at the
 * time given on that day). Properties are set as posthog-js would send them, with the place set directly (GeoIP of
 * loopback is nothing).
 *
 * Last 7 days (the default range: 7 days ago 00:00 through today):
 *   alice  2 days ago 10:00:00 /, 10:00:30 /pricing, 10:02:00 /signup  Desktop  US  from www.google.com (Organic Search)
 *          -> 3 views, 120 s, not a bounce
 *   bob    1 day ago 09:00 /blog                                        Mobile   DE  utm_source=newsletter, medium email (Email)
 *          -> 1 view, 0 s, a bounce
 *   carol  3 days ago 15:00:00 /, 15:00:05 /pricing                    Desktop  GB  direct
 *          -> 2 views, 5 s, not a bounce (two views)
 *   dave   5 and 4 minutes ago /, /pricing                             Mobile   US  direct
 *          -> 2 views, 60 s, not a bounce; the live count's only visitor
 *   a crawler (Googlebot user agent) 2 days ago / and 3 minutes ago /pricing   left out everywhere
 * Figures: visitors 4, views 3+1+2+2 = 8, sessions 4, duration (120+0+5+60)/4 = 46.25 s -> 46s, bounce 1/4 = 25%.
 * Chart: unique visitors a day summed 4 (one each on different days), pageviews 8.
 *
 * The period before (the 8 days before 7 days ago):
 *   frank  10 days ago 12:00 /                           Desktop  US  from www.google.com  -> 1 view, 0 s, a bounce
 *   gina    9 days ago 12:00:00 /pricing, 12:00:20 /signup  Desktop  GB  direct          -> 2 views, 20 s
 * Previous figures: visitors 2, views 3, sessions 2, duration 10s, bounce 50%; so the changes are
 * visitors +100%, views +167% (5/3), sessions +100%, duration +363% (36.25/10), bounce -50% (good news).
 *
 * Filtered:
 *   Device type = Mobile (session property): bob, dave -> visitors 2, views 3, sessions 2, duration 30s, bounce 50%
 *   and Channel = Direct (session property): dave -> 1, 2, 1, 1m 0s, 0%
 *   Channel = Direct alone: carol, dave -> 2, 4, 2, (5+60)/2 = 32.5 -> 33s, 0%
 */
let session: WebAppSession;
let page: Page;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const at = (daysAgo: number, time: string) => new Date(today - daysAgo * DAY_MS + Date.parse(`1970-01-01T${time}Z`));
const minutesAgo = (n: number) => new Date(Date.now() - n * MINUTE_MS);

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const send = (visits: WebVisit[]) => sendVisits(session.warren, visits);

const SEEDED: WebVisit[] = [
  { person: 'alice', views: [{ at: at(2, '10:00:00'), path: '/' }, { at: at(2, '10:00:30'), path: '/pricing' }, { at: at(2, '10:02:00'), path: '/signup' }], device: 'Desktop', country: 'US', referringDomain: 'www.google.com' },
  { person: 'bob', views: [{ at: at(1, '09:00:00'), path: '/blog' }], device: 'Mobile', country: 'DE', utm: { utm_source: 'newsletter', utm_medium: 'email' } },
  { person: 'carol', views: [{ at: at(3, '15:00:00'), path: '/' }, { at: at(3, '15:00:05'), path: '/pricing' }], device: 'Desktop', country: 'GB' },
  { person: 'dave', views: [{ at: minutesAgo(5), path: '/' }, { at: minutesAgo(4), path: '/pricing' }], device: 'Mobile', country: 'US' },
  { person: 'crawler', views: [{ at: at(2, '11:00:00'), path: '/' }], device: 'Desktop', country: 'US', userAgent: GOOGLEBOT },
  { person: 'crawler', views: [{ at: minutesAgo(3), path: '/pricing' }], device: 'Desktop', country: 'US', userAgent: GOOGLEBOT },
  { person: 'frank', views: [{ at: at(10, '12:00:00'), path: '/' }], device: 'Desktop', country: 'US', referringDomain: 'www.google.com' },
  { person: 'gina', views: [{ at: at(9, '12:00:00'), path: '/pricing' }, { at: at(9, '12:00:20'), path: '/signup' }], device: 'Desktop', country: 'GB' },
];

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
});
after(async () => {
  await session?.close();
});

/** Waits until nothing on the page is loading (before a screenshot). */
async function settled(): Promise<void> {
  await eventually(async () => (await page.locator('[aria-busy="true"], .spinner').count()) === 0);
}

/** The figures as shown, by label. */
async function figures(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const label of ['Visitors', 'Pageviews', 'Sessions', 'Session duration', 'Bounce rate']) {
    out[label] = (await page.getByRole('group', { name: label, exact: true }).locator('.web-figure-value').textContent()) ?? '';
  }
  return out;
}

/** Waits until the figures read `expected` (queries answer a moment after a click). */
async function figuresBecome(expected: Record<string, string>): Promise<void> {
  let last: Record<string, string> = {};
  try {
    await eventually(async () => {
      last = await figures();
      return JSON.stringify(last) === JSON.stringify(expected);
    }, 20_000);
  } catch {
    assert.deepEqual(last, expected);
  }
}

test('a project without pageviews teaches the snippet, and fills in by itself when the first views arrive', async () => {
  await openScreen(session, 'web');
  await page.getByRole('heading', { name: 'No pageviews yet' }).waitFor();
  assert.ok((await page.getByRole('tabpanel').textContent())?.includes(TEST_PROJECT_TOKEN), 'the snippet carries the project token');
  await session.screenshot('web-analytics-empty');

  const sent = await send(SEEDED);
  await eventually(async () => Number((await hogql(session.warren, 'select count() from events')).results[0]![0]) === sent);
  // The first web query of a fresh server pays a one-time engine cost; pay it outside the browser's waits.
  const warm = { kind: 'WebOverviewQuery', dateRange: { date_from: '-90d' }, properties: [] };
  await eventually(async () => (await api(session.warren, 'POST', '/api/projects/1/query/', { query: warm, refresh: 'force_blocking' })).status === 200, 60_000);

  await page.getByRole('group', { name: 'Visitors', exact: true }).waitFor({ timeout: 30_000 });
  await figuresBecome({ Visitors: '4', Pageviews: '8', Sessions: '4', 'Session duration': '46s', 'Bounce rate': '25%' });
});

test('the chart shows visitors and pageviews of the range, the crawler left out', async () => {
  await page.getByRole('img', { name: 'Visitors and pageviews over time: Visitors 4, Pageviews 8', exact: true }).waitFor();
  await page.getByText('Show the numbers').click();
  const rows = page.getByRole('table', { name: 'Visitors and pageviews by interval' }).getByRole('row');
  // A header and the 8 days of the range.
  assert.equal(await rows.count(), 1 + 8);
  assert.deepEqual(await rows.nth(1 + 5).locator('td').allTextContents(), ['1', '3'], '2 days ago: alice, 3 views');
  await page.getByText('Show the numbers').click();
});

/** The numbers of the row of `value` in a table, as shown. */
async function rowCells(table: string, value: string): Promise<string[]> {
  const row = page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('button', { name: value, exact: true }) });
  await row.waitFor();
  return row.locator('td').allTextContents();
}

test('the tables list pages, sources, devices and places of the range', async () => {
  // Visitors, views, and the bounce rate of the sessions that began on the page (none began on /pricing).
  assert.deepEqual(await rowCells('Top pages', '/'), ['3', '3', '0%']);
  assert.deepEqual(await rowCells('Top pages', '/pricing'), ['3', '3', '–']);
  assert.deepEqual(await rowCells('Top pages', '/blog'), ['1', '1', '100%']);
  assert.deepEqual(await rowCells('Top pages', '/signup'), ['1', '1', '–']);
  assert.deepEqual(await rowCells('Channels', 'Direct'), ['2', '4', '0%']);
  assert.deepEqual(await rowCells('Channels', 'Organic Search'), ['1', '3', '0%']);
  assert.deepEqual(await rowCells('Channels', 'Email'), ['1', '1', '100%']);
  assert.deepEqual(await rowCells('Device type', 'Mobile'), ['2', '3']);
  assert.deepEqual(await rowCells('Device type', 'Desktop'), ['2', '5']);
  await page.getByRole('tab', { name: 'Countries' }).click();
  const countries = page.getByRole('table', { name: 'Countries' });
  assert.deepEqual(await rowCells('Countries', '🇺🇸 United States'), ['2', '5']);
  assert.deepEqual(await rowCells('Countries', '🇩🇪 Germany'), ['1', '1']);
  assert.equal(await countries.getByRole('row').count(), 1 + 3, 'a header, then US, GB and DE');
  await page.getByRole('tab', { name: 'Entry pages' }).click();
  // Sessions by where they began: alice, carol and dave on / (3 + 2 + 2 views), bob on /blog.
  assert.deepEqual(await rowCells('Entry pages', '/'), ['3', '7', '0%']);
  assert.equal(await page.getByRole('table', { name: 'Entry pages' }).getByRole('row').count(), 1 + 2, '/ and /blog only');
  await page.getByRole('tab', { name: 'Exit pages' }).click();
  // ...and where they ended: carol and dave on /pricing, alice on /signup, bob on /blog.
  assert.deepEqual(await rowCells('Exit pages', '/pricing'), ['2', '4']);
  assert.deepEqual(await rowCells('Exit pages', '/signup'), ['1', '3']);
  await page.getByRole('tab', { name: 'Top pages' }).click();
  await page.getByRole('table', { name: 'Top pages' }).waitFor();
  await settled();
  await session.screenshot('web-analytics');
});

test('compare shows the previous period beside each figure, a lower bounce rate as good news', async () => {
  await page.getByLabel('Compare to previous period').check();
  await page.waitForURL(/compare=1/);
  const previous = async (label: string) => (await page.getByRole('group', { name: label, exact: true }).locator('.web-figure-previous').textContent())?.trim();
  await eventually(async () => (await previous('Visitors')) === '↑ 100% (better) was 2');
  assert.equal(await previous('Pageviews'), '↑ 167% (better) was 3');
  assert.equal(await previous('Sessions'), '↑ 100% (better) was 2');
  assert.equal(await previous('Session duration'), '↑ 363% (better) was 10s');
  assert.equal(await previous('Bounce rate'), '↓ 50% (better) was 50%');
  assert.equal(await page.getByRole('group', { name: 'Bounce rate', exact: true }).locator('.web-change-good').count(), 1);
  await page.getByRole('img', { name: /Visitors \(previous period\) 2, Pageviews \(previous period\) 3$/ }).waitFor();
  await settled();
  await session.screenshot('web-analytics-compare');
  await page.getByLabel('Compare to previous period').uncheck();
  await page.getByRole('group', { name: 'Visitors', exact: true }).locator('.web-figure-previous').waitFor({ state: 'detached' });
});

test('clicking rows filters the whole page; filters show as chips, survive a reload and come off again', async () => {
  await page.getByRole('table', { name: 'Device type' }).getByRole('button', { name: 'Mobile' }).click();
  await page.getByRole('region', { name: 'Active filters' }).getByText('Device type is Mobile').waitFor();
  await figuresBecome({ Visitors: '2', Pageviews: '3', Sessions: '2', 'Session duration': '30s', 'Bounce rate': '50%' });
  // The tables follow: no desktop device left.
  await page.getByRole('table', { name: 'Device type' }).getByRole('button', { name: 'Desktop' }).waitFor({ state: 'detached' });

  await page.getByRole('table', { name: 'Channels' }).getByRole('button', { name: 'Direct' }).click();
  await figuresBecome({ Visitors: '1', Pageviews: '2', Sessions: '1', 'Session duration': '1m 0s', 'Bounce rate': '0%' });
  await settled();
  await session.screenshot('web-analytics-filtered');

  // The view is its URL: a reload (or a shared link) shows the same.
  assert.match(page.url(), /f=session%7C%24device_type%7CMobile/);
  await page.reload();
  await page.getByRole('region', { name: 'Active filters' }).getByText('Channel is Direct').waitFor();
  await figuresBecome({ Visitors: '1', Pageviews: '2', Sessions: '1', 'Session duration': '1m 0s', 'Bounce rate': '0%' });

  await page.getByRole('button', { name: 'Remove filter: Device type is Mobile' }).click();
  await figuresBecome({ Visitors: '2', Pageviews: '4', Sessions: '2', 'Session duration': '33s', 'Bounce rate': '0%' });
  await page.getByRole('button', { name: 'Remove filter: Channel is Direct' }).click();
  await figuresBecome({ Visitors: '4', Pageviews: '8', Sessions: '4', 'Session duration': '46s', 'Bounce rate': '25%' });
  assert.equal(await page.getByRole('region', { name: 'Active filters' }).count(), 0);
});

test('row filters are buttons reachable from the keyboard', async () => {
  const button = page.getByRole('table', { name: 'Top pages' }).getByRole('button', { name: '/blog' });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Active filters' }).getByText('Page is /blog').waitFor();
  await figuresBecome({ Visitors: '1', Pageviews: '1', Sessions: '1', 'Session duration': '0s', 'Bounce rate': '100%' });
  await page.getByRole('button', { name: 'Remove filter: Page is /blog' }).click();
  await figuresBecome({ Visitors: '4', Pageviews: '8', Sessions: '4', 'Session duration': '46s', 'Bounce rate': '25%' });
});

test('a row of visits without a value (no UTM source) filters on "not set"', async () => {
  await page.getByRole('tab', { name: 'UTM sources' }).click();
  assert.deepEqual(await rowCells('UTM sources', 'newsletter'), ['1', '1', '100%']);
  await page.getByRole('table', { name: 'UTM sources' }).getByRole('button', { name: '(none)', exact: true }).click();
  await page.getByRole('region', { name: 'Active filters' }).getByText('UTM source is not set').waitFor();
  // alice, carol and dave: 3 + 2 + 2 views, (120 + 5 + 60) / 3 = 61.7 s.
  await figuresBecome({ Visitors: '3', Pageviews: '7', Sessions: '3', 'Session duration': '1m 2s', 'Bounce rate': '0%' });
  await page.getByRole('button', { name: 'Remove filter: UTM source is not set' }).click();
  await figuresBecome({ Visitors: '4', Pageviews: '8', Sessions: '4', 'Session duration': '46s', 'Bounce rate': '25%' });
});

test('goals are the project\'s actions: who reached them, how often, and what share of visitors', async () => {
  const created = await api(session.warren, 'POST', '/api/projects/1/actions/', { name: 'Reached signup', steps: [{ event: '$pageview', url: '/signup', url_matching: 'contains' }] });
  assert.equal(created.status, 201);
  // The goals answer from before the action existed is cached on the server; Refresh computes everything afresh.
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Only alice viewed /signup in the range: 1 of 4 visitors.
  const row = page.getByRole('table', { name: 'Goals' }).getByRole('row', { name: /Reached signup/ });
  await row.waitFor({ timeout: 30_000 });
  assert.deepEqual(await row.locator('td').allTextContents(), ['1', '1', '25%']);
});

test('the live count shows the last 30 minutes and follows new visitors without a reload', async () => {
  const live = page.getByRole('region', { name: 'Live' });
  await eventually(async () => (await live.textContent()) === '1 visitor and 2 pageviews in the last 30 minutes');
  await page.evaluate(() => Object.assign(window, { __warrenSamePage: true }));
  await send([{ person: 'erin', views: [{ at: minutesAgo(0), path: '/' }], device: 'Desktop', country: 'DE' }]);
  await eventually(async () => (await live.textContent()) === '2 visitors and 3 pageviews in the last 30 minutes', 20_000);
  assert.equal(await page.evaluate(() => (window as unknown as { __warrenSamePage?: boolean }).__warrenSamePage), true, 'no reload happened');
});
