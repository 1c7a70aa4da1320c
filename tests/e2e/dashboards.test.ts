import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, newDesktopContext } from '../support/browser.js';
import { openScreen, openWebApp, SCREENSHOT_DIR, type WebAppSession } from '../support/web-app.js';

/*
 * The dashboards screens driven as a user would. Seeded through the REST API: one saved trends insight ("Pageviews
 * trend": $pageview by day over the last 30 days) and three pageviews at noon UTC 1, 3 and 20 days ago, so the
 * insight counts 3 pageviews on its own dates and 2 with the dashboard's "Last 7 days".
 */
let session: WebAppSession;
let page: Page;
let pageErrors: string[] = [];
let dashboardId = 0;
let insightId = 0;
let shareLink = '';
const P = '/api/projects/1';
const DAY_MS = 86_400_000;
const INSIGHT = 'Pageviews trend';
const DASHBOARD = 'Growth review';

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
  pageErrors = collectPageErrors(page);
  const { warren } = session;
  const noonDaysAgo = (n: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - n * DAY_MS + 12 * 3_600_000).toISOString();
  const batch = [1, 3, 20].map((n) => ({ event: '$pageview', distinct_id: `visitor-${n}`, timestamp: noonDaysAgo(n) }));
  const res = await fetch(`${warren.url}/batch/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: warren.token, batch }) });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0]![0]) === 3);
  const query = {
    kind: 'InsightVizNode',
    source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview', name: '$pageview' }], interval: 'day', dateRange: { date_from: '-30d' } },
  };
  const insight = await api(warren, 'POST', `${P}/insights/`, { name: INSIGHT, description: 'Every pageview, by day', query, saved: true });
  assert.equal(insight.status, 201, JSON.stringify(insight.body));
  insightId = insight.body.id;
});
after(async () => {
  await session?.close();
});

const ok = async (method: string, path: string, body?: unknown) => {
  const res = await api(session.warren, method, path, body);
  assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const stored = () => ok('GET', `${P}/dashboards/${dashboardId}/`);
const tileWith = (dashboard: { tiles: any[] }, kind: 'insight' | 'text') => dashboard.tiles.find((t) => (kind === 'insight' ? t.insight : t.text));
const insightTile = () => page.getByRole('article', { name: INSIGHT });
const textTile = () => page.getByRole('article', { name: 'Text' });
/** Resolves on the next dashboard PATCH's answer (a layout, filter or tile change saved). */
const saved = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === `${P}/dashboards/${dashboardId}/` && r.ok());

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  assert.ok(b, 'the tile is on screen');
  return b;
}

test('the dashboards list starts empty and teaches; a new dashboard is created from it and opens empty', async () => {
  await openScreen(session, 'dashboards');
  await page.getByRole('heading', { name: 'No dashboards yet' }).waitFor();
  await session.screenshot('dashboards-empty');
  await page.getByRole('button', { name: 'New dashboard' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New dashboard' });
  await dialog.getByLabel('Name').fill(DASHBOARD);
  await dialog.getByLabel('Description').fill('What moved this week');
  await dialog.getByRole('button', { name: 'Create dashboard' }).click();
  await page.waitForURL(/\/project\/1\/dashboards\/\d+$/);
  dashboardId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('heading', { level: 1, name: DASHBOARD }).waitFor();
  await page.getByRole('heading', { name: 'This dashboard is empty' }).waitFor();
  const list = await ok('GET', `${P}/dashboards/`);
  assert.deepEqual(
    list.results.map((d: any) => [d.id, d.name, d.description, d.tiles_count, d.creation_mode]),
    [[dashboardId, DASHBOARD, 'What moved this week', 0, 'default']],
  );
});

test('a saved insight is added from the dashboard, and its tile runs the insight query', async () => {
  await page.getByRole('button', { name: 'Add insight' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add insight' });
  await dialog.getByLabel('Search saved insights').fill('pageviews');
  const ran = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `${P}/query/` && (r.postData() ?? '').includes('"TrendsQuery"'));
  await dialog.getByRole('button', { name: `Add ${INSIGHT}` }).click();
  await dialog.waitFor({ state: 'detached' });
  await insightTile().getByRole('link', { name: INSIGHT }).waitFor();
  const query = JSON.parse((await ran).postData()!).query;
  assert.equal(query.dateRange.date_from, '-30d', "the tile runs the insight's own dates while the dashboard has none");
  const dashboard = await stored();
  assert.deepEqual(dashboard.tiles.map((t: any) => t.insight?.id), [insightId]);
  assert.deepEqual(tileWith(dashboard, 'insight').layouts.sm, { x: 0, y: 0, w: 6, h: 5, minW: 3, minH: 4 });
});

test('a text tile is added and drawn as text (HTML in it stays characters), then edited', async () => {
  await page.getByRole('button', { name: 'Add text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add text' });
  await dialog.getByLabel('Text').fill('## Notes\nSignups are **up** this week.\n<img src=x onerror="window.hacked=1">');
  await dialog.getByRole('button', { name: 'Save text' }).click();
  await dialog.waitFor({ state: 'detached' });
  await textTile().getByRole('heading', { name: 'Notes' }).waitFor();
  assert.equal(await textTile().locator('strong').textContent(), 'up');
  await textTile().getByText('<img src=x onerror="window.hacked=1">').waitFor();
  assert.equal(await textTile().locator('img').count(), 0, 'no element was made from the text');
  assert.equal(await page.evaluate(() => (window as { hacked?: number }).hacked), undefined);

  await textTile().getByRole('button', { name: 'Edit text' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit text' });
  await edit.getByLabel('Text').fill('## Notes\nSignups are **up** this week.');
  await edit.getByRole('button', { name: 'Save text' }).click();
  await edit.waitFor({ state: 'detached' });
  await textTile().getByText('<img', { exact: false }).waitFor({ state: 'detached' });
  assert.equal(tileWith(await stored(), 'text').text.body, '## Notes\nSignups are **up** this week.');
  await session.screenshot('dashboard');
});

test('in arrange mode a tile dragged beside another stays there after a reload; the keyboard buttons move it back', async () => {
  await page.getByRole('button', { name: 'Arrange tiles' }).click();
  const before = tileWith(await stored(), 'text').layouts.sm;
  assert.deepEqual([before.x, before.y], [0, 5], 'the text tile was placed under the insight');
  const insightBox = await box(insightTile());
  const handle = await box(textTile().locator('header'));
  const done = saved();
  await page.mouse.move(handle.x + 30, handle.y + 12);
  await page.mouse.down();
  await page.mouse.move(insightBox.x + insightBox.width + 60, insightBox.y + 12, { steps: 20 });
  await page.mouse.up();
  await done;
  const moved = tileWith(await stored(), 'text').layouts.sm;
  assert.deepEqual([moved.x, moved.y, moved.w, moved.h], [6, 0, 6, 2], 'the server stored the new place');
  await session.screenshot('dashboard-arranged');

  await page.reload();
  await textTile().getByRole('heading', { name: 'Notes' }).waitFor();
  const [text, insight] = [await box(textTile()), await box(insightTile())];
  assert.ok(text.x > insight.x + insight.width / 2, `the text tile is right of the insight after a reload (${text.x} vs ${insight.x})`);
  assert.ok(Math.abs(text.y - insight.y) < 2, 'and level with it');

  await page.getByRole('button', { name: 'Arrange tiles' }).click();
  const keyed = saved();
  await page.getByRole('button', { name: 'Move earlier: Text' }).focus();
  await page.keyboard.press('Enter');
  await keyed;
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move earlier: Text');
  const layouts = await stored();
  assert.deepEqual(
    [tileWith(layouts, 'text').layouts.sm.x, tileWith(layouts, 'insight').layouts.sm.x],
    [0, 6],
    'moving the text earlier puts it first and the insight beside it',
  );
  await page.getByRole('button', { name: 'Done arranging' }).click();
});

test('a date range for all tiles is saved on the dashboard and every tile runs its query with it', async () => {
  const ran = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `${P}/query/` && (r.postData() ?? '').includes('"-7d"'));
  const done = saved();
  await page.getByLabel('Date range for all tiles').selectOption({ label: 'Last 7 days' });
  await done;
  assert.deepEqual(JSON.parse((await ran).postData()!).query.dateRange, { date_from: '-7d', date_to: null, explicitDate: false });
  await page.getByText('Every insight below shows last 7 days').waitFor();
  const dashboard = await stored();
  assert.deepEqual(dashboard.persisted_filters, { date_from: '-7d', date_to: null });
  assert.equal(tileWith(dashboard, 'insight').insight.query.source.dateRange.date_from, '-7d');
  const computed = await ok('GET', `${P}/dashboards/${dashboardId}/?refresh=blocking`);
  const counts = tileWith(computed, 'insight').insight.result[0].data as number[];
  assert.equal(counts.reduce((a, b) => a + b, 0), 2, 'the pageview 20 days ago is outside the last 7 days');
});

test('Refresh recalculates every tile and says when they were last refreshed', async () => {
  await page.getByText(/Last refreshed/).waitFor();
  const forced = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `${P}/query/` && JSON.parse(r.postData() ?? '{}').refresh === 'force_async');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await forced;
  await page.getByText(/Last refreshed (now|\d+ seconds? ago)/).waitFor();
});

test('sharing gives a public link that shows the dashboard read-only to a signed-out visitor', async () => {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share dashboard' });
  await dialog.getByLabel(/Share publicly/).check();
  const linkInput = dialog.getByLabel('Public link');
  await linkInput.waitFor();
  shareLink = await linkInput.inputValue();
  assert.match(shareLink, new RegExp(`^${session.warren.url}/shared/[A-Za-z0-9_-]{16,}$`));
  await session.screenshot('dashboard-share');
  const sharing = await ok('GET', `${P}/dashboards/${dashboardId}/sharing/`);
  assert.equal(sharing.enabled, true);
  assert.equal(shareLink.endsWith(`/shared/${sharing.access_token}`), true);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const json = await fetch(shareLink, { headers: { accept: 'application/json' } });
  assert.equal((await json.json()).dashboard.id, dashboardId, 'API clients still get JSON at the link');
  const html = await fetch(shareLink, { headers: { accept: 'text/html' } });
  assert.match(html.headers.get('content-type') ?? '', /text\/html/, 'a browser gets the web app');

  const visitor = await newDesktopContext(session.browser);
  try {
    const publicPage = await visitor.newPage();
    await publicPage.goto(shareLink);
    await publicPage.getByRole('heading', { level: 1, name: DASHBOARD }).waitFor();
    await publicPage.getByRole('article', { name: INSIGHT }).waitFor();
    await publicPage.getByRole('article', { name: 'Text' }).getByRole('heading', { name: 'Notes' }).waitFor();
    await publicPage.getByText('Date range: Last 7 days').waitFor();
    assert.equal(await publicPage.getByRole('button', { name: /Remove|Arrange|Add insight/ }).count(), 0, 'nothing to change');
    assert.equal(publicPage.url(), shareLink, 'no redirect to the login page');
    await publicPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'shared-dashboard.png'), fullPage: true });

    await ok('PATCH', `${P}/dashboards/${dashboardId}/sharing/`, { enabled: false });
    await publicPage.reload();
    await publicPage.getByRole('heading', { name: 'Link not found' }).waitFor();
  } finally {
    await visitor.close();
  }
});

test('the list shows the tiles count and who made it, and deleting from the list soft-deletes the dashboard', async () => {
  await openScreen(session, 'dashboards');
  const row = page.getByRole('row', { name: new RegExp(DASHBOARD) });
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[2], '2', 'two tiles');
  assert.equal(cells[3], 'Olivia');
  await page.getByLabel('Search dashboards').fill('nothing like it');
  await page.getByRole('heading', { name: 'No dashboard matches' }).waitFor();
  await page.getByLabel('Search dashboards').fill('growth');
  await row.waitFor();
  await session.screenshot('dashboards-list');
  await row.getByRole('button', { name: `Delete ${DASHBOARD}` }).click();
  await page.getByRole('dialog', { name: 'Delete dashboard' }).getByRole('button', { name: 'Delete dashboard' }).click();
  await page.getByRole('heading', { name: 'No dashboard matches' }).waitFor();
  assert.equal((await api(session.warren, 'GET', `${P}/dashboards/${dashboardId}/`)).status, 404);
  assert.equal((await api(session.warren, 'GET', `${P}/insights/${insightId}/`)).status, 200, 'the insight stays');
});

test('a dashboard started from the product-analytics starter opens with its five insight tiles', async () => {
  await page.getByRole('button', { name: 'New dashboard' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New dashboard' });
  await dialog.getByLabel('Name').fill('Starter');
  await dialog.getByLabel(/Product analytics starter/).check();
  await dialog.getByRole('button', { name: 'Create dashboard' }).click();
  await page.waitForURL(/\/project\/1\/dashboards\/\d+$/);
  await page.getByRole('article', { name: 'Daily active users (DAUs)' }).waitFor();
  assert.equal(await page.getByRole('article').count(), 5);
  await page.getByText(/Last refreshed/).waitFor();
  await session.screenshot('dashboard-starter');
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const starter = await ok('GET', `${P}/dashboards/${id}/`);
  assert.equal(starter.creation_mode, 'template');
  assert.equal(starter.tiles.length, 5);

  // On a narrow screen the tiles stack in one column, in reading order.
  await page.setViewportSize({ width: 700, height: 900 });
  try {
    await page.locator('.dashboard-stack').waitFor();
    const boxes = await Promise.all((await page.getByRole('article').all()).map((a) => box(a)));
    assert.ok(boxes.every((b) => Math.abs(b.x - boxes[0]!.x) < 1), 'one column');
    assert.ok(boxes.every((b, i) => i === 0 || b.y > boxes[i - 1]!.y), 'top to bottom in page order');
    assert.equal(await page.getByRole('article').first().getAttribute('aria-label'), 'Daily active users (DAUs)');
    await session.screenshot('dashboard-narrow');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('no screen threw along the way', () => {
  assert.deepEqual(pageErrors.filter((e) => e.startsWith('pageerror')), []);
});
