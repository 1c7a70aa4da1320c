import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PostHog } from 'posthog-node';
import { flagHash } from '@warren/flags/hash';
import { api } from '../support/api-client.js';
import { newDesktopContext } from '../support/browser.js';
import { snippetScript } from '../support/posthog-snippet.js';
import { startSite, type Site } from '../support/site-server.js';
import { OWNER, openWebApp, type WebAppSession } from '../support/web-app.js';

// The proof, as one team's first morning with Warren, through the screens only: the owner signs up on a
// fresh install; an event sent by posthog-node shows up in the live stream without a paste or a reload; a trends
// insight and a funnel are built, saved and put on one dashboard; a flag made at 5 % is seen by posthog-js on
// another site's page, and turned off there with the kill switch. Each step is checked on screen and in the API.

declare const posthog: { __loaded?: boolean; isFeatureEnabled(key: string): boolean | undefined };
declare const window: { __flagsLoads: number };

const FLAG = 'new-checkout';
let session: WebAppSession;
let page: Page;
let site: Site;
let sdk: PostHog;
const visitors = Array.from({ length: 400 }, (_, i) => `shopper-${i}`);
const inBucket = visitors.find((id) => flagHash(FLAG, id) <= 0.05)!;

before(async () => {
  session = await openWebApp();
  page = session.page;
  sdk = new PostHog(session.warren.token, { host: session.warren.url, flushAt: 1, flushInterval: 0 });
  site = await startSite((request, response) => {
    const id = new URL(request.url ?? '/', 'http://site').searchParams.get('id') ?? 'nobody';
    const snippet = snippetScript(session.warren.token, { api_host: session.warren.url, bootstrap: { distinctID: id }, capture_pageview: false });
    const listen = '<script>window.__flagsLoads = 0; posthog.onFeatureFlags(function () { window.__flagsLoads += 1; });</script>';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`<!doctype html><html><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">${snippet}${listen}</head><body>Shop</body></html>`);
  });
});
after(async () => {
  await sdk?.shutdown();
  await site?.close();
  await session?.close();
});

/** A link of the main navigation. */
const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** Waits until posthog-js on the page has its flags from Warren (fresh or from its own storage), then asks for the flag. */
async function flagOnPage(shop: Page): Promise<boolean | undefined> {
  await shop.waitForFunction(() => typeof posthog !== 'undefined' && posthog.__loaded === true && window.__flagsLoads >= 1, undefined, { timeout: 15_000 });
  return shop.evaluate((key) => posthog.isFeatureEnabled(key), FLAG);
}

test('the first owner signs up and lands on a project that waits for its first event', async () => {
  await page.goto(session.warren.url);
  await page.getByLabel('First name').fill(OWNER.firstName);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Waiting for your first event' }).waitFor();
  assert.match((await page.getByRole('tabpanel').textContent()) ?? '', new RegExp(session.warren.token));
  await session.screenshot('journey-1-waiting');
});

test('an event sent by posthog-node appears in the live stream without a reload', async () => {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  for (const [user, day] of [['ann', 0], ['ben', 0], ['cat', 0]] as const) {
    sdk.capture({ distinctId: user, event: '$pageview', properties: { $current_url: 'https://shop.test/' }, timestamp: new Date(Date.now() - day * 86_400_000) });
  }
  sdk.capture({ distinctId: 'ann', event: 'signed_up' });
  sdk.capture({ distinctId: 'ben', event: 'signed_up' });
  await sdk.flush();
  await page.getByText(/First event received/).waitFor({ timeout: 20_000 });
  await page.getByRole('table', { name: 'Events, newest first' }).getByRole('button', { name: 'signed_up', exact: true }).first().waitFor({ timeout: 20_000 });
  assert.equal(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'no reload happened');
  await session.screenshot('journey-2-first-event');
});

test('a trends insight is built, saved and put on a new dashboard', async () => {
  await nav('Insights').click();
  await page.getByRole('button', { name: 'New insight' }).click();
  await page.getByRole('tab', { name: 'Trends', selected: true }).waitFor();
  assert.equal(await page.getByLabel('Series A event').inputValue(), '$pageview');
  await page.getByRole('img', { name: /Trends line chart: \$pageview 3/ }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Name', { exact: true }).fill('Daily pageviews');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Daily pageviews' }).waitFor();
  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to dashboard' });
  await dialog.getByLabel('New dashboard name').fill('Launch');
  await dialog.getByRole('button', { name: 'Create dashboard and add' }).click();
  await page.getByRole('status').filter({ hasText: 'Added to Launch' }).waitFor();
  await session.screenshot('journey-3-trends');
});

