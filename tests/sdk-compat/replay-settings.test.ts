import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../apps/server/src/platform/config.js';
import { createLogger } from '../../apps/server/src/platform/logger.js';
import { startWarren, type Warren } from '../../apps/server/src/runtime.js';
import { eventually } from '../support/api-client.js';
import { launchChromium, newDesktopContext, recordExchanges } from '../support/browser.js';
import { posthogLoaded, sitePage } from '../support/posthog-js-site.js';
import { snippetScript } from '../support/posthog-snippet.js';
import { startSite, staticPages, type Site } from '../support/site-server.js';
import { TEST_PERSONAL_API_KEY, TEST_PROJECT_TOKEN } from '../support/spawn-warren.js';

/*
 * Real posthog-js (from Warren's own /static/array.js) in headless Chromium, recording a page under the project's
 * replay settings, and the snapshots Warren stored read back from session_replay_events through the server's own
 * event store. Each case changes the settings through the API first, then opens a fresh browser context (no cached
 * remote config).
 */

declare const posthog: { __loaded?: boolean; sessionRecordingStarted(): boolean; get_session_id(): string };

const page = (title: string, body: string, snippet: string) => sitePage(title, snippet, `${body}<button id="go">Go</button><a id="next" href="/secret.html">Next</a>`);

let warren: Warren;
let url: string;
let site: Site;
let browser: Browser;
before(async () => {
  const config = loadConfig({
    WARREN_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'warren-replay-settings-')),
    WARREN_BOOTSTRAP_PROJECT_TOKEN: TEST_PROJECT_TOKEN,
    WARREN_BOOTSTRAP_PERSONAL_API_KEY: TEST_PERSONAL_API_KEY,
    WARREN_BOOTSTRAP_EMAIL: 'owner@example.com',
    WARREN_FLUSH_INTERVAL_MS: '100',
    WARREN_LOG_LEVEL: 'silent',
  });
  warren = await startWarren(config, createLogger('silent'));
  url = await warren.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  const snippet = snippetScript(TEST_PROJECT_TOKEN, { api_host: url, person_profiles: 'identified_only' });
  site = await startSite(
    staticPages({
      '/open.html': page('Open page', '<p class="pii">Ada-Lovelace-Secret</p><p>Plain-Visible-Text</p>', snippet),
      '/secret.html': page('Secret page', '<p>Blocked-Page-Text</p>', snippet),
    }),
  );
});
after(async () => {
  await browser?.close();
  await site?.close();
  await warren?.close();
});

