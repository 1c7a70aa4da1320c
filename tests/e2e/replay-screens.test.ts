import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PostHog } from 'posthog-node';
import { api, eventually } from '../support/api-client.js';
import { collectPageErrors } from '../support/browser.js';
import { rawRequest } from '../support/capture-client.js';
import { generateRecording, snapshotRequestBody, type GeneratedRecording } from '../support/rrweb-recording-generator.js';
import { TEST_PROJECT_TOKEN, type WarrenProcess } from '../support/spawn-warren.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

// Three generated posthog-js recordings sent through `POST /s/` as the SDK sends them (gzip bodies, compressed
// full snapshots and mutations): Ana's two-minute visit with a navigation half way, an older one of hers, and Bob's.
// Ana's visit also has events carrying its $session_id: a pageview at its start and "added to cart" 40 s in.
let session: WebAppSession;
let ana: GeneratedRecording;
let anaOlder: GeneratedRecording;
let bob: GeneratedRecording;
/** Carol's session was recorded in two tabs: the second opened 8 s after the first. */
let carolTabs: [GeneratedRecording, GeneratedRecording];
let anaPersonId: string;
const ADDED_AT_MS = 40_000;
const ERROR_AT_MS = 50_000;

async function ingest(warren: WarrenProcess, recording: GeneratedRecording): Promise<void> {
  for (const request of recording.requests) {
    const res = await rawRequest(warren, { path: `/s/?compression=gzip-js&ver=1.449.2&_=${request.sentAtMs}`, headers: { 'content-type': 'text/plain' }, body: snapshotRequestBody(request) });
    assert.equal(res.status, 200, res.text);
  }
}

/** One more `$snapshot` of the session: a `console.error` as rrweb's console plugin records it. */
async function ingestConsoleError(warren: WarrenProcess, recording: GeneratedRecording, atMs: number, message: string): Promise<void> {
  const error = { type: 6, timestamp: atMs, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [JSON.stringify(message)], trace: ['at pay (https://shop.example.com/assets/app.js:1:42)'] } } };
  const snapshot = {
    uuid: randomUUID(),
    event: '$snapshot',
    timestamp: new Date(atMs).toISOString(),
    properties: { $snapshot_data: [error], $snapshot_bytes: 300, $session_id: recording.sessionId, $window_id: recording.windowId, $lib: 'web', token: TEST_PROJECT_TOKEN, distinct_id: recording.distinctId },
  };
  const res = await rawRequest(warren, { path: '/s/', headers: { 'content-type': 'text/plain' }, body: JSON.stringify([snapshot]) });
  assert.equal(res.status, 200, res.text);
}

