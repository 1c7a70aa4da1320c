import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { flagHash } from '@warren/flags/hash';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, newDesktopContext } from '../support/browser.js';
import { flagsV2 } from '../support/flags-client.js';
import { snippetScript } from '../support/posthog-snippet.js';
import { startSite, type Site } from '../support/site-server.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

// The feature flag screens driven as a user would: a flag made in the editor is stored in PostHog's shape and is what
// real posthog-js (served by Warren, on a page of another site) sees; the kill switch in the list turns it off for
// that page; the flag page charts the $feature_flag_called events the page sent.

declare const posthog: {
  __loaded?: boolean;
  isFeatureEnabled(key: string): boolean | undefined;
  getFeatureFlag(key: string): string | boolean | undefined;
  getFeatureFlagPayload(key: string): unknown;
  setPersonPropertiesForFlags(properties: Record<string, unknown>): void;
};
declare const window: { __flagsLoads: number };

const FLAGS = '/api/projects/1/feature_flags/';
const KEY = 'new-checkout';
const MULTI = 'checkout-copy';

let session: WebAppSession;
let site: Site;
let flagId: number;
// posthog-js ids on either side of the 5 % bucket of new-checkout, from PostHog's hash itself.
const ids = Array.from({ length: 400 }, (_, i) => `checkout-visitor-${i}`);
const inBucket = ids.find((id) => flagHash(KEY, id) <= 0.05)!;
const outOfBucket = ids.find((id) => flagHash(KEY, id) > 0.05)!;

before(async () => {
  session = await openWebApp({ signedIn: true });
  const { warren } = session;
  // One page per distinct id; `__flagsLoads` counts onFeatureFlags calls (registered through the snippet's queue).
  site = await startSite((request, response) => {
    const id = new URL(request.url ?? '/', 'http://site').searchParams.get('id');
    if (!id) return void response.writeHead(404).end();
    const snippet = snippetScript(warren.token, { api_host: warren.url, bootstrap: { distinctID: id }, capture_pageview: false, person_profiles: 'identified_only' });
    const listen = '<script>window.__flagsLoads = 0; posthog.onFeatureFlags(function () { window.__flagsLoads += 1; });</script>';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`<!doctype html><html><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">${snippet}${listen}</head><body><h1>Shop</h1></body></html>`);
  });
});
after(async () => {
  await site?.close();
  await session?.close();
});