async function patchProject(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/api/projects/1/`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${TEST_PERSONAL_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as Record<string, unknown>;
}

/** The rrweb events Warren stored for a session, with posthog-js's gzip-compressed fields (`cv: '2024-10'`) expanded. */
async function storedEvents(sessionId: string): Promise<Record<string, any>[]> {
  const result = await warren.deps.eventStore.query(
    'SELECT snapshot_data FROM session_replay_events WHERE team_id = {team:Int64} AND session_id = {session:String} ORDER BY first_event_ts',
    { team: 1, session: sessionId },
  );
  return result.rows.flatMap((row) => (JSON.parse(String(row[0])) as Record<string, any>[]).map(expand));
}

function expand(event: Record<string, any>): Record<string, any> {
  if (event.cv === undefined) return event;
  const gunzip = (value: unknown) => (typeof value === 'string' ? JSON.parse(gunzipSync(Buffer.from(value, 'latin1')).toString('utf8')) : value);
  if (typeof event.data === 'string') return { ...event, data: gunzip(event.data) };
  const data = { ...event.data };
  for (const field of ['texts', 'attributes', 'removes', 'adds']) data[field] = gunzip(data[field]);
  return { ...event, data };
}

const metaHrefs = (events: Record<string, any>[]) => events.filter((e) => e.type === 4).map((e) => String(e.data?.href));
const consoleEvents = (events: Record<string, any>[]) => events.filter((e) => e.type === 6 && e.data?.plugin === 'rrweb/console@1');

/** Opens the page in a fresh context and waits for posthog-js to have applied the remote config. */
async function openRecorded(pathname: string) {
  const context = await newDesktopContext(browser);
  const exchanges = recordExchanges(context, url);
  const p = await context.newPage();
  await p.goto(`${site.url}${pathname}`);
  await posthogLoaded(p);
  await eventually(async () => exchanges.exchanges.some((e) => e.path.includes(`/array/${TEST_PROJECT_TOKEN}/config`) && e.status === 200), 10_000);
  return { context, exchanges, page: p, sessionId: await p.evaluate(() => posthog.get_session_id()) };
}

async function interact(p: Page): Promise<void> {
  await p.click('#go');
  await p.mouse.move(200, 200);
  await p.mouse.move(300, 260);
}

test('recording off: posthog-js sends nothing to /s/', async () => {
  await patchProject({ session_recording_opt_in: false });
  const { context, exchanges, page: p } = await openRecorded('/open.html');
  await interact(p);
  // posthog-js flushes its snapshot buffer every 2 s; give it three flushes.
  await p.waitForTimeout(6_000);
  assert.equal(await p.evaluate(() => posthog.sessionRecordingStarted()), false);
  await exchanges.settled();
  assert.deepEqual(exchanges.to('/s/'), []);
  assert.ok(exchanges.exchanges.some((e) => e.path.startsWith('/e/') || e.path.startsWith('/i/v0/e/')), 'events were still captured');
  await context.close();
});

test('masked text selector and URL blocklist: the masked text and the blocked page never reach storage; console logs do', async () => {
  await patchProject({
    session_recording_opt_in: true,
    capture_console_log_opt_in: true,
    session_recording_masking_config: { maskTextSelector: '.pii' },
    session_recording_url_blocklist_config: [{ url: '/secret\\.html$', matching: 'regex' }],
  });
  const { context, page: p, sessionId } = await openRecorded('/open.html');
  await p.waitForFunction(() => posthog.sessionRecordingStarted(), null, { timeout: 10_000 });
  await p.evaluate(() => console.log('console-marker-open'));
  await interact(p);
  const open = await eventually(async () => {
    const events = await storedEvents(sessionId);
    return events.some((e) => e.type === 2) && consoleEvents(events).length > 0 ? events : null;
  }, 20_000);
  await p.click('#next');
  await p.waitForURL(`${site.url}/secret.html`);
  await posthogLoaded(p);
  await interact(p);
  await p.waitForTimeout(5_000);
  await context.close();
  const events = await storedEvents(sessionId);
  const text = JSON.stringify(events);

  assert.ok(metaHrefs(open).includes(`${site.url}/open.html`), 'the open page was recorded');
  assert.ok(text.includes('Plain-Visible-Text'), 'unmasked text is stored as it is');
  assert.ok(!text.includes('Ada-Lovelace-Secret'), 'text under the mask selector never left the browser');
  assert.ok(text.includes('*'.repeat('Ada-Lovelace-Secret'.length)), 'rrweb stored the masked text as asterisks');
  assert.ok(JSON.stringify(consoleEvents(events)).includes('console-marker-open'), 'console capture on: the log was recorded');
  assert.ok(!metaHrefs(events).some((href) => href.includes('/secret.html')), `no snapshot of the blocked page: ${metaHrefs(events).join(', ')}`);
  assert.ok(!text.includes('Blocked-Page-Text'), 'the blocked page content never left the browser');
});

test('console capture off: no console plugin events are recorded', async () => {
  await patchProject({ capture_console_log_opt_in: false, session_recording_masking_config: null, session_recording_url_blocklist_config: [] });
  const { context, page: p, sessionId } = await openRecorded('/open.html');
  await p.waitForFunction(() => posthog.sessionRecordingStarted(), null, { timeout: 10_000 });
  await p.evaluate(() => console.error('console-marker-late'));
  await interact(p);
  const events = await eventually(async () => {
    const stored = await storedEvents(sessionId);
    return stored.some((e) => e.type === 2) && stored.some((e) => e.type === 3) ? stored : null;
  }, 20_000);
  await p.waitForTimeout(3_000);
  await context.close();
  const all = [...events, ...(await storedEvents(sessionId))];
  assert.ok(JSON.stringify(all).includes('Ada-Lovelace-Secret'), 'masking back to defaults: the text is recorded');
  assert.deepEqual(consoleEvents(all), []);
});