before(async () => {
  session = await openWebApp({ signedIn: true });
  const { warren } = session;
  const now = Date.now();
  const recordingOf = (seed: number, distinctId: string, startMs: number, durationMs: number) =>
    generateRecording({ seed, distinctId, startMs, durationMs, token: TEST_PROJECT_TOKEN, navigations: durationMs >= 60_000 ? 1 : 0 });
  ana = recordingOf(3, 'ana-1', now - 20 * 60_000, 120_000);
  anaOlder = recordingOf(4, 'ana-1', now - 50 * 60_000, 25_000);
  bob = recordingOf(5, 'bob-2', now - 40 * 60_000, 30_000);
  const carolStart = now - 70 * 60_000;
  const carolFirst = recordingOf(6, 'carol-3', carolStart, 20_000);
  carolTabs = [carolFirst, generateRecording({ seed: 7, sessionId: carolFirst.sessionId, distinctId: 'carol-3', startMs: carolStart + 8_000, durationMs: 20_000, token: TEST_PROJECT_TOKEN, navigations: 0 })];
  for (const r of [ana, anaOlder, bob, ...carolTabs]) await ingest(warren, r);
  await ingestConsoleError(warren, ana, ana.summary.startMs + ERROR_AT_MS, 'Payment failed: card declined');

  const posthog = new PostHog(TEST_PROJECT_TOKEN, { host: warren.url, flushAt: 1, flushInterval: 0 });
  posthog.identify({ distinctId: 'ana-1', properties: { $set: { email: 'ana@example.com' } } });
  const sessionProps = { $session_id: ana.sessionId, $window_id: ana.windowId, $current_url: 'https://shop.example.com/', $pathname: '/' };
  posthog.capture({ distinctId: 'ana-1', event: '$pageview', properties: sessionProps, timestamp: new Date(ana.summary.startMs + 500) });
  posthog.capture({ distinctId: 'ana-1', event: 'added to cart', properties: sessionProps, timestamp: new Date(ana.summary.startMs + ADDED_AT_MS) });
  await posthog.shutdown();

  await eventually(async () => (await api(warren, 'GET', '/api/projects/1/session_recordings/')).body?.results?.length === 4, 30_000);
  await eventually(async () => {
    const events = await api(warren, 'GET', `/api/projects/1/events/?event=added%20to%20cart&after=-2h`);
    return events.body.results[0]?.person?.properties?.email === 'ana@example.com';
  });
  anaPersonId = (await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=ana-1')).body.results[0].id;
});
after(async () => {
  await session?.close();
});

test('the list shows each recording with its person, length and counts, and the filters narrow it', async () => {
  const { warren } = session;
  const page = await openScreen(session, 'replay');
  const table = page.getByRole('table', { name: 'Recordings' });
  await table.getByRole('row').nth(4).waitFor();
  // Newest first: Ana's visit, Bob's, Ana's older one, Carol's (one recording for her two tabs).
  const people = await table.locator('tbody tr td:first-child a').allTextContents();
  assert.deepEqual(people, ['ana@example.com', 'bob-2', 'ana@example.com', 'carol-3']);

  const stored = (await api(warren, 'GET', `/api/projects/1/session_recordings/${ana.sessionId}/`)).body;
  const anaRow = table.getByRole('row').nth(1);
  const cells = await anaRow.getByRole('cell').allTextContents();
  assert.match(cells[0]!, /New/, 'not watched yet');
  assert.equal(cells[1], 'shop.example.com');
  assert.match(cells[3]!, /^(1:59|2:00)$/, `a two-minute recording, not ${cells[3]}`);
  assert.equal(Number(cells[5]), ana.summary.clicks);
  assert.equal(Number(cells[5]), stored.click_count);
  assert.equal(Number(cells[6]), ana.summary.keypresses);
  assert.equal(Number(cells[7]), ana.summary.console.error + 1);
  await session.screenshot('replay-list');

  await page.getByLabel('Person (distinct ID)').fill('bob-2');
  await page.waitForURL(/distinct_id=bob-2/);
  await table.getByRole('link', { name: 'ana@example.com' }).first().waitFor({ state: 'detached' });
  assert.deepEqual(await table.locator('tbody tr td:first-child a').allTextContents(), ['bob-2']);
  await page.getByLabel('Person (distinct ID)').fill('');
  await table.getByRole('link', { name: 'ana@example.com' }).first().waitFor();

  await page.getByLabel('Performed event').fill('added to cart');
  await table.getByRole('link', { name: 'bob-2' }).waitFor({ state: 'detached' });
  assert.equal(await table.locator('tbody tr').count(), 1, 'only the session with the event');
  await page.getByLabel('Performed event').fill('');
  await table.getByRole('link', { name: 'bob-2' }).waitFor();

  await page.getByLabel('Duration').selectOption('60');
  await table.getByRole('link', { name: 'bob-2' }).waitFor({ state: 'detached' });
  assert.equal(await table.locator('tbody tr').count(), 1, 'only the recording over a minute');
  await page.getByLabel('Duration').selectOption('0');

  await page.getByLabel('Order by').selectOption('duration');
  await page.waitForURL(/order=duration/);
  await eventually(async () => {
    const seconds = (await table.locator('tbody tr td:nth-child(4)').allTextContents()).map((t) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]));
    return seconds.length === 4 && seconds.every((s, i) => i === 0 || s <= seconds[i - 1]!) && seconds[0]! >= 119;
  });
  assert.equal(await table.locator('tbody tr td:nth-child(4)').last().textContent(), await cellOf(warren, anaOlder));

  const withErrors = [[anaOlder], [bob], carolTabs].filter((tabs) => tabs.some((r) => r.summary.console.error > 0)).length + 1;
  await page.getByLabel('Only with console errors').check();
  await page.waitForURL(/errors=1/);
  await eventually(async () => (await table.locator('tbody tr').count()) === withErrors);
  await table.getByRole('row', { name: /ana@example.com/ }).first().waitFor();
});

