import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually } from '../support/api-client.js';
import { rawRequest } from '../support/capture-client.js';
import { generateRecording, snapshotRequestBody, type GeneratedRecording } from '../support/rrweb-recording-generator.js';
import { TEST_PROJECT_TOKEN } from '../support/spawn-warren.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

// A generated 30-minute posthog-js recording (rrweb events at realistic rates, navigations, idle gaps) must start
// playing in under a second: the player fetches the first snapshot block and starts on it, the rest arriving behind.
const THIRTY_MINUTES_MS = 30 * 60_000;
const FIRST_FRAME_BUDGET_MS = 1_000;
let session: WebAppSession;
let recording: GeneratedRecording;

before(async () => {
  session = await openWebApp({ signedIn: true });
  const { warren } = session;
  recording = generateRecording({ seed: 11, durationMs: THIRTY_MINUTES_MS, startMs: Date.now() - THIRTY_MINUTES_MS - 60_000, distinctId: 'long-visit', token: TEST_PROJECT_TOKEN, navigations: 6 });
  for (const request of recording.requests) {
    const res = await rawRequest(warren, { path: `/s/?compression=gzip-js&ver=1.449.2&_=${request.sentAtMs}`, headers: { 'content-type': 'text/plain' }, body: snapshotRequestBody(request) });
    assert.equal(res.status, 200, res.text);
  }
  await eventually(async () => {
    const r = await api(warren, 'GET', `/api/projects/1/session_recordings/${recording.sessionId}/`);
    return r.status === 200 && r.body.recording_duration >= THIRTY_MINUTES_MS / 1000 - 2;
  }, 60_000);
});
after(async () => {
  await session?.close();
});

test('a 30-minute recording starts playing in under a second, and the rest of it loads behind', async () => {
  const { page, warren } = session;
  const sources = (await api(warren, 'GET', `/api/projects/1/session_recordings/${recording.sessionId}/snapshots/`)).body.sources as unknown[];
  assert.ok(sources.length > 1, `the recording is stored in several blocks (${sources.length})`);

  // The app itself is loaded once first (a returning user has it cached); the measure is the player's own work. On
  // two cores shared with other test processes a single load can stall on the machine rather than the player, so the
  // best of five loads must make the budget (all five are printed).
  await openScreen(session, 'replay');
  const timings: number[] = [];
  for (let run = 0; run < 5; run++) {
    await page.goto(`${warren.url}/project/1/replay/${recording.sessionId}`);
    await page.locator('.replay-mount[data-first-frame="true"]').waitFor();
    await page.frameLocator('.replay-mount iframe').getByText('Bean & Leaf').first().waitFor();
    // performance marks count from the navigation's start.
    timings.push(await page.evaluate(() => performance.getEntriesByName('replay-first-frame')[0]!.startTime));
  }
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(
    `30-minute recording (${recording.summary.rrwebEvents} rrweb events, ${(recording.summary.rrwebJsonBytes / 1e6).toFixed(1)} MB JSON, ${sources.length} blocks): ` +
      `first frame at ${timings.map((t) => t.toFixed(0)).join(', ')} ms after navigation (best ${sorted[0]!.toFixed(0)}, median ${sorted[2]!.toFixed(0)})`,
  );
  assert.ok(sorted[0]! < FIRST_FRAME_BUDGET_MS, `first frame after ${sorted[0]!.toFixed(0)} ms at best`);
  await session.screenshot('replay-long-recording-first-frame');

  // The blocks behind the first keep coming: the loaded part of the timeline reaches the end, and a seek near the end
  // draws the page there.
  await page.waitForFunction(() => (document.querySelector('.replay-loaded') as HTMLElement | null)?.style.width === '100%', undefined, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByLabel('Seek').fill(String(THIRTY_MINUTES_MS - 30_000));
  await eventually(async () => (await page.getByLabel('Position').textContent())?.startsWith('29:30 /'));
  await page.frameLocator('.replay-mount iframe').getByText('Bean & Leaf').first().waitFor();

  // A link deep into the recording (as from an event 25 minutes in) waits for the blocks up to there, then plays on from it.
  await page.goto(`${warren.url}/project/1/replay/${recording.sessionId}?t=${25 * 60_000}`);
  await page.waitForFunction(() => (document.querySelector('.replay-loaded') as HTMLElement | null)?.style.width === '100%', undefined, { timeout: 60_000 });
  await page.locator('.replay-player[data-status="playing"]').waitFor();
  await page.waitForTimeout(500); // a few ticks of the clock, which follows the Replayer every 100 ms while it plays
  const position = (await page.getByLabel('Position').textContent()) ?? '';
  assert.match(position, /^25:\d\d \//, `plays on from 25:00, not from where the first block ended (${position})`);
  await page.frameLocator('.replay-mount iframe').getByText('Bean & Leaf').first().waitFor();
});