/** Opens the shop page as `distinctId` and waits until posthog-js has its flags from Warren. */
async function shopPage(context: BrowserContext, distinctId: string): Promise<Page> {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${site.url}/shop?id=${encodeURIComponent(distinctId)}`);
  await page
    .waitForFunction(() => typeof posthog !== 'undefined' && posthog.__loaded === true && window.__flagsLoads >= 1, undefined, { timeout: 15_000 })
    .catch((error: unknown) => {
      throw new Error(`posthog-js never loaded flags: ${String(error)}\n${errors.join('\n')}`);
    });
  return page;
}

/** Leaves the page so posthog-js sends what it batched (it flushes on pagehide), then closes the browser. */
async function closeShop(context: BrowserContext): Promise<void> {
  for (const page of context.pages()) await page.goto('about:blank');
  await context.close();
}

const isEnabled = (page: Page, key: string) => page.evaluate((k) => posthog.isFeatureEnabled(k), key);

async function storedFlag(id: number): Promise<any> {
  const res = await api(session.warren, 'GET', `${FLAGS}${id}/`);
  assert.equal(res.status, 200);
  return res.body;
}

test('an empty project explains flags; a flag made in the editor at 5 % is stored in PostHog filters shape', async () => {
  const page = await openScreen(session, 'feature_flags');
  await page.getByRole('heading', { name: 'No feature flags yet' }).waitFor();
  await session.screenshot('feature-flags-empty');
  await page.getByRole('link', { name: 'New feature flag' }).first().click();
  await page.getByRole('heading', { name: 'New feature flag', level: 1 }).waitFor();

  // The key is checked as it is typed, with PostHog's rule.
  const key = page.getByLabel('Key', { exact: true });
  await key.fill('new checkout');
  await page.getByText('Only letters, numbers, hyphens (-) & underscores (_) are allowed.').waitFor();
  assert.equal(await key.getAttribute('aria-invalid'), 'true');
  await key.fill(KEY);
  assert.equal(await key.getAttribute('aria-invalid'), null);
  await page.getByLabel('Description').fill('The one-page checkout');
  await page.getByLabel('Rollout percentage for condition set 1', { exact: true }).fill('5');
  await session.screenshot('feature-flag-new');
  await page.getByRole('button', { name: 'Create flag' }).click();

  await page.waitForURL(/\/project\/1\/feature_flags\/\d+$/);
  flagId = Number(/(\d+)$/.exec(page.url())![1]);
  await page.getByRole('heading', { name: KEY, level: 1 }).waitFor();

  const flag = await storedFlag(flagId);
  assert.equal(flag.key, KEY);
  assert.equal(flag.name, 'The one-page checkout');
  assert.equal(flag.active, true);
  assert.deepEqual(flag.filters, { groups: [{ properties: [], rollout_percentage: 5, variant: null }], multivariate: null, payloads: {} });
  assert.equal(flag.rollout_percentage, 5);
  assert.equal(flag.created_by.email, 'owner@example.com');
});

test('posthog-js served by Warren sees the flag on for a distinct id in the 5 % bucket and off for one outside it', async () => {
  const inside = await newDesktopContext(session.browser);
  const outside = await newDesktopContext(session.browser);
  try {
    assert.equal(await isEnabled(await shopPage(inside, inBucket), KEY), true);
    assert.equal(await isEnabled(await shopPage(outside, outOfBucket), KEY), false);
  } finally {
    await closeShop(outside);
    await closeShop(inside);
  }
});

test('the kill switch in the list turns the flag off, and posthog-js sees it off at its next load', async () => {
  const context = await newDesktopContext(session.browser);
  try {
    const shop = await shopPage(context, inBucket);
    assert.equal(await isEnabled(shop, KEY), true);

    const page = await openScreen(session, 'feature_flags');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: KEY }) });
    await row.getByText('5% of all users').waitFor();
    await row.getByText('Olivia').first().waitFor();
    const killSwitch = page.getByRole('switch', { name: `${KEY} enabled` });
    assert.equal(await killSwitch.getAttribute('aria-checked'), 'true');
    await session.screenshot('feature-flags-list');
    await killSwitch.click();
    await page.locator(`[role=switch][aria-label="${KEY} enabled"][aria-checked=false]`).waitFor();
    await page.locator(`[role=switch][aria-label="${KEY} enabled"]:not([disabled])`).waitFor();
    assert.equal((await storedFlag(flagId)).active, false);

    // As PostHog does, a disabled flag is left out of /flags, so posthog-js answers undefined (falsy) rather than false.
    await shop.reload();
    await shop.waitForFunction(() => typeof posthog !== 'undefined' && posthog.__loaded === true && window.__flagsLoads >= 1);
    const after = await isEnabled(shop, KEY);
    assert.ok(after === false || after === undefined, `isFeatureEnabled after the kill switch: ${after}`);
    assert.equal((await flagsV2(session.warren, { distinct_id: inBucket })).flags[KEY]?.enabled ?? false, false);
  } finally {
    await closeShop(context);
  }
});

test('the flag page charts the $feature_flag_called events posthog-js sent, shows its history and the code to read it', async () => {
  // posthog-js batches its events; wait until each kind of call it reported is stored: true for the in-bucket visitor,
  // false for the one outside, and no value once the kill switch took the flag out of its answer.
  const countsInStore = async () => {
    const r = await hogql(
      session.warren,
      `select toString(properties.$feature_flag_response) as response, count() as calls from events where event = '$feature_flag_called' and properties.$feature_flag = '${KEY}' group by response`,
    );
    // A null response is posthog-js reporting the flag missing from its answer; the chart calls it "(no value)".
    return Object.fromEntries(r.results.map(([value, count]) => [value === null ? '(no value)' : String(value), Number(count)]));
  };
  let seen: Record<string, number> = {};
  await eventually(async () => {
    seen = await countsInStore();
    return seen.true >= 1 && seen.false >= 1 && seen['(no value)'] >= 1 ? seen : null;
  }, 30_000).catch((error: unknown) => {
    throw new Error(`${String(error)}; calls stored: ${JSON.stringify(seen)}`);
  });

  const page = await openScreen(session, `feature_flags/${flagId}`);
  const usage = page.getByRole('region', { name: /Usage, last 30 days/ });
  const table = usage.getByRole('table');
  // Refreshed until the chart's totals are the stored calls (a straggling event may land after the first count).
  let shown: Record<string, number> = {};
  await eventually(async () => {
    await usage.getByRole('button', { name: 'Refresh' }).click();
    await usage.locator('button:not([disabled])', { hasText: 'Refresh' }).waitFor();
    await table.getByRole('cell', { name: 'true', exact: true }).waitFor({ timeout: 5_000 });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((r) => [r.children[0].textContent, r.children[1].textContent]));
    shown = Object.fromEntries(rows.map(([v, c]) => [v, Number(c)]));
    seen = await countsInStore();
    return JSON.stringify(Object.entries(shown).sort()) === JSON.stringify(Object.entries(seen).sort());
  }, 30_000).catch((error: unknown) => {
    throw new Error(`${String(error)}; chart totals ${JSON.stringify(shown)}, calls stored ${JSON.stringify(seen)}`);
  });
  assert.ok(shown.true >= 1 && shown.false >= 1 && shown['(no value)'] >= 1, JSON.stringify(shown));
  assert.equal(await usage.locator('canvas[role=img]').count(), 1);

  const code = page.getByRole('region', { name: 'Use this flag in your code' });
  await code.getByText(`if (posthog.isFeatureEnabled('${KEY}')) {`).waitFor();
  await code.getByRole('tab', { name: 'posthog-node' }).click();
  await code.getByText(`await posthog.isFeatureEnabled('${KEY}', distinctId)`).waitFor();
  await code.getByRole('tab', { name: 'posthog-python' }).click();
  await code.getByText(`if posthog.feature_enabled('${KEY}', distinct_id):`).waitFor();

  const history = page.getByRole('region', { name: 'History' });
  await history.getByText('Olivia disabled the flag').waitFor();
  await history.getByText('Olivia created the flag').waitFor();
  await page.getByText('Disabled', { exact: true }).first().waitFor();
  await session.screenshot('feature-flag-page');
});

test('a multivariate flag with person and cohort conditions, a variant override and payloads is saved and read back', async () => {
  const { warren } = session;
  const cohort = await api(warren, 'POST', '/api/projects/1/cohorts/', {
    name: 'Beta testers',
    filters: { properties: { type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'beta', value: 'yes', operator: 'exact' }] }] } },
  });
  assert.equal(cohort.status, 201, JSON.stringify(cohort.body));

  const page = await openScreen(session, 'feature_flags/new');
  await page.getByLabel('Key', { exact: true }).fill(MULTI);
  await page.getByLabel('Multiple variants').check();
  await page.getByRole('button', { name: '+ Add variant' }).click();
  await page.getByLabel('Rollout percentage of variant 1').fill('70');
  await page.getByText('Total: 120% (must be 100%)').waitFor();
  await page.getByRole('button', { name: 'Distribute equally' }).click();
  await page.getByText('Total: 100%', { exact: true }).waitFor();
  assert.deepEqual(
    await Promise.all([1, 2, 3].map((i) => page.getByLabel(`Rollout percentage of variant ${i}`).inputValue())),
    ['34', '33', '33'],
  );
  await page.getByLabel('Key of variant 3').fill('bold');
  await page.getByLabel('Name of variant 3').fill('Bold copy');
  await page.getByLabel('Payload of variant 1').fill('{"headline": "Checkout"}');
  await page.getByLabel('Payload of variant 2').fill('{headline: oops}');
  await page.getByLabel('Payload of variant 3').fill('"BUY NOW"');

  const first = page.getByRole('region', { name: 'Condition set 1' });
  await first.getByRole('button', { name: '+ Add filter' }).click();
  await first.getByLabel('Property', { exact: true }).fill('email');
  await first.getByLabel('Operator', { exact: true }).selectOption('icontains');
  await first.getByLabel('Value', { exact: true }).fill('@example.com');
  await first.getByLabel('Rollout percentage for condition set 1', { exact: true }).fill('100');
  await page.getByRole('button', { name: '+ Add condition set' }).click();
  const second = page.getByRole('region', { name: 'Condition set 2' });
  await second.getByRole('button', { name: '+ Add cohort' }).click();
  await second.getByLabel('Cohort 1 of condition set 2').selectOption({ label: 'Beta testers' });
  await second.getByLabel('Variant for condition set 2').selectOption('test');

  // The bad payload is caught next to its field before anything is sent.
  await page.getByRole('button', { name: 'Create flag' }).click();
  const badPayload = page.getByLabel('Payload of variant 2');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Payload of variant 2');
  assert.equal(await badPayload.getAttribute('aria-invalid'), 'true');
  const describedBy = (await badPayload.getAttribute('aria-describedby'))!;
  assert.match((await page.locator(`[id="${describedBy}"]`).textContent())!, /valid JSON/);
  assert.equal((await api(warren, 'GET', `${FLAGS}?search=${MULTI}`)).body.count, 0, 'nothing was saved');
  await badPayload.fill('{"headline": "Try the new checkout"}');
  await session.screenshot('feature-flag-multivariate');
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.waitForURL(/\/project\/1\/feature_flags\/\d+$/);
  const multiId = Number(/(\d+)$/.exec(page.url())![1]);

  const flag = await storedFlag(multiId);
  assert.deepEqual(flag.filters.multivariate, {
    variants: [
      { key: 'control', name: null, rollout_percentage: 34 },
      { key: 'test', name: null, rollout_percentage: 33 },
      { key: 'bold', name: 'Bold copy', rollout_percentage: 33 },
    ],
  });
  assert.deepEqual(flag.filters.payloads, { control: '{"headline": "Checkout"}', test: '{"headline": "Try the new checkout"}', bold: '"BUY NOW"' });
  assert.deepEqual(flag.filters.groups, [
    { properties: [{ key: 'email', type: 'person', operator: 'icontains', value: '@example.com' }], rollout_percentage: 100, variant: null },
    { properties: [{ key: 'id', type: 'cohort', operator: 'in', value: cohort.body.id }], rollout_percentage: 100, variant: 'test' },
  ]);

  // Read back: a fresh load of the page shows what was stored.
  await page.reload();
  await page.getByRole('heading', { name: MULTI, level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Payload of variant 2').inputValue(), '{"headline": "Try the new checkout"}');
  assert.equal(await page.getByLabel('Key of variant 3').inputValue(), 'bold');
  assert.equal(await page.getByLabel('Variant for condition set 2').inputValue(), 'test');
  assert.equal(await page.getByLabel('Cohort 1 of condition set 2').inputValue(), String(cohort.body.id));
  assert.equal(await page.getByRole('region', { name: 'Condition set 1' }).getByLabel('Value', { exact: true }).inputValue(), '@example.com');
  await page.getByRole('region', { name: 'Use this flag in your code' }).getByText(`posthog.getFeatureFlag('${MULTI}') === 'control'`).waitFor();

  // And posthog-js gets the variant Warren computes, with that variant's payload.
  const expected = await flagsV2(warren, { distinct_id: 'ann', person_properties: { email: 'ann@example.com' } });
  const variant = expected.flags[MULTI].variant!;
  const context = await newDesktopContext(session.browser);
  try {
    const shop = await shopPage(context, 'ann');
    await shop.evaluate(() => posthog.setPersonPropertiesForFlags({ email: 'ann@example.com' }));
    await shop.waitForFunction(() => window.__flagsLoads >= 2);
    assert.equal(await shop.evaluate((k) => posthog.getFeatureFlag(k), MULTI), variant);
    assert.deepEqual(await shop.evaluate((k) => posthog.getFeatureFlagPayload(k), MULTI), JSON.parse(flag.filters.payloads[variant]));
  } finally {
    await closeShop(context);
  }

  const list = await openScreen(session, 'feature_flags');
  await list.getByText('2 conditions · multivariate: control 34 / test 33 / bold 33').waitFor();
});

test('an error from the server is shown next to the field it is about', async () => {
  const page = await openScreen(session, 'feature_flags/new');
  const key = page.getByLabel('Key', { exact: true });
  await key.fill(KEY);
  await page.getByRole('button', { name: 'Create flag' }).click();
  await page.getByText('There is already a feature flag with this key.').waitFor();
  assert.equal(await key.getAttribute('aria-invalid'), 'true');
  const describedBy = (await key.getAttribute('aria-describedby'))!;
  assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), 'There is already a feature flag with this key.');
  assert.equal((await api(session.warren, 'GET', `${FLAGS}?search=${KEY}`)).body.count, 1);
});

test('search and the status filter narrow the list, and the switch works from the keyboard', async () => {
  const page = await openScreen(session, 'feature_flags');
  const links = page.getByRole('table').getByRole('link');
  await page.getByLabel('Search flags').fill('copy');
  await page.waitForURL(/search=copy/);
  await links.filter({ hasText: KEY }).waitFor({ state: 'detached' });
  assert.deepEqual(await links.allTextContents(), [MULTI]);

  await page.getByLabel('Search flags').fill('');
  await page.getByLabel('Status').selectOption('false');
  await page.waitForURL(/active=false/);
  await links.filter({ hasText: KEY }).waitFor();
  await links.filter({ hasText: MULTI }).waitFor({ state: 'detached' });
  assert.deepEqual(await links.allTextContents(), [KEY]);

  // Back to all flags; turn the multivariate one off with the keyboard alone.
  await page.getByLabel('Status').selectOption('');
  const multiSwitch = page.getByRole('switch', { name: `${MULTI} enabled` });
  await multiSwitch.focus();
  await page.keyboard.press('Space');
  await page.locator(`[role=switch][aria-label="${MULTI} enabled"][aria-checked=false]:not([disabled])`).waitFor();
  const stored = (await api(session.warren, 'GET', `${FLAGS}?search=${MULTI}`)).body.results[0];
  assert.equal(stored.active, false);
});

test('deleting a flag asks first; then it is gone from the list and from the API', async () => {
  const { warren } = session;
  const multi = (await api(warren, 'GET', `${FLAGS}?search=${MULTI}`)).body.results[0];
  const page = await openScreen(session, `feature_flags/${multi.id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Delete feature flag ${MULTI}?` });
  await dialog.waitFor();
  await session.screenshot('feature-flag-delete');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await api(warren, 'GET', `${FLAGS}${multi.id}/`)).status, 200, 'Escape cancels');

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete flag' }).click();
  await page.waitForURL(/\/project\/1\/feature_flags$/);
  await page.getByRole('link', { name: KEY }).waitFor();
  assert.equal(await page.getByRole('link', { name: MULTI }).count(), 0);
  assert.equal((await api(warren, 'GET', `${FLAGS}${multi.id}/`)).status, 404);
});