/** Waits for the player's clock to read `pattern`; fails saying where it stayed. */
async function waitForPosition(page: Page, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  let last = '';
  await eventually(async () => pattern.test((last = (await page.getByLabel('Position').textContent()) ?? '')), timeoutMs).catch(() => {
    throw new Error(`the player's clock stayed at "${last}", never ${pattern}`);
  });
}

/** The duration cell a recording's row shows, as the API reports it. */
async function cellOf(warren: WarrenProcess, recording: GeneratedRecording): Promise<string> {
  const seconds = (await api(warren, 'GET', `/api/projects/1/session_recordings/${recording.sessionId}/`)).body.recording_duration as number;
  return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

test('the player draws the recorded page, seeks along a timeline of the session, and shows its console and network', async () => {
  const { page, warren } = session;
  const errors = collectPageErrors(page);
  await openScreen(session, 'replay');
  await page.getByRole('table', { name: 'Recordings' }).getByRole('row').nth(1).getByRole('link').click();
  await page.waitForURL(new RegExp(`/project/1/replay/${ana.sessionId}$`));
  await page.getByRole('heading', { level: 1, name: 'Recording of ana@example.com' }).waitFor();

  // The first frame: the shop page Ana saw, rebuilt in the player's frame.
  const frame = page.frameLocator('.replay-mount iframe');
  await frame.getByText('Bean & Leaf').first().waitFor();
  await page.locator('.replay-mount[data-first-frame="true"]').waitFor();
  await page.getByRole('button', { name: 'Pause' }).waitFor();

  // The timeline marks the session's events and the recording's clicks; a mark seeks to its moment.
  const moments = page.getByRole('list', { name: 'Moments' });
  await moments.getByRole('button', { name: 'added to cart at 0:40' }).waitFor();
  await moments.getByRole('button', { name: /^Pageview \/ at 0:00$/ }).waitFor();
  if (ana.summary.clicks > 0) assert.ok((await moments.getByRole('button', { name: /^Click at / }).count()) > 0, 'clicks are marked');
  await moments.getByRole('button', { name: 'Console error: Payment failed: card declined at 0:50' }).waitFor();

  await page.getByRole('button', { name: 'Pause' }).click();
  await moments.getByRole('button', { name: 'added to cart at 0:40' }).click();
  await waitForPosition(page, /^0:40 \//);
  // The same from the keyboard: a mark is a button that takes focus.
  await page.getByLabel('Seek').fill('0');
  await moments.getByRole('button', { name: 'added to cart at 0:40' }).focus();
  await page.keyboard.press('Enter');
  await waitForPosition(page, /^0:40 \//);
  await frame.getByText('Bean & Leaf').first().waitFor();

  // Half way and past the navigation: the second page is drawn from its own full snapshot.
  await page.getByLabel('Seek').fill('90000');
  await waitForPosition(page, /^1:30 \//);
  await frame.getByText('Bean & Leaf').first().waitFor();
  const bodyText = await frame.locator('body').textContent();
  assert.ok(bodyText && bodyText.includes('Newsletter'), 'the recorded page is rendered mid-recording');
  await session.screenshot('replay-player-mid-recording');

  // Speed and skipping.
  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: '4×' }).click();
  assert.equal(await page.getByRole('button', { name: '4×' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('button', { name: '1×' }).getAttribute('aria-pressed'), 'false');
  assert.equal(await page.getByLabel('Skip inactivity').isChecked(), true);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await waitForPosition(page, /^(1:3[2-9]|1:[45]\d|2:00) \//, 30_000);
  await page.getByRole('button', { name: 'Pause' }).click();

  // The session's events, its console and its network requests.
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByRole('tab', { name: /Events/ }).click();
  await inspector.getByRole('button', { name: 'Go to added to cart at 0:40' }).waitFor();
  await inspector.getByRole('tab', { name: /Console/ }).click();
  const consoleLines = inspector.getByRole('list', { name: 'Console' }).getByRole('listitem');
  const consoleTotal = ana.summary.console.log + ana.summary.console.warn + ana.summary.console.error + 1;
  await eventually(async () => (await consoleLines.count()) === consoleTotal, 30_000);
  assert.equal(await inspector.locator('.replay-log li.log-error').count(), ana.summary.console.error + 1);
  await inspector.getByText('Payment failed: card declined').waitFor();
  await inspector.getByLabel('Show').selectOption('error');
  assert.equal(await consoleLines.count(), ana.summary.console.error + 1);
  await inspector.getByRole('button', { name: 'Go to 0:50' }).click();
  await waitForPosition(page, /^0:50 \//);
  await inspector.getByRole('tab', { name: /Network/ }).click();
  assert.ok((await inspector.getByRole('table', { name: 'Network requests' }).getByRole('row').count()) > 1, 'requests are listed');
  await session.screenshot('replay-player-network');

  // Ana's other recording is one click away; opening this one marked it watched.
  const facts = page.getByRole('complementary', { name: 'About this recording' });
  assert.equal(await facts.getByRole('link').filter({ hasText: /·/ }).count(), 1);
  const viewed = await session.context.request.get(`${warren.url}/api/projects/1/session_recordings/${ana.sessionId}/`);
  assert.equal((await viewed.json()).viewed, true);
  await page.getByRole('link', { name: '← All recordings' }).click();
  const anaRow = page.getByRole('table', { name: 'Recordings' }).getByRole('row').nth(1);
  await eventually(async () => !(await anaRow.getByRole('cell').first().textContent())?.includes('New'));
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
});

test("an event of a recorded session opens the player at its moment, and a person's page lists their recordings", async () => {
  const { page } = session;
  await openScreen(session, 'activity');
  await page.getByRole('button', { name: 'added to cart' }).click();
  await page.getByRole('link', { name: 'Watch the recording at this moment' }).click();
  await page.waitForURL(new RegExp(`/project/1/replay/${ana.sessionId}\\?at=`));
  await page.frameLocator('.replay-mount iframe').getByText('Bean & Leaf').first().waitFor();
  const position = (await page.getByLabel('Position').textContent()) ?? '';
  assert.match(position, /^0:4\d \//, `opens at the event (0:40), not ${position}`);

  await openScreen(session, `persons/${anaPersonId}`);
  const recordings = page.getByRole('region', { name: 'Recordings' }).getByRole('link');
  await recordings.first().waitFor();
  assert.equal(await recordings.count(), 2);
  await recordings.first().click();
  await page.waitForURL(new RegExp(`/project/1/replay/${ana.sessionId}$`));
});

test('an unknown recording says so', async () => {
  const page = await openScreen(session, 'replay/no-such-session');
  await page.getByRole('heading', { level: 1, name: 'Recording not found' }).waitFor();
});

test('a session recorded in two tabs plays one tab at a time, and switching tabs keeps the moment', async () => {
  const [first, second] = carolTabs;
  const page = await openScreen(session, `replay/${first.sessionId}`);
  const frame = page.frameLocator('.replay-mount iframe');
  await frame.getByText(headingOf(first)).waitFor();
  const tabs = page.getByLabel('Window', { exact: true });
  await tabs.locator('option').nth(1).waitFor({ state: 'attached' });
  assert.deepEqual(await tabs.locator('option').allTextContents(), ['Tab 1', 'Tab 2']);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByLabel('Seek').fill('15000');
  await waitForPosition(page, /^0:15 \//);
  // At 0:15 both tabs are open; the first is shown, not whichever tab last drew a whole page.
  await frame.getByText(headingOf(first)).waitFor();
  assert.equal(await frame.getByText(headingOf(second)).count(), 0, "the second tab's page is not mixed in");

  await tabs.selectOption({ label: 'Tab 2' });
  await frame.getByText(headingOf(second)).waitFor();
  assert.equal(await frame.getByText(headingOf(first)).count(), 0);
  await waitForPosition(page, /^0:1[5-9] \//);
});

/** The text of the first page's h1 in a generated recording (each seed writes its own). */
function headingOf(recording: GeneratedRecording): string {
  type Node = { tagName?: string; textContent?: string; childNodes?: Node[] };
  const full = recording.rrwebEvents.find((e) => e.type === 2) as { data: { node: Node } } | undefined;
  const find = (node: Node): string | null => {
    if (node.tagName === 'h1') return node.childNodes?.[0]?.textContent ?? null;
    for (const child of node.childNodes ?? []) {
      const found = find(child);
      if (found) return found;
    }
    return null;
  };
  const heading = full && find(full.data.node);
  if (!heading) throw new Error('the generated page has no h1');
  return heading;
}

test('an ongoing recording keeps playing: what it records after the player opened arrives and plays on', async () => {
  const { page, warren } = session;
  const errors = collectPageErrors(page);
  const start = Date.now() - 100_000;
  const live = generateRecording({ seed: 9, distinctId: 'dan-4', startMs: start, durationMs: 80_000, token: TEST_PROJECT_TOKEN, navigations: 0 });
  const sentBy = (request: { sentAtMs: number }) => request.sentAtMs <= start + 40_000;
  await ingest(warren, { ...live, requests: live.requests.filter(sentBy) });
  await eventually(async () => (await api(warren, 'GET', `/api/projects/1/session_recordings/${live.sessionId}/`)).body?.ongoing === true, 30_000);

  await openScreen(session, `replay/${live.sessionId}`);
  await page.getByText('Ongoing', { exact: true }).waitFor();
  await page.frameLocator('.replay-mount iframe').locator('body').waitFor();
  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: '8×' }).click();
  // At the end of what was recorded so far the player waits for more instead of ending.
  await page.getByRole('status').getByText('Waiting for the recording to go on…').waitFor({ timeout: 30_000 });
  const before = (await page.getByLabel('Position').textContent())!;
  assert.match(before, /\/ 0:[34]\d$/, `about 40 s recorded when the player opened, not ${before}`);

  await ingest(warren, { ...live, requests: live.requests.filter((r) => !sentBy(r)) });
  await ingestConsoleError(warren, live, start + 75_000, 'Live: checkout failed');
  // The player asks for new snapshots every few seconds and plays on from where it waited.
  await waitForPosition(page, /^(0:5\d|1:\d\d) \/ 1:[12]\d$/, 40_000);
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByRole('tab', { name: /Console/ }).click();
  await inspector.getByText('Live: checkout failed').waitFor({ timeout: 20_000 });
  // The recorded page's own images point at its (unreachable) site; anything else would be the player's.
  assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), [], 'no page errors while following');
});

test('the list hides the recordings I have watched when asked, on the server, so its pages stay full', async () => {
  const { page } = session;
  // Watched in the tests above: Ana's visit, Carol's two tabs and Dan's ongoing recording; Bob's and Ana's older one were only listed.
  await openScreen(session, 'replay');
  const table = page.getByRole('table', { name: 'Recordings' });
  await table.getByRole('row').nth(5).waitFor();
  await page.getByLabel('Hide recordings I have watched').check();
  await page.waitForURL(/hide_viewed=1/);
  await table.getByRole('link', { name: 'carol-3' }).waitFor({ state: 'detached' });
  assert.deepEqual(await table.locator('tbody tr td:first-child a').allTextContents(), ['bob-2', 'ana@example.com']);
  await page.getByLabel('Hide recordings I have watched').uncheck();
  await table.getByRole('link', { name: 'carol-3' }).waitFor();
});