test('a funnel from pageview to sign-up is built, saved and added to the same dashboard', async () => {
  await page.goto(`${session.warren.url}/project/1/insights/new`);
  await page.getByRole('tab', { name: 'Funnels' }).click();
  await page.getByRole('region', { name: 'Funnels settings' }).waitFor();
  for (const [label, event] of [['Step 1 event', '$pageview'], ['Step 2 event', 'signed_up']]) {
    const box = page.getByLabel(label, { exact: true });
    await box.fill(event);
    await box.press('Enter');
  }
  const result = page.getByRole('region', { name: 'Result' });
  await result.getByText(/66\.7% total conversion/).waitFor({ timeout: 30_000 });
  await page.getByLabel('Name', { exact: true }).fill('Signup funnel');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Signup funnel' }).waitFor();
  await page.getByRole('button', { name: 'Add to dashboard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to dashboard' });
  await dialog.getByLabel('Existing dashboard').selectOption({ label: 'Launch' });
  await dialog.getByRole('button', { name: 'Add to this dashboard' }).click();
  await page.getByRole('status').filter({ hasText: 'Added to Launch' }).waitFor();
  await session.screenshot('journey-4-funnel');
});

test('the dashboard shows both insights as tiles', async () => {
  await nav('Dashboards').click();
  await page.locator('main').getByRole('link', { name: 'Launch', exact: true }).first().click();
  await page.getByRole('article', { name: 'Daily pageviews' }).waitFor();
  await page.getByRole('article', { name: 'Signup funnel' }).waitFor();
  const dashboards = (await api(session.warren, 'GET', '/api/projects/1/dashboards/')).body.results;
  const launch = (await api(session.warren, 'GET', `/api/projects/1/dashboards/${dashboards.find((d: { name: string }) => d.name === 'Launch').id}/`)).body;
  assert.deepEqual(launch.tiles.map((t: { insight: { name: string } }) => t.insight.name).sort(), ['Daily pageviews', 'Signup funnel']);
  await session.screenshot('journey-5-dashboard');
});

test('a flag made at 5 % reaches posthog-js on another site, and the kill switch turns it off', async () => {
  await nav('Feature flags').click();
  await page.getByRole('link', { name: 'New feature flag' }).first().click();
  await page.getByLabel('Key', { exact: true }).fill(FLAG);
  await page.getByLabel('Rollout percentage for condition set 1', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.getByRole('heading', { name: FLAG, level: 1 }).waitFor();
  const context = await newDesktopContext(session.browser);
  const shop = await context.newPage();
  await shop.goto(`${site.url}/?id=${encodeURIComponent(inBucket)}`);
  assert.equal(await flagOnPage(shop), true);

  await nav('Feature flags').click();
  const killSwitch = page.getByRole('switch', { name: `${FLAG} enabled` });
  await killSwitch.click();
  await page.locator(`[role=switch][aria-label="${FLAG} enabled"][aria-checked=false]`).waitFor();
  const stored = (await api(session.warren, 'GET', '/api/projects/1/feature_flags/')).body.results.find((f: { key: string }) => f.key === FLAG);
  assert.equal(stored.active, false);
  // The shopper comes back: posthog-js asks again and no longer has the flag (PostHog leaves disabled flags out).
  await shop.reload();
  assert.ok(!(await flagOnPage(shop)), 'off once killed');
  await context.close();
  await session.screenshot('journey-6-flag-off');
});

test('the project switcher moves between the organization\'s projects', async () => {
  const created = await api(session.warren, 'POST', '/api/projects/', { name: 'Staging' });
  assert.equal(created.status, 201);
  await page.reload();
  await page.getByLabel('Project').selectOption({ label: 'Staging' });
  await page.waitForURL(new RegExp(`/project/${created.body.id}/activity$`));
  await page.getByRole('heading', { name: 'Waiting for your first event' }).waitFor();
  assert.match((await page.getByRole('tabpanel').textContent()) ?? '', new RegExp(created.body.api_token));
});
