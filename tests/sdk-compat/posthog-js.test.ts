import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, newDesktopContext, recordExchanges } from '../support/browser.js';
import { sitePage, startPosthogJsSite, type PosthogJsSite } from '../support/posthog-js-site.js';
import type { Site } from '../support/site-server.js';
import type { WarrenProcess } from '../support/spawn-warren.js';

declare const posthog: {
  __loaded?: boolean;
  autocapture?: { isEnabled: boolean };
  sessionRecordingStarted(): boolean;
  get_distinct_id(): string;
  get_session_id(): string;
  identify(id: string, set?: object, setOnce?: object): void;
  capture(event: string, properties?: object): void;
  group(type: string, key: string, properties?: object): void;
};

const page = (title: string, linkTo: string, snippet: string) =>
  sitePage(
    title,
    snippet,
    `<button id="cta" class="btn primary">Start trial</button>
<label>Name <input id="name" name="name" type="text"></label>
<a id="next" href="${linkTo}">Next page</a>`,
  );

let rig: PosthogJsSite;
let warren: WarrenProcess;
let site: Site;
let browser: Browser;
before(async () => {
  rig = await startPosthogJsSite({ person_profiles: 'identified_only', capture_pageview: true, capture_pageleave: true }, (snippet) => ({
    '/page1.html': page('Page one', '/page2.html', snippet),
    '/page2.html': page('Page two', '/page1.html', snippet),
  }));
  ({ warren, site, browser } = rig);
});
after(() => rig?.close());

/** Waits until posthog-js has loaded and applied Warren's remote config (autocapture and replay on). */
async function posthogReady(p: Page): Promise<void> {
  await p.waitForFunction(() => typeof posthog !== 'undefined' && posthog.__loaded === true && posthog.autocapture?.isEnabled === true && posthog.sessionRecordingStarted(), null, {
    timeout: 10_000,
  });
}

type Row = {
  uuid: string;
  event: string;
  distinctId: string;
  currentUrl: string | null;
  pathname: string | null;
  browser: string | null;
  os: string | null;
  deviceType: string | null;
  lib: string | null;
  sessionId: string;
  personId: string;
  email: string | null;
  elementsChain: string;
  group0: string;
};

