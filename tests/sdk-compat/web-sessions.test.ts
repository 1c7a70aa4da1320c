import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, newDesktopContext, recordExchanges } from '../support/browser.js';
import { posthogLoaded as loaded, sitePage, startPosthogJsSite, type PosthogJsSite } from '../support/posthog-js-site.js';
import type { Site } from '../support/site-server.js';
import type { WarrenProcess } from '../support/spawn-warren.js';

declare const posthog: { __loaded?: boolean; get_session_id(): string };

/**
 * One visit as a web analytics user sees it: posthog-js (loaded from a real Warren by the snippet) on a three-page
 * site, arriving from a newsletter link (`?utm_source=newsletter`, no medium, no referrer), reading each page for a
 * while and closing the tab. What the sessions model and the web overview must make of it:
 *   entry /page1.html, exit /page3.html (the last event with a URL is page 3's $pageleave, sent on close),
 *   3 pageviews, channel Email (utm_source "newsletter" is in the "email" category of channel-definitions.json, and
 *   with no paid medium or click id the organic channel of that category applies, before Direct is considered),
 *   duration between the time seen from page 1's load to the close and the time around the whole visit;
 *   overview for today: 1 visitor, 3 views, 1 session.
 */
const DWELL_MS = 1_500;

const page = (title: string, next: string | null, snippet: string) =>
  sitePage(title, snippet, next ? `<a id="next" href="${next}">Read on</a>` : '<p>The end.</p>');

let rig: PosthogJsSite;
let warren: WarrenProcess;
let site: Site;
let browser: Browser;
before(async () => {
  rig = await startPosthogJsSite({ person_profiles: 'identified_only', capture_pageview: true, capture_pageleave: true }, (snippet) => ({
    '/page1.html': page('Page one', '/page2.html', snippet),
    '/page2.html': page('Page two', '/page3.html', snippet),
    '/page3.html': page('Page three', null, snippet),
  }));
  ({ warren, site, browser } = rig);
});
after(() => rig?.close());

interface SessionRow {
  entryPathname: string | null;
  exitPathname: string | null;
  entryUtmSource: string | null;
  channelType: string | null;
  pageviewCount: number;
  durationS: number;
}

async function sessionRow(sessionId: string): Promise<SessionRow | null> {
  const r = await api(warren, 'POST', '/api/projects/1/query/', {
    query: {
      kind: 'HogQLQuery',
      query: `select $entry_pathname, $exit_pathname, $entry_utm_source, $channel_type, $pageview_count, $session_duration
              from sessions where session_id = {session_id}`,
      values: { session_id: sessionId },
    },
    refresh: 'force_blocking',
  });
  if (r.status !== 200) throw new Error(`query failed ${r.status}: ${JSON.stringify(r.body)}`);
  const c = (r.body.results as unknown[][])[0];
  if (!c) return null;
  return {
    entryPathname: c[0] as string | null,
    exitPathname: c[1] as string | null,
    entryUtmSource: c[2] as string | null,
    channelType: c[3] as string | null,
    pageviewCount: Number(c[4]),
    durationS: Number(c[5]),
  };
}

test('posthog-js visit of three pages from a newsletter link: entry and exit page, Email channel, 3 pageviews, the time spent, and the overview counts it once', async () => {
  const context = await newDesktopContext(browser);
  const exchanges = recordExchanges(context, warren.url);
  const p = await context.newPage();
  const pageErrors = collectPageErrors(p);
  const diagnostics = () =>
    `requests to Warren: ${JSON.stringify(exchanges.exchanges)}\npage errors: ${pageErrors.join('\n')}\nWarren output: ${warren.output().slice(-4000)}`;

  const visitBegan = Date.now();
  await p.goto(`${site.url}/page1.html?utm_source=newsletter`);
  await loaded(p);
  // posthog-js captures the first pageview during init, so the session began no later than this.
  const firstPageviewBy = Date.now();
  const sessionId = await p.evaluate(() => posthog.get_session_id());
  await p.waitForTimeout(DWELL_MS);
  await p.click('#next');
  await p.waitForURL(`${site.url}/page2.html`);
  await loaded(p);
  await p.waitForTimeout(DWELL_MS);
  await p.click('#next');
  await p.waitForURL(`${site.url}/page3.html`);
  await loaded(p);
  assert.equal(await p.evaluate(() => posthog.get_session_id()), sessionId, 'one session across the three pages');
  await p.waitForTimeout(DWELL_MS);
  // The $pageleave of page 3 is captured on close, no earlier than this.
  const leftFrom = Date.now();
  await p.close({ runBeforeUnload: true });
  const visitEnded = Date.now();
  await exchanges.settled();

  // Page 3's pageview alone already makes it the exit page: wait for the last event, the $pageleave sent on close.
  await eventually(async () => {
    const r = await hogql(warren, `select count() from events where event = '$pageleave' and properties.$pathname = '/page3.html'`);
    return Number(r.results[0]?.[0]) === 1;
  }, 20_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diagnostics()}`);
  });
  const session = await sessionRow(sessionId);
  assert.ok(session, `no session ${sessionId}\n${diagnostics()}`);

  assert.equal(session.entryPathname, '/page1.html');
  assert.equal(session.exitPathname, '/page3.html');
  assert.equal(session.entryUtmSource, 'newsletter');
  assert.equal(session.channelType, 'Email');
  assert.equal(session.pageviewCount, 3);
  // `$session_duration` is whole seconds between the first and last event (dateDiff counts second boundaries), so it
  // lies between the floor of the span surely inside the session and the ceiling of the span around the whole visit.
  const atLeastS = Math.floor((leftFrom - firstPageviewBy) / 1000);
  const atMostS = Math.ceil((visitEnded - visitBegan) / 1000);
  assert.ok(atLeastS >= Math.floor((3 * DWELL_MS) / 1000), `the visit lasted at least the dwell time (${atLeastS} s)`);
  assert.ok(session.durationS >= atLeastS && session.durationS <= atMostS, `duration ${session.durationS} s within [${atLeastS}, ${atMostS}]`);

  const overview = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'WebOverviewQuery', dateRange: { date_from: 'dStart' }, properties: [] },
    refresh: 'force_blocking',
  });
  assert.equal(overview.status, 200, JSON.stringify(overview.body));
  const figures = Object.fromEntries((overview.body.results as { key: string; value: number | null }[]).map((item) => [item.key, item.value]));
  assert.equal(figures.visitors, 1, JSON.stringify(overview.body.results));
  assert.equal(figures.views, 3, JSON.stringify(overview.body.results));
  assert.equal(figures.sessions, 1, JSON.stringify(overview.body.results));
  assert.equal(figures['session duration'], session.durationS, 'the overview reports the one session\'s duration');
  assert.equal(figures['bounce rate'], 0, 'three pageviews are not a bounce');

  // A batch in flight when a link is followed may be aborted by the browser (the figures above show nothing was
  // lost); every request Warren did answer must have been accepted.
  const refused = exchanges.exchanges.filter((e) => e.status !== null && (e.status < 200 || e.status > 299));
  assert.deepEqual(refused, [], `requests Warren did not answer with 2xx:\n${JSON.stringify(refused, null, 1)}`);
  assert.deepEqual(pageErrors, [], 'the page logged no errors');
  await context.close();
});
