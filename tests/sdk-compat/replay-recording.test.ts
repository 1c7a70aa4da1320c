import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseSnapshotLines, type SessionRecordingApi, type SnapshotSourcesApi } from '@warren/shared/replay-api';
import { ChdbEventStore } from '../../apps/server/src/storage/chdb-event-store.js';
import { api, eventually } from '../support/api-client.js';
import { newDesktopContext } from '../support/browser.js';
import { sitePage, startPosthogJsSite, type PosthogJsSite } from '../support/posthog-js-site.js';
import type { Site } from '../support/site-server.js';
import type { WarrenProcess } from '../support/spawn-warren.js';

declare const posthog: { __loaded?: boolean; sessionRecordingStarted(): boolean; get_session_id(): string };

const TYPED_TEXT = 'ada-lovelace-typed';
const TYPED_PASSWORD = 'hunter2-typed-pw';

const form = (snippet: string) =>
  sitePage(
    'Sign up',
    snippet,
    `<label>Name <input id="name" type="text"></label>
<label>Password <input id="password" type="password"></label>
<button id="save" type="button">Save</button>
<a id="next" href="/done.html">Continue</a>`,
  );
const done = (snippet: string) => sitePage('Done', snippet, `<button id="fail" type="button" onclick="console.error('payment failed')">Pay</button>`);

let rig: PosthogJsSite;
let warren: WarrenProcess;
let site: Site;
let browser: Browser;
before(async () => {
  rig = await startPosthogJsSite({ person_profiles: 'identified_only' }, (snippet) => ({ '/form.html': form(snippet), '/done.html': done(snippet) }));
  ({ warren, site, browser } = rig);
});
after(() => rig?.close());

async function recordingReady(p: Page): Promise<void> {
  await p.waitForFunction(() => typeof posthog !== 'undefined' && posthog.__loaded === true && posthog.sessionRecordingStarted(), null, { timeout: 10_000 });
}

test('posthog-js records a form, clicks, a navigation and a console error; the recording lists, plays and never holds typed values', async () => {
  const context = await newDesktopContext(browser);
  const p = await context.newPage();
  await p.goto(`${site.url}/form.html`);
  await recordingReady(p);
  const sessionId = await p.evaluate(() => posthog.get_session_id());
  await p.click('#name');
  await p.keyboard.type(TYPED_TEXT, { delay: 40 });
  await p.click('#password');
  await p.keyboard.type(TYPED_PASSWORD, { delay: 40 });
  await p.click('#save');
  await p.click('#next');
  await p.waitForURL(`${site.url}/done.html`);
  await recordingReady(p);
  await p.waitForTimeout(1500);
  await p.click('#fail');
  await p.waitForTimeout(500);
  await p.close({ runBeforeUnload: true });
  await context.close();

  const base = '/api/projects/1/session_recordings/';
  const recording = await eventually(async () => {
    const res = await api(warren, 'GET', base);
    const found = (res.body?.results ?? []) as SessionRecordingApi[];
    return found.length === 1 && found[0].console_error_count === 1 && found[0].click_count >= 5 ? found[0] : null;
  }, 30_000);
  assert.equal(recording.id, sessionId);
  assert.equal(recording.click_count, 5, 'name, password, save, continue and pay');
  assert.equal(recording.keypress_count, TYPED_TEXT.length + TYPED_PASSWORD.length, 'one input event per typed character');
  assert.equal(recording.console_error_count, 1);
  assert.equal(recording.start_url, `${site.url}/form.html`);
  assert.ok(recording.urls.includes(`${site.url}/done.html`));
  assert.equal(recording.retention_period_days, 30);
  assert.equal(recording.browser, 'Chrome');

  // Playback: the sources, then every block; the span of the events is the recording's duration.
  const sources = (await api(warren, 'GET', `${base}${sessionId}/snapshots/`)).body as SnapshotSourcesApi;
  assert.ok(sources.sources.length >= 1);
  const keys = sources.sources.map((s) => Number(s.blob_key));
  const res = await fetch(`${warren.url}${base}${sessionId}/snapshots/?source=blob_v2&start_blob_key=${keys[0]}&end_blob_key=${keys.at(-1)}`, {
    headers: { authorization: `Bearer ${warren.personalApiKey}` },
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/jsonl/);
  const body = await res.text();
  const lines = parseSnapshotLines(body);
  assert.ok(lines.some(([, e]) => e.type === 2 && typeof e.data === 'object'), 'a full snapshot, expanded');
  assert.ok(lines.filter(([, e]) => e.type === 3).length > 10, 'incremental events');
  const times = lines.map(([, e]) => e.timestamp);
  const spanSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
  assert.ok(Math.abs(recording.recording_duration - spanSeconds) <= 1, `duration ${recording.recording_duration} s vs events spanning ${spanSeconds} s`);
  assert.ok(recording.recording_duration >= 3, `the session lasted seconds: ${recording.recording_duration}`);

  // Masking: the typed values are in no API answer and nowhere in storage.
  const listText = JSON.stringify((await api(warren, 'GET', base)).body);
  for (const secret of [TYPED_TEXT, TYPED_PASSWORD]) {
    assert.ok(!body.includes(secret) && !listText.includes(secret), `${secret} in an API response`);
  }
  await warren.stop();
  const store = new ChdbEventStore(warren.dataDir);
  try {
    for (const [table, column] of [['session_replay_events', 'snapshot_data'], ['events', 'properties'], ['events', 'elements_chain']]) {
      for (const secret of [TYPED_TEXT, TYPED_PASSWORD]) {
        const found = await store.query(`SELECT count() FROM ${table} WHERE position(${column}, {s:String}) > 0`, { s: secret });
        assert.equal(Number(found.rows[0][0]), 0, `${secret} stored in ${table}.${column}`);
      }
    }
  } finally {
    await store.close();
  }
  for (const file of walk(warren.dataDir).filter((f) => !f.includes(`${path.sep}clickhouse${path.sep}`))) {
    const text = fs.readFileSync(file).toString('latin1');
    assert.ok(!text.includes(TYPED_TEXT) && !text.includes(TYPED_PASSWORD), `typed value in ${file}`);
  }
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}