test('posthog-js from the snippet: pageviews, autocapture, pageleave, identify, custom event, group and replay reach Warren', async () => {
  const context = await newDesktopContext(browser);
  const exchanges = recordExchanges(context, warren.url);
  const p = await context.newPage();
  const pageErrors = collectPageErrors(p);
  const diagnostics = () =>
    `requests to Warren: ${JSON.stringify(exchanges.exchanges)}\npage errors: ${pageErrors.join('\n')}\nWarren output: ${warren.output().slice(-4000)}`;

  await p.goto(`${site.url}/page1.html`);
  await posthogReady(p);
  const anonymousId = await p.evaluate(() => posthog.get_distinct_id());
  const sessionId = await p.evaluate(() => posthog.get_session_id());

  // Replay starts sending once the user has interacted; one batch must be answered while the page is still open.
  const firstSnapshots = p.waitForResponse((r) => r.url().startsWith(`${warren.url}/s/`), { timeout: 15_000 });
  await p.click('#cta');
  await p.fill('#name', 'Ada');
  await p.locator('#name').blur();
  assert.equal((await firstSnapshots).status(), 200, 'POST /s/ answered 200');
  await p.click('#next');
  await p.waitForURL(`${site.url}/page2.html`);
  await posthogReady(p);
  await p.click('#cta');

  await p.evaluate(() => {
    posthog.identify('user-js-1', { email: 'js@example.com' }, { first_seen: 'x' });
    posthog.capture('custom_event', { a: 1 });
    posthog.group('company', 'acme', { name: 'Acme' });
  });
  // posthog-js batches for a few seconds; once these are stored, leave by closing the page (its $pageleave goes by sendBeacon).
  await eventually(async () => {
    const r = await hogql(warren, `select count() from events where event in ('$identify', 'custom_event', '$groupidentify')`);
    return Number(r.results[0][0]) === 3;
  }, 15_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diagnostics()}`);
  });
  await p.close({ runBeforeUnload: true });
  await exchanges.settled();

  const rows = await eventually(async () => {
    const r = await hogql(
      warren,
      `select toString(uuid), event, distinct_id, properties.$current_url, properties.$pathname, properties.$browser, properties.$os, properties.$device_type, properties.$lib,
              $session_id, toString(person_id), person.properties.email, elements_chain, $group_0
       from events order by timestamp`,
    );
    const list = r.results.map(
      (c): Row => ({
        uuid: c[0] as string,
        event: c[1] as string,
        distinctId: c[2] as string,
        currentUrl: c[3] as string | null,
        pathname: c[4] as string | null,
        browser: c[5] as string | null,
        os: c[6] as string | null,
        deviceType: c[7] as string | null,
        lib: c[8] as string | null,
        sessionId: c[9] as string,
        personId: c[10] as string,
        email: c[11] as string | null,
        elementsChain: c[12] as string,
        group0: c[13] as string,
      }),
    );
    const pageleaves = list.filter((row) => row.event === '$pageleave');
    return pageleaves.length >= 2 && list.some((row) => row.event === '$groupidentify') ? list : null;
  }, 20_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diagnostics()}`);
  });
  const describe = () => rows.map((r) => `${r.event} ${r.distinctId} ${r.pathname}`).join('\n');

  const page1 = `${site.url}/page1.html`;
  const page2 = `${site.url}/page2.html`;
  const of = (event: string, pathname?: string) => rows.filter((r) => r.event === event && (pathname === undefined || r.pathname === pathname));

  // Pageviews and pageleaves, one per page, at the right URL.
  assert.deepEqual(of('$pageview').map((r) => r.currentUrl), [page1, page2], describe());
  assert.deepEqual(of('$pageleave').map((r) => r.currentUrl), [page1, page2], describe());

  // Autocapture: the click on the button and the change of the input on page 1, with their elements.
  const autocaptured = of('$autocapture', '/page1.html');
  assert.ok(autocaptured.length >= 2, describe());
  for (const row of of('$autocapture')) assert.notEqual(row.elementsChain, '', `elements_chain of ${row.uuid}`);
  assert.ok(autocaptured.some((r) => r.elementsChain.startsWith('button') && r.elementsChain.includes('attr__id="cta"')), describe());
  assert.ok(autocaptured.some((r) => r.elementsChain.startsWith('input') && r.elementsChain.includes('attr__id="name"')), describe());
  assert.ok(of('$autocapture', '/page2.html').some((r) => r.elementsChain.startsWith('button')), describe());

  // Identity-related events happen on page 2.
  for (const event of ['$identify', 'custom_event', '$groupidentify']) {
    assert.equal(of(event).length, 1, `${event}:\n${describe()}`);
    assert.equal(of(event)[0].currentUrl, page2, event);
    assert.equal(of(event)[0].distinctId, 'user-js-1', event);
  }
  const custom = await hogql(warren, `select properties.a from events where event = 'custom_event'`);
  assert.equal(Number(custom.results[0][0]), 1);

  // Every browser event: browser-detected properties, one session, one person (the identified one).
  const personIds = new Set(rows.map((r) => r.personId));
  assert.equal(personIds.size, 1, `one person for anonymous and identified events:\n${rows.map((r) => `${r.event} ${r.distinctId} ${r.personId}`).join('\n')}`);
  for (const row of rows) {
    assert.equal(row.browser, 'Chrome', `${row.event} $browser`);
    assert.equal(row.os, 'Linux', `${row.event} $os`);
    assert.equal(row.deviceType, 'Desktop', `${row.event} $device_type`);
    assert.equal(row.lib, 'web', `${row.event} $lib`);
    assert.equal(row.sessionId, sessionId, `${row.event} $session_id`);
    assert.ok(row.currentUrl === page1 || row.currentUrl === page2, `${row.event} $current_url ${row.currentUrl}`);
    assert.equal(row.pathname, new URL(row.currentUrl!).pathname, `${row.event} $pathname`);
  }
  const firstPageview = of('$pageview')[0];
  assert.equal(firstPageview.distinctId, anonymousId, 'the first pageview was anonymous');
  assert.equal(firstPageview.email, 'js@example.com', 'the anonymous pageview counts for the identified person');

  // The person: both distinct ids, $set and $set_once applied.
  const person = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=user-js-1');
  assert.equal(person.status, 200);
  assert.equal(person.body.results.length, 1);
  assert.deepEqual([...person.body.results[0].distinct_ids].sort(), [anonymousId, 'user-js-1'].sort());
  assert.equal(person.body.results[0].properties.email, 'js@example.com');
  assert.equal(person.body.results[0].properties.first_seen, 'x');

  // The group: its type got index 0, its properties were stored, and later events carry it.
  const groups = await hogql(warren, `select key, properties.name from groups where index = 0`);
  assert.deepEqual(groups.results, [['acme', 'Acme']]);
  assert.equal(of('$pageleave', '/page2.html')[0].group0, 'acme');

  // Session replay: snapshots were posted and accepted.
  const snapshots = exchanges.to('/s/');
  assert.ok(snapshots.length >= 1, 'posthog-js posted $snapshot batches to /s/');
  assert.ok(snapshots.some((e) => e.status === 200), JSON.stringify(snapshots));

  // Nothing the page asked of Warren was refused.
  const bad = exchanges.exchanges.filter((e) => e.failure !== null || (e.status !== null && (e.status < 200 || e.status > 299)));
  assert.deepEqual(bad, [], `requests Warren did not answer with 2xx:\n${JSON.stringify(bad, null, 1)}\n${diagnostics()}`);
  assert.deepEqual(pageErrors, [], 'the page logged no errors');
  assert.ok(exchanges.exchanges.some((e) => e.path.startsWith('/static/array.js') && e.status === 200), 'the snippet loaded array.js from Warren');
  await context.close();
});
