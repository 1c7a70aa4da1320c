import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { newDesktopContext } from '../support/browser.js';
import { openScreen, openWebApp, SCREENSHOT_DIR, type WebAppSession } from '../support/web-app.js';
import { CHROME_MAC, sendVisits, type WebVisit } from '../support/web-visits.js';

/*
 * The web analytics page shared as a public read-only link. Three visits (the place set as GeoIP would):
 *   ann  an hour ago       / then /pricing   Desktop  DE
 *   ben  an hour ago       /                 Mobile   US
 *   cy   10 minutes ago    /blog             Desktop  US   (the live count's only visitor)
 * -> visitors 3, pageviews 4, sessions 3. Filtered by Country = Germany: visitors 1, pageviews 2.
 * The owner turns sharing on; a signed-out browser opens the link and sees those figures, can filter, cannot run
 * any other query through the link; turning sharing off, or resetting the link, stops the old link at once.
 */
const P = '/api/projects/1';
let session: WebAppSession;
let page: Page;
let visitor: BrowserContext;
let publicPage: Page;
let shareLink = '';
let token = '';

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
  const start = Date.now() - 3_600_000;
  const visit = (person: string, begin: number, paths: string[], device: WebVisit['device'], country: string): WebVisit => ({
    person,
    views: paths.map((pathname, i) => ({ at: new Date(begin + i * 20_000), path: pathname })),
    device,
    country,
  });
  const sent = await sendVisits(session.warren, [
    visit('ann', start, ['/', '/pricing'], 'Desktop', 'DE'),
    visit('ben', start + 60_000, ['/'], 'Mobile', 'US'),
    visit('cy', Date.now() - 600_000, ['/blog'], 'Desktop', 'US'),
  ]);
  await eventually(async () => Number((await hogql(session.warren, 'select count() from events')).results[0]![0]) === sent);
  visitor = await newDesktopContext(session.browser);
  publicPage = await visitor.newPage();
  publicPage.setDefaultTimeout(20_000);
});
after(async () => {
  await visitor?.close();
  await session?.close();
});

async function figure(p: Page, label: string): Promise<string> {
  return (await p.getByRole('group', { name: label, exact: true }).locator('.web-figure-value').textContent()) ?? '';
}

async function publicQuery(accessToken: string, query: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${session.warren.url}/api/shared/${accessToken}/query/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: await res.json() };
}

