import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, newDesktopContext } from '../support/browser.js';
import { posthogLoaded as loaded, linkedPage, startPosthogJsSite, type PosthogJsSite } from '../support/posthog-js-site.js';
import type { Site } from '../support/site-server.js';
import type { WarrenProcess } from '../support/spawn-warren.js';

declare const posthog: { __loaded?: boolean; get_distinct_id(): string; opt_out_capturing(): void; opt_in_capturing(): void; identify(id: string): void };

/**
 * posthog-js with `cookieless_mode: "on_reject"`: a visitor refuses consent on page one, browses page two cookieless
 * (Warren names them by the daily hash), then accepts. posthog-js starts over with a new random id and sends
 * `$opt_in` under it; Warren links that id to the cookieless one, so the visit before and after consent is one
 * person — one visitor in web analytics — and the person can still be identified later.
 */

let rig: PosthogJsSite;
let warren: WarrenProcess;
let site: Site;
let browser: Browser;
before(async () => {
  rig = await startPosthogJsSite({ cookieless_mode: 'on_reject', capture_pageview: true, capture_pageleave: false }, (snippet) => ({
    '/one.html': linkedPage('One', '/two.html', snippet),
    '/two.html': linkedPage('Two', '/three.html', snippet),
    '/three.html': linkedPage('Three', '/one.html', snippet),
  }));
  ({ warren, site, browser } = rig);
});
after(() => rig?.close());

type Row = { event: string; distinctId: string; link: string | null; cookieless: string | null };

async function rows(): Promise<Row[]> {
  const r = await hogql(warren, 'select event, distinct_id, properties.$cookieless_distinct_id, properties.$cookieless_mode from events order by timestamp');
  return r.results.map((c) => ({ event: c[0] as string, distinctId: c[1] as string, link: c[2] as string | null, cookieless: c[3] as string | null }));
}

test('consent given after cookieless browsing links the cookieless visitor to the new id: one person, one visitor, identifiable later', async () => {
  const context = await newDesktopContext(browser);
  const p = await context.newPage();
  const errors = collectPageErrors(p);
  await p.goto(`${site.url}/one.html`);
  await loaded(p);
  await p.evaluate(() => posthog.opt_out_capturing());
  await p.click('#next');
  await p.waitForURL(`${site.url}/two.html`);
  await loaded(p);
  assert.equal(await p.evaluate(() => posthog.get_distinct_id()), '$posthog_cookieless', 'refused: cookieless');
  await eventually(async () => (await rows()).some((r) => r.event === '$pageview' && r.distinctId.startsWith('cookieless_')), 20_000);

  await p.evaluate(() => posthog.opt_in_capturing());
  const fresh = await p.evaluate(() => posthog.get_distinct_id());
  assert.match(fresh, /^[0-9a-f-]{36}$/, 'posthog-js starts over with a random id');
  await p.click('#next');
  await p.waitForURL(`${site.url}/three.html`);
  await loaded(p);
  assert.equal(await p.evaluate(() => posthog.get_distinct_id()), fresh, 'and keeps it now that it may');
  const identifyLater = () => p.evaluate(() => posthog.identify('user-consent-1'));

  const stored = await eventually(async () => {
    const list = await rows();
    return list.some((r) => r.event === '$opt_in') && list.some((r) => r.event === '$pageview' && r.distinctId === fresh) ? list : null;
  }, 30_000).catch(async (error: unknown) => {
    const seen = (await rows()).map((r) => `${r.event} ${r.distinctId} ${r.link ?? ''}`).join('\n');
    throw new Error(`${String(error)}\nstored:\n${seen}\nWarren output: ${warren.output().slice(-1500)}`);
  });
  const describe = () => stored.map((r) => `${r.event} ${r.distinctId} ${r.link ?? ''}`).join('\n');
  const before = stored.filter((r) => r.distinctId.startsWith('cookieless_'));
  assert.ok(before.length >= 1 && before.every((r) => r.cookieless === 'true'), describe());
  assert.equal(new Set(before.map((r) => r.distinctId)).size, 1, `one cookieless visitor:\n${describe()}`);
  const optIn = stored.find((r) => r.event === '$opt_in')!;
  assert.equal(optIn.distinctId, fresh, describe());
  assert.equal(optIn.link, before[0]!.distinctId, `the opt-in names the cookieless id it follows:\n${describe()}`);

  const person = await api(warren, 'GET', `/api/projects/1/persons/?distinct_id=${fresh}`);
  assert.equal(person.status, 200);
  assert.deepEqual([...person.body.results[0].distinct_ids].sort(), [before[0]!.distinctId, fresh].sort(), 'one person holds both ids');
  assert.equal(person.body.results[0].is_identified, false, 'consent names nobody');

  // Web analytics counts the visit before and after consent as one visitor (two sessions: the cookieless day's and posthog-js's).
  const overview = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'WebOverviewQuery', dateRange: { date_from: 'dStart' }, properties: [] },
    refresh: 'force_blocking',
  });
  assert.equal(overview.status, 200, JSON.stringify(overview.body));
  const figures = Object.fromEntries((overview.body.results as { key: string; value: number }[]).map((i) => [i.key, i.value]));
  assert.deepEqual([figures.visitors, figures.sessions], [1, 2], JSON.stringify(overview.body.results));

  // Logging in later merges the anonymous person, cookieless visits included, as any anonymous visitor's.
  await identifyLater();
  const user = await eventually(async () => {
    const found = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=user-consent-1');
    return found.body?.results?.[0]?.distinct_ids?.length === 3 ? found.body.results[0] : null;
  }, 20_000);
  assert.deepEqual([...user.distinct_ids].sort(), [before[0]!.distinctId, fresh, 'user-consent-1'].sort());
  assert.equal(user.is_identified, true);
  await p.close({ runBeforeUnload: true });
  assert.deepEqual(errors, [], 'the pages logged no errors');
  await context.close();
});
