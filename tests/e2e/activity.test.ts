import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { PostHog } from 'posthog-node';
import { api, eventually } from '../support/api-client.js';
import { TEST_PROJECT_TOKEN } from '../support/spawn-warren.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

/** The stream checks every 2.5 s; an event sent now must show within a few checks and a flush. */
const ARRIVAL_TIMEOUT_MS = 15_000;

let session: WebAppSession;
let posthog: PostHog;
before(async () => {
  session = await openWebApp({ signedIn: true });
  posthog = new PostHog(TEST_PROJECT_TOKEN, { host: session.warren.url, flushAt: 1, flushInterval: 0 });
});
after(async () => {
  await posthog?.shutdown();
  await session?.close();
});

function stream(): Locator {
  return session.page.getByRole('table', { name: 'Events, newest first' });
}

/** The expand button of the (first) row of `event` in the stream. */
function eventButton(event: string): Locator {
  return stream().getByRole('button', { name: event, exact: true }).first();
}

test('a new project waits for its first event with the snippet, and turns green when it arrives, without a reload', async () => {
  const page = await openScreen(session, 'activity');
  await page.getByRole('heading', { name: 'Waiting for your first event' }).waitFor();
  const snippet = await page.getByRole('tabpanel').textContent();
  assert.ok(snippet?.includes(TEST_PROJECT_TOKEN), 'the snippet carries the project token');
  await session.screenshot('activity-waiting');

  // A reload would lose this mark: its survival proves the event came to the open page.
  await page.evaluate(() => Object.assign(window, { __warrenSamePage: true }));
  posthog.capture({ distinctId: 'ana-1', event: 'signed up', properties: { plan: 'pro', $current_url: 'https://shop.test/signup' } });
  await posthog.flush();

  await page.getByText('First event received: signed up').waitFor({ timeout: ARRIVAL_TIMEOUT_MS });
  await eventButton('signed up').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Waiting for your first event' }).count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __warrenSamePage?: boolean }).__warrenSamePage), true, 'the page was not reloaded');
  await session.screenshot('activity-first-event');
});

test('events stream in as they are sent, and the stream filters by event name and by property', async () => {
  const { page, warren } = session;
  posthog.capture({ distinctId: 'bob-2', event: 'viewed pricing', properties: { plan: 'free', $current_url: 'https://shop.test/pricing' } });
  posthog.identify({ distinctId: 'ana-1', properties: { email: 'ana@example.com' } });
  posthog.capture({ distinctId: 'ana-1', event: 'upgraded', properties: { plan: 'team' } });
  await posthog.flush();
  await eventButton('viewed pricing').waitFor({ timeout: ARRIVAL_TIMEOUT_MS });
  await eventButton('upgraded').waitFor({ timeout: ARRIVAL_TIMEOUT_MS });
  const row = stream().getByRole('row').filter({ has: page.getByRole('button', { name: 'viewed pricing' }) });
  assert.match((await row.textContent()) ?? '', /shop\.test\/pricing/);
  assert.match((await row.textContent()) ?? '', /posthog-node/);

  // Each filter settles to exactly its events (rows of the filter before may linger while the new one loads).
  await page.getByLabel('Event name').fill('viewed pricing');
  await eventButton('upgraded').waitFor({ state: 'detached' });
  await eventButton('signed up').waitFor({ state: 'detached' });
  await eventButton('viewed pricing').waitFor();

  await page.getByLabel('Event name').fill('');
  await page.getByRole('button', { name: '+ Add filter' }).click();
  await page.getByLabel('Property', { exact: true }).fill('plan');
  await page.getByLabel('Value').fill('team');
  await eventButton('viewed pricing').waitFor({ state: 'detached' });
  await eventButton('signed up').waitFor({ state: 'detached' });
  await eventButton('upgraded').waitFor();
  await session.screenshot('activity-filtered');

  // The filtered stream is still live: a matching event sent now shows up, a non-matching one does not.
  posthog.capture({ distinctId: 'carol-3', event: 'invited teammate', properties: { plan: 'team' } });
  posthog.capture({ distinctId: 'carol-3', event: 'opened settings', properties: { plan: 'free' } });
  await posthog.flush();
  await eventButton('invited teammate').waitFor({ timeout: ARRIVAL_TIMEOUT_MS });
  const stored = await api(warren, 'GET', '/api/projects/1/events/?event=opened%20settings');
  assert.equal(stored.body.results.length, 1, 'the non-matching event was stored');
  assert.equal(await eventButton('opened settings').count(), 0);

  await page.getByRole('button', { name: 'Remove filter' }).click();
  await eventButton('opened settings').waitFor();
});

