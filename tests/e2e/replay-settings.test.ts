import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

let session: WebAppSession;
let page: Page;
before(async () => {
  session = await openWebApp({ signedIn: true });
  page = await openScreen(session, 'settings');
});
after(async () => {
  await session?.close();
});

/** What posthog-js reads on its next page load: the project's remote config, as the SDK fetches it. */
async function remoteConfig(): Promise<Record<string, any>> {
  const res = await fetch(`${session.warren.url}/array/${session.warren.token}/config`);
  assert.equal(res.status, 200);
  return (await res.json()) as Record<string, any>;
}

test('the replay section shows the defaults posthog-js gets: inputs masked, console logs on, 30 days', async () => {
  const section = page.getByRole('region', { name: 'Session replay' });
  await section.waitFor();
  assert.equal(await section.getByRole('checkbox', { name: 'Mask all inputs' }).isChecked(), true);
  assert.equal(await section.getByRole('switch', { name: 'Record console logs' }).isChecked(), true);
  assert.equal(await section.getByLabel('Keep recordings for').inputValue(), '30d');
  const config = await remoteConfig();
  assert.deepEqual([config.sessionRecording.masking, config.sessionRecording.consoleLogRecordingEnabled, config.sessionRecording.sampleRate], [{ maskAllInputs: true }, true, null]);
});

test('changing replay settings in the screen changes the remote config posthog-js reads', async () => {
  const section = page.getByRole('region', { name: 'Session replay' });
  await section.getByLabel('Sample rate').fill('50');
  await section.getByLabel('Minimum duration').selectOption({ label: '2 seconds' });
  await section.getByLabel('Blocked URLs').fill('/admin/.*\n/billing$');
  await section.getByLabel('Mask text matching').fill('.pii');
  await section.getByLabel('Keep recordings for').selectOption('90d');
  await section.getByRole('button', { name: 'Save replay settings' }).click();
  await section.getByRole('status').filter({ hasText: 'Saved' }).last().waitFor();

  const recording = (await remoteConfig()).sessionRecording;
  assert.equal(recording.sampleRate, '0.5');
  assert.equal(recording.minimumDurationMilliseconds, 2000);
  assert.deepEqual(recording.urlBlocklist, [{ url: '/admin/.*', matching: 'regex' }, { url: '/billing$', matching: 'regex' }]);
  assert.deepEqual(recording.masking, { maskAllInputs: true, maskTextSelector: '.pii' });

  // Switches save at once.
  const consoleLogs = section.getByRole('switch', { name: 'Record console logs' });
  await consoleLogs.uncheck();
  await section.locator('.setting', { has: page.getByRole('switch', { name: 'Record console logs' }) }).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await remoteConfig()).sessionRecording.consoleLogRecordingEnabled, false);

  // The screen shows what was stored after a reload.
  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Session replay' });
  await reloaded.waitFor();
  assert.equal(await reloaded.getByLabel('Sample rate').inputValue(), '50');
  assert.equal(await reloaded.getByLabel('Keep recordings for').inputValue(), '90d');
  await session.screenshot('project-settings-replay');
});

test('a URL pattern that is no regular expression, or an unknown linked flag, is refused with the reason', async () => {
  const section = page.getByRole('region', { name: 'Session replay' });
  await section.getByLabel('URL triggers').fill('(unclosed');
  await section.getByRole('button', { name: 'Save replay settings' }).click();
  await section.getByRole('alert').filter({ hasText: '"(unclosed" is not a valid regular expression' }).waitFor();

  await section.getByLabel('URL triggers').fill('');
  await section.getByLabel('Linked feature flag').fill('no-such-flag');
  await section.getByRole('button', { name: 'Save replay settings' }).click();
  await section.getByRole('alert').filter({ hasText: 'No feature flag with key "no-such-flag"' }).waitFor();
  assert.equal((await remoteConfig()).sessionRecording.linkedFlag, null);
});
