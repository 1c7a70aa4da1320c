import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { api, eventually, hogql } from '../support/api-client.js';
import { collectPageErrors, launchChromium, newDesktopContext, recordExchanges, type ExchangeLog } from '../support/browser.js';
import { posthogLoaded } from '../support/posthog-js-site.js';
import { aliasMessage, batchBody, captureMessage, POSTHOG_PYTHON_VERSION, PosthogPython5 } from '../support/posthog-python-wire.js';
import { snippetFromWelcome } from '../support/posthog-snippet.js';
import { startSeedFlaskApp, type SeedApp } from '../support/seed-flask-app.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/sdk');

declare const posthog: { __loaded?: boolean; get_distinct_id(): string; get_property(key: string): unknown };

interface RecordedRequest {
  step: string;
  path: string;
  all_headers: Record<string, string>;
  body_base64: string;
  body: { batch: { timestamp: string; distinct_id: string }[]; sentAt: string; api_key: string };
}

function legacyPythonRecord(stepPrefix: string): RecordedRequest {
  const records = fs
    .readFileSync(path.join(FIXTURES, 'posthog-python-legacy.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedRequest);
  const record = records.find((r) => r.step.startsWith(stepPrefix) && r.path === '/batch/');
  assert.ok(record, `fixture step ${stepPrefix}`);
  return record;
}

test('the posthog-python 5.4.0 wire helper rebuilds the recorded seed requests byte for byte', () => {
  const m01 = legacyPythonRecord('M01');
  const capture = captureMessage('user-id', 'User Signed Up', {}, { timestamp: m01.body.batch[0].timestamp });
  assert.equal(batchBody([capture], { apiKey: m01.body.api_key, sentAt: m01.body.sentAt }), Buffer.from(m01.body_base64, 'base64').toString('utf8'));

  const m02 = legacyPythonRecord('M02');
  const alias = aliasMessage(m02.body.batch[0].distinct_id, 42, { timestamp: m02.body.batch[0].timestamp });
  assert.equal(batchBody([alias], { apiKey: m02.body.api_key, sentAt: m02.body.sentAt }), Buffer.from(m02.body_base64, 'base64').toString('utf8'));
  assert.equal(m02.all_headers['user-agent'], `posthog-python/${POSTHOG_PYTHON_VERSION}`);
});

let warren: WarrenProcess;
let app: SeedApp;
let browser: Browser;
let python: PosthogPython5;
before(async () => {
  warren = await spawnWarren();
  browser = await launchChromium();
  // What a user pastes: the snippet Warren printed on its first start (posthog.api_key / host as it printed them).
  const snippet = snippetFromWelcome(warren.output());
  assert.ok(snippet.includes(`api_host: '${warren.url}'`), snippet);
  python = new PosthogPython5(warren.token, warren.url);
  app = await startSeedFlaskApp({ posthogSnippet: snippet, posthog: python });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await warren?.stop();
});

/**
 * Clicks through to the next page once the page's requests to Warren are answered: a click sooner than a person would
 * make it navigates away under posthog-js's first send, and the browser aborts that fetch (net::ERR_ABORTED, seen
 * when the machine was busy) whatever the server does.
 */
async function visit(page: Page, exchanges: ExchangeLog, click: string, path: string): Promise<void> {
  await exchanges.settled();
  await page.click(click);
  await page.waitForURL(`${app.url}${path}`);
  await posthogLoaded(page);
}

test('the seed tutorial flow: anonymous visits, login with alias from the Flask app, then visits as 42 form one person', async () => {
  const context = await newDesktopContext(browser);
  const exchanges = recordExchanges(context, warren.url);
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  const diagnostics = () =>
    `app SDK calls: ${app.sdkCalls.join('; ')}\nrequests to Warren: ${JSON.stringify(exchanges.exchanges)}\npage errors: ${pageErrors.join('\n')}\nWarren output: ${warren.output().slice(-4000)}`;

  // Anonymous: the session gets a uuid, and the page identifies the browser with it.
  await page.goto(`${app.url}/`);
  await posthogLoaded(page);
  const sessionUuid = app.sessionUserIds[0] as string;
  assert.match(sessionUuid, /^[0-9a-f-]{36}$/);
  const deviceId = (await page.evaluate(() => posthog.get_property('$device_id'))) as string;
  assert.equal(await page.evaluate(() => posthog.get_distinct_id()), sessionUuid);
  assert.notEqual(deviceId, sessionUuid);
  await visit(page, exchanges, '#pricing', '/pricing');

  // Log in: the app captures the sign-up, and its next request aliases the uuid to 42 and renders identify("42").
  await visit(page, exchanges, '#login', '/login');
  await visit(page, exchanges, '#submit-login', '/');
  assert.deepEqual(app.sdkCalls, [`capture(42, 'User Signed Up')`, `alias(${sessionUuid}, 42)`]);
  assert.equal(await page.evaluate(() => posthog.get_distinct_id()), '42');
  await visit(page, exchanges, '#account', '/account');
  await visit(page, exchanges, '#pricing', '/pricing');
  await page.close({ runBeforeUnload: true });
  await exchanges.settled();

  for (const sent of python.sent) assert.deepEqual([sent.status, sent.responseText], [200, '{"status":1}'], sent.body);

  type Row = [event: string, distinctId: string, pathname: string | null, lib: string, personId: string];
  const rows = await eventually(async () => {
    const r = await hogql(warren, `select event, distinct_id, properties.$pathname, properties.$lib, toString(person_id) from events order by timestamp`);
    const list = r.results as Row[];
    const done = list.some(([event, , pathname]) => event === '$pageleave' && pathname === '/pricing') && list.filter(([event, id]) => event === '$pageview' && id === '42').length >= 3;
    return done ? list : null;
  }, 20_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diagnostics()}`);
  });
  const describe = () => rows.map((r) => r.join(' ')).join('\n');
  const find = (event: string, distinctId: string, pathname?: string) =>
    rows.filter(([e, id, p]) => e === event && id === distinctId && (pathname === undefined || p === pathname));

  // Everything the tutorial produces is there, under the ids it was sent with.
  assert.ok(find('$pageview', sessionUuid, '/pricing').length === 1, describe());
  assert.ok(rows.some(([e, id, p]) => e === '$pageview' && (id === sessionUuid || id === deviceId) && p === '/'), describe());
  assert.equal(find('$identify', sessionUuid).length, 1, describe());
  const identify = await hogql(warren, `select properties.$anon_distinct_id from events where event = '$identify'`);
  assert.deepEqual(identify.results, [[deviceId]], 'identify("<uuid>") linked the browser\'s anonymous id');
  assert.equal(find('User Signed Up', '42').length, 1, describe());
  assert.equal(find('User Signed Up', '42')[0][3], 'posthog-python');
  assert.equal(find('$create_alias', sessionUuid).length, 1, describe());
  for (const p of ['/', '/account', '/pricing']) assert.equal(find('$pageview', '42', p).length, 1, `${p}\n${describe()}`);

  // One person: before and after login, browser and server.
  const personIds = new Set(rows.map((r) => r[4]));
  assert.equal(personIds.size, 1, `every event belongs to one person:\n${describe()}`);
  const distinctPersons = await hogql(warren, `select count(distinct person_id) from events`);
  assert.equal(Number(distinctPersons.results[0][0]), 1);

  const person = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=42');
  assert.equal(person.status, 200, JSON.stringify(person.body));
  assert.equal(person.body.results.length, 1, JSON.stringify(person.body));
  assert.deepEqual([...person.body.results[0].distinct_ids].sort(), [deviceId, sessionUuid, '42'].sort());
  assert.equal(person.body.results[0].uuid, [...personIds][0], 'the events point at the person the API lists');
  assert.equal(person.body.results[0].is_identified, true);
  // The person posthog-python's capture created for "42" before the alias was merged away, not left behind.
  const persons = await hogql(warren, `select count() from persons`);
  assert.equal(Number(persons.results[0][0]), 1, 'one person row');

  const bad = exchanges.exchanges.filter((e) => e.failure !== null || (e.status !== null && (e.status < 200 || e.status > 299)));
  assert.deepEqual(bad, [], `requests Warren did not answer with 2xx:\n${JSON.stringify(bad, null, 1)}\n${diagnostics()}`);
  assert.deepEqual(pageErrors, [], 'the page logged no errors');
  await context.close();
});