test('the owner turns on a public link to the web analytics page', async () => {
  const before = await api(session.warren, 'GET', `${P}/web_analytics/sharing/`);
  assert.deepEqual([before.status, before.body.enabled, before.body.access_token], [200, false, null], 'not shared until asked');
  await openScreen(session, 'web');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share web analytics' });
  await dialog.getByLabel(/Share publicly/).check();
  const linkInput = dialog.getByLabel('Public link');
  await linkInput.waitFor();
  shareLink = await linkInput.inputValue();
  assert.match(shareLink, new RegExp(`^${session.warren.url}/shared/web/[A-Za-z0-9_-]{16,}$`));
  token = shareLink.split('/').at(-1)!;
  const sharing = await api(session.warren, 'GET', `${P}/web_analytics/sharing/`);
  assert.deepEqual([sharing.body.enabled, sharing.body.access_token], [true, token]);
  await session.screenshot('web-analytics-share');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('a signed-out visitor with the link sees the same figures, chart, tables and map, and can filter them', async () => {
  const failed: string[] = [];
  publicPage.on('response', (r) => {
    // A 429 (the project's query slots all taken) is asked again by the page after the server's Retry-After.
    if (r.url().includes('/api/') && r.status() >= 400 && r.status() !== 429) failed.push(`${r.status()} ${r.url()}`);
  });
  await publicPage.goto(shareLink);
  await publicPage.getByRole('heading', { level: 1, name: /web analytics$/ }).waitFor();
  await eventually(async () => (await figure(publicPage, 'Visitors')) === '3', 30_000);
  assert.equal(await figure(publicPage, 'Pageviews'), '4');
  assert.equal(await figure(publicPage, 'Sessions'), '3');
  await publicPage.getByRole('img', { name: 'Visitors and pageviews over time: Visitors 3, Pageviews 4', exact: true }).waitFor();
  await publicPage.getByRole('img', { name: 'Visitors by country: United States 2, Germany 1', exact: true }).waitFor();
  await publicPage.getByRole('table', { name: 'Top pages' }).getByRole('button', { name: '/pricing' }).waitFor();
  assert.match((await publicPage.getByRole('region', { name: 'Live' }).textContent()) ?? '', /^1 visitor and 1 pageview in the last 30 minutes$/);
  assert.equal(publicPage.url(), shareLink, 'no redirect to the login page');
  assert.equal(await publicPage.getByRole('button', { name: /Share|Refresh/ }).count(), 0, 'nothing to change or recompute');
  await eventually(async () => (await publicPage.locator('[aria-busy="true"], .spinner').count()) === 0);
  await publicPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-analytics-shared.png'), fullPage: true });

  await publicPage.getByRole('tab', { name: 'Countries' }).click();
  await publicPage.getByRole('table', { name: 'Countries' }).getByRole('button', { name: '🇩🇪 Germany' }).click();
  await publicPage.getByRole('region', { name: 'Active filters' }).getByText('Country is 🇩🇪 Germany').waitFor();
  await eventually(async () => (await figure(publicPage, 'Visitors')) === '1' && (await figure(publicPage, 'Pageviews')) === '2', 20_000);
  await publicPage.getByLabel('Compare to previous period').check();
  await publicPage.getByRole('group', { name: 'Visitors', exact: true }).locator('.web-figure-previous').waitFor();
  await eventually(async () => (await publicPage.locator('[aria-busy="true"], .spinner').count()) === 0);
  await publicPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-analytics-shared-filtered.png'), fullPage: true });
  assert.deepEqual(failed, [], 'every query of the page was answered through the link');
  assert.equal(await publicPage.locator('.error-notice, [role="alert"]').count(), 0, 'no part of the page shows an error');
});

test('the link runs only the page`s own queries', async () => {
  const ok = await publicQuery(token, { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [] });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const refused = [
    { kind: 'HogQLQuery', query: 'SELECT distinct_id, properties FROM events' },
    { kind: 'EventsQuery', select: ['*'] },
    { kind: 'ActorsQuery', source: { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [] } },
    { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [{ type: 'person', key: 'email', operator: 'exact', value: ['a@b.c'] }] },
    { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [{ type: 'event', key: '$raw_user_agent', operator: 'exact', value: [CHROME_MAC] }] },
  ];
  for (const query of refused) {
    const res = await publicQuery(token, query);
    assert.equal(res.status, 400, JSON.stringify(query));
    assert.equal(res.body.attr, 'query');
  }
  assert.equal((await publicQuery('not-a-real-token-at-all', { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [] })).status, 404);
});

test('turning sharing off or resetting the link stops the old link at once', async () => {
  const overview = { kind: 'WebOverviewQuery', dateRange: { date_from: '-7d' }, properties: [] };
  assert.equal((await api(session.warren, 'PATCH', `${P}/web_analytics/sharing/`, { enabled: false })).status, 200);
  assert.equal((await publicQuery(token, overview)).status, 404);
  await publicPage.reload();
  await publicPage.getByRole('heading', { name: 'Link not found' }).waitFor();

  const again = await api(session.warren, 'PATCH', `${P}/web_analytics/sharing/`, { enabled: true });
  assert.equal(again.body.access_token, token, 'turned back on, it is the same link');
  assert.equal((await publicQuery(token, overview)).status, 200);
  const rotated = await api(session.warren, 'POST', `${P}/web_analytics/sharing/refresh/`);
  assert.notEqual(rotated.body.access_token, token);
  assert.equal((await publicQuery(token, overview)).status, 404, 'the old link is dead');
  assert.equal((await publicQuery(rotated.body.access_token, overview)).status, 200);
});
