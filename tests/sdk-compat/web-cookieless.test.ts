import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, DESKTOP_CHROME_USER_AGENT, newDesktopContext } from '../support/browser.js';
import { posthogLoaded, linkedPage, startPosthogJsSite, type PosthogJsSite } from '../support/posthog-js-site.js';
import type { Site } from '../support/site-server.js';
import type { WarrenProcess } from '../support/spawn-warren.js';

declare const posthog: { __loaded?: boolean; get_distinct_id(): string };

/**
 * posthog-js with `cookieless_mode: "always"`: nothing is stored in the browser and every event carries the
 * placeholder id; Warren names the visitor by a daily salted hash of project, IP, site and user agent. Two visits
 * from one browser are one visitor, a visit with another browser is another; no IP or raw user agent is stored.
 */
const FIREFOX_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0';

let rig: PosthogJsSite;
let warren: WarrenProcess;
let site: Site;
let browser: Browser;
before(async () => {
  rig = await startPosthogJsSite({ cookieless_mode: 'always', capture_pageview: true, capture_pageleave: true }, (snippet) => ({
    '/one.html': linkedPage('One', '/two.html', snippet),
    '/two.html': linkedPage('Two', '/one.html', snippet),
  }));
  ({ warren, site, browser } = rig);
});
after(() => rig?.close());

/** Opens page one, follows the link to page two, and reports what the site left in the browser. */
async function visit(context: BrowserContext): Promise<{ placeholder: string; cookies: string[]; storage: string[] }> {
  const p = await context.newPage();
  const errors = collectPageErrors(p);
  await p.goto(`${site.url}/one.html`);
  await posthogLoaded(p);
  const placeholder = await p.evaluate(() => posthog.get_distinct_id());
  await p.click('#next');
  await p.waitForURL(`${site.url}/two.html`);
  await posthogLoaded(p);
  const storage = await p.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]);
  const cookies = (await context.cookies()).map((c) => c.name);
  await p.close({ runBeforeUnload: true });
  assert.deepEqual(errors, [], 'the page logged no errors');
  return { placeholder, cookies, storage };
}

type Row = { event: string; distinctId: string; sessionId: string; ip: string | null; rawUserAgent: string | null; browser: string | null };

async function rows(): Promise<Row[]> {
  const r = await hogql(
    warren,
    `select event, distinct_id, $session_id, properties.$ip, properties.$raw_user_agent, properties.$browser from events order by timestamp`,
  );
  return r.results.map((c) => ({
    event: c[0] as string,
    distinctId: c[1] as string,
    sessionId: c[2] as string,
    ip: c[3] as string | null,
    rawUserAgent: c[4] as string | null,
    browser: c[5] as string | null,
  }));
}

test('cookieless posthog-js: no cookie or storage, one hashed visitor per browser and day, no IP or user agent stored, counted by the web overview', async () => {
  const chrome = await newDesktopContext(browser);
  const first = await visit(chrome);
  const again = await visit(chrome);
  const firefox = await newDesktopContext(browser, FIREFOX_USER_AGENT);
  const other = await visit(firefox);

  for (const seen of [first, again, other]) {
    assert.equal(seen.placeholder, '$posthog_cookieless', 'posthog-js names nobody');
    assert.deepEqual(seen.cookies, [], 'no cookie');
    assert.deepEqual(seen.storage.filter((key) => key.startsWith('ph_') || key.includes('posthog')), [], `no posthog storage: ${seen.storage}`);
  }

  // Three visits, two pageviews each; wait for the last page leaves (sent on close).
  const stored = await eventually(async () => {
    const list = await rows();
    return list.filter((r) => r.event === '$pageview').length === 6 && list.filter((r) => r.event === '$pageleave').length === 6 ? list : null;
  }, 20_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\nWarren output: ${warren.output().slice(-3000)}`);
  });
  const describe = () => stored.map((r) => `${r.event} ${r.distinctId} ${r.sessionId} ${r.browser}`).join('\n');

  const chromeRows = stored.filter((r) => r.browser === 'Chrome');
  const firefoxRows = stored.filter((r) => r.browser === 'Firefox');
  assert.equal(chromeRows.length + firefoxRows.length, stored.length, describe());
  assert.equal(new Set(chromeRows.map((r) => r.distinctId)).size, 1, `both Chrome visits are one visitor:\n${describe()}`);
  assert.equal(new Set(firefoxRows.map((r) => r.distinctId)).size, 1, describe());
  assert.match(chromeRows[0].distinctId, /^cookieless_/);
  assert.notEqual(chromeRows[0].distinctId, firefoxRows[0].distinctId, 'another browser is another visitor');
  // Stateless mode: one session per visitor and day, a UUIDv7 the sessions model files under today.
  assert.equal(new Set(chromeRows.map((r) => r.sessionId)).size, 1, describe());
  assert.match(chromeRows[0].sessionId, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  for (const row of stored) {
    assert.equal(row.ip, null, `${row.event}: no $ip`);
    assert.equal(row.rawUserAgent, null, `${row.event}: no $raw_user_agent`);
  }
  // (The client's address cannot be searched for: the test site is on the same loopback address, in every URL.)
  const anywhere = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'HogQLQuery', query: 'select count() from events where position(properties, {agent}) > 0', values: { agent: DESKTOP_CHROME_USER_AGENT } },
    refresh: 'force_blocking',
  });
  assert.equal(anywhere.status, 200, JSON.stringify(anywhere.body));
  assert.equal(Number(anywhere.body.results[0][0]), 0, 'the user agent is in no stored property');

  const overview = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'WebOverviewQuery', dateRange: { date_from: 'dStart' }, properties: [] },
    refresh: 'force_blocking',
  });
  assert.equal(overview.status, 200, JSON.stringify(overview.body));
  const figures = Object.fromEntries((overview.body.results as { key: string; value: number }[]).map((i) => [i.key, i.value]));
  assert.deepEqual([figures.visitors, figures.views, figures.sessions], [2, 6, 2], JSON.stringify(overview.body.results));

  // Today's salt is kept in the data dir, readable by Warren's user only.
  const saltFile = path.join(warren.dataDir, 'cookieless-salts.json');
  const salts = JSON.parse(fs.readFileSync(saltFile, 'utf8')).salts as Record<string, string>;
  assert.ok(Object.keys(salts).includes(new Date().toISOString().slice(0, 10)), JSON.stringify(Object.keys(salts)));
  assert.equal(fs.statSync(saltFile).mode & 0o777, 0o600);
  await chrome.close();
  await firefox.close();
});