test('expanding an event (by keyboard) shows all its properties, and its person is one click away', async () => {
  const { page, warren } = session;
  const button = eventButton('viewed pricing');
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const properties = page.getByRole('table', { name: 'Properties of viewed pricing' });
  await properties.waitFor();
  assert.equal(await properties.getByRole('row', { name: /^plan/ }).getByRole('cell').textContent(), 'free');
  assert.equal(await properties.getByRole('row', { name: /^\$current_url/ }).getByRole('cell').textContent(), 'https://shop.test/pricing');
  assert.equal(await properties.getByRole('row', { name: /^\$lib / }).getByRole('cell').textContent(), 'posthog-node');
  await session.screenshot('activity-expanded');

  await page.getByRole('link', { name: 'View person bob-2' }).click();
  await page.waitForURL(/\/project\/1\/persons\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: 'bob-2' }).waitFor();
  const bob = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=bob-2');
  assert.equal(page.url().split('/').at(-1), bob.body.results[0].id, 'the link leads to the person of the event');
});

test('pausing stops the live checks, and resuming brings in what arrived meanwhile', async () => {
  const { page, warren } = session;
  await openScreen(session, 'activity');
  await eventButton('signed up').waitFor();
  await page.getByRole('button', { name: 'Pause live' }).click();
  await page.getByRole('button', { name: 'Resume live' }).waitFor();

  let checks = 0;
  page.on('request', (request) => {
    if (request.url().includes('/events/') && request.url().includes('after=')) checks += 1;
  });
  posthog.capture({ distinctId: 'dan-4', event: 'sent while paused' });
  await posthog.flush();
  await eventually(async () => (await api(warren, 'GET', '/api/projects/1/events/?event=sent%20while%20paused')).body.results.length === 1);
  // Absence needs a span of time: longer than one check interval (2.5 s), no check may be made.
  await page.waitForTimeout(3_000);
  assert.equal(checks, 0, 'no live check while paused');
  assert.equal(await eventButton('sent while paused').count(), 0);

  await page.getByRole('button', { name: 'Resume live' }).click();
  await eventButton('sent while paused').waitFor({ timeout: ARRIVAL_TIMEOUT_MS });
  assert.ok(checks > 0);
});

test('a hidden tab makes no live checks, and showing it again checks at once', async () => {
  const { page, warren } = session;
  await openScreen(session, 'activity');
  await eventButton('signed up').waitFor();
  let checks = 0;
  page.on('request', (request) => {
    if (request.url().includes('/events/') && request.url().includes('after=')) checks += 1;
  });
  // Headless Chromium reports every tab as visible, so the page is told it is hidden the way a browser tells it.
  // A string, not a function: a function would be serialized with the test transpiler's helpers, which the page lacks.
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate(`
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${state}' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));`);
  await setVisibility('hidden');
  const before = checks;
  posthog.capture({ distinctId: 'erin-5', event: 'sent while hidden' });
  await posthog.flush();
  await eventually(async () => (await api(warren, 'GET', '/api/projects/1/events/?event=sent%20while%20hidden')).body.results.length === 1);
  // Absence needs a span of time: longer than one check interval (2.5 s), no check may be made.
  await page.waitForTimeout(3_000);
  assert.equal(checks, before, 'no live check while hidden');

  // Shown again, the page asks at once rather than at its next tick: the request leaves well inside one interval
  // (the answer itself may take longer on a busy machine, so it gets a generous wait).
  const asked = page.waitForRequest((request) => request.url().includes('/events/') && request.url().includes('after='), { timeout: 10_000 });
  const shownAt = Date.now();
  await setVisibility('visible');
  await asked;
  assert.ok(Date.now() - shownAt < 2_000, `asked ${Date.now() - shownAt} ms after being shown`);
  await eventButton('sent while hidden').waitFor({ timeout: 15_000 });
  await session.screenshot('activity-stream');
});
