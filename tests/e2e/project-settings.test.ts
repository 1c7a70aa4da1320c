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

/** A REST call as a script would make it, with a personal API key (the test install's all-scopes key by default). */
async function apiGet(path: string, key = session.warren.personalApiKey): Promise<Response> {
  return fetch(session.warren.url + path, { headers: { authorization: `Bearer ${key}` } });
}

async function storedProject(): Promise<Record<string, unknown>> {
  const res = await apiGet('/api/projects/1/');
  assert.equal(res.status, 200);
  return (await res.json()) as Record<string, unknown>;
}

test('the set-up snippet carries the project token and this server’s address, for each place to install it', async () => {
  await page.getByRole('heading', { name: 'Project settings' }).waitFor();
  const panel = page.getByRole('tabpanel');
  const html = await panel.innerText();
  assert.ok(html.includes(session.warren.token), 'the HTML snippet has the project token');
  assert.ok(html.includes(`api_host: '${session.warren.url}'`), 'the HTML snippet points at this server');
  await page.getByRole('tab', { name: 'Django' }).click();
  assert.equal(await page.getByRole('tab', { name: 'Django' }).getAttribute('aria-selected'), 'true');
  const django = await panel.innerText();
  assert.match(django, /\{% if user\.is_authenticated %\}/);
  assert.ok(django.includes(session.warren.token) && django.includes(session.warren.url));
  await page.getByRole('tab', { name: 'posthog-node' }).click();
  assert.ok((await panel.innerText()).includes(`new PostHog('${session.warren.token}', { host: '${session.warren.url}' })`));
  await session.screenshot('project-settings');
});

test('choosing a timezone saves it to the project', async () => {
  assert.notEqual((await storedProject()).timezone, 'Asia/Tokyo');
  const select = page.getByLabel('Timezone');
  await select.selectOption('Asia/Tokyo');
  await page.locator('.setting', { has: select }).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await storedProject()).timezone, 'Asia/Tokyo');
  await page.reload();
  await page.getByRole('heading', { name: 'Project settings' }).waitFor();
  assert.equal(await page.getByLabel('Timezone').inputValue(), 'Asia/Tokyo');
});

test('discard client IP data, autocapture and session replay are saved as soon as they are switched', async () => {
  const discardIp = page.getByRole('switch', { name: 'Discard client IP data' });
  assert.equal(await discardIp.isChecked(), false);
  assert.equal((await storedProject()).anonymize_ips, false);
  await discardIp.check();
  await page.locator('.setting', { has: discardIp }).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await storedProject()).anonymize_ips, true);

  // Autocapture shows as on, and is stored as PostHog's opt-out flag.
  const autocapture = page.getByRole('switch', { name: 'Autocapture' });
  assert.equal(await autocapture.isChecked(), true);
  await autocapture.focus();
  await page.keyboard.press('Space');
  await page.locator('.setting', { has: autocapture }).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal(await autocapture.isChecked(), false);
  const stored = await storedProject();
  assert.equal(stored.autocapture_opt_out, true);
  assert.equal(stored.anonymize_ips, true, 'the other settings are left as they were');

  // Session replay starts on (Warren's default) and is turned off.
  const replay = page.getByRole('switch', { name: 'Session replay' });
  assert.equal(await replay.isChecked(), true);
  await replay.uncheck();
  await page.locator('.setting', { has: replay }).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await storedProject()).session_recording_opt_in, false);
  await session.screenshot('project-settings-data-capture');

  await discardIp.uncheck();
  await page.locator('.setting', { has: discardIp }).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await storedProject()).anonymize_ips, false);
});

test('the project is renamed, and a blank name is refused before it is sent', async () => {
  const name = page.getByLabel('Project name');
  await name.fill('   ');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('alert').filter({ hasText: 'cannot be blank' }).waitFor();
  assert.equal((await storedProject()).name, 'Default project');
  await name.fill('Shop');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.locator('form.setting').getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await storedProject()).name, 'Shop');
  // The project switcher in the shell follows.
  await page.getByRole('option', { name: 'Shop' }).waitFor({ state: 'attached' });
});

test('a personal API key is shown once after creation, works as a Bearer token, and stops working once deleted', async () => {
  await page.getByRole('button', { name: 'Create personal API key' }).click();
  await page.getByLabel('Label').fill('E2E script');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByRole('textbox', { name: 'New key value', exact: true });
  await secret.waitFor();
  const value = await secret.inputValue();
  assert.match(value, /^phx_/);
  await page.getByText('It will not be shown again.').waitFor();
  await page.getByRole('row', { name: /E2E script/ }).getByText('All access').waitFor();
  await session.screenshot('project-settings-new-api-key');

  assert.equal((await apiGet('/api/projects/', value)).status, 200);
  // The list shows the key masked, never its value.
  const listed = await page.getByRole('table').filter({ hasText: 'E2E script' }).innerText();
  assert.ok(!listed.includes(value));

  await page.getByRole('button', { name: 'I have copied it' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'New key value', exact: true }).count(), 0);

  await page.getByRole('button', { name: 'Delete key E2E script' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete key/ });
  await dialog.waitFor();
  await session.screenshot('project-settings-delete-api-key');
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await page.getByRole('row', { name: /E2E script/ }).waitFor({ state: 'detached' });
  assert.equal((await apiGet('/api/projects/', value)).status, 401);
});

test('a key limited to picked scopes is stored with them, and rolling it replaces its value', async () => {
  await page.getByRole('button', { name: 'Create personal API key' }).click();
  await page.getByLabel('Label').fill('Query only');
  await page.getByRole('radio', { name: /Only the scopes picked below/ }).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByRole('alert').filter({ hasText: 'at least one scope' }).waitFor();
  await page.getByLabel('Query access').selectOption('read');
  await page.getByRole('button', { name: 'Create key' }).click();
  const first = await page.getByRole('textbox', { name: 'New key value', exact: true }).inputValue();

  const keys = (await (await apiGet('/api/personal_api_keys/')).json()) as { label: string; scopes: string[] }[];
  assert.deepEqual(keys.find((k) => k.label === 'Query only')?.scopes, ['query:read']);
  // Authenticated, but without project:read.
  assert.equal((await apiGet('/api/projects/', first)).status, 403);

  await page.getByRole('button', { name: 'Roll key Query only' }).click();
  // Cancelling leaves the key alone.
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal((await apiGet('/api/projects/', first)).status, 403);

  await page.getByRole('button', { name: 'Roll key Query only' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Roll key' }).click();
  await page.getByRole('heading', { name: /rolled/ }).waitFor();
  const rolled = await page.getByRole('textbox', { name: 'New key value', exact: true }).inputValue();
  assert.notEqual(rolled, first);
  assert.equal((await apiGet('/api/projects/', first)).status, 401);
  assert.equal((await apiGet('/api/projects/', rolled)).status, 403);
});

test('resetting the project token asks first, then shows the new token in the snippet', async () => {
  const before = (await storedProject()).api_token as string;
  await page.getByRole('button', { name: 'Reset token' }).click();
  await page.getByRole('dialog', { name: /Reset the project API token/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal((await storedProject()).api_token, before);

  await page.getByRole('button', { name: 'Reset token' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset token' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  const after = (await storedProject()).api_token as string;
  assert.notEqual(after, before);
  assert.match(after, /^phc_/);
  await page.getByRole('tabpanel').getByText(after, { exact: false }).waitFor();
  assert.ok(!(await page.getByRole('tabpanel').innerText()).includes(before));
});

test('an admin sees the organization’s members and invites someone by a link, then withdraws it', async () => {
  const organization = (await storedProject()).organization as string;
  await page.getByRole('row', { name: /owner@example\.com/ }).getByRole('cell', { name: 'Owner', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Create invite link' }).click();
  await page.getByRole('alert').filter({ hasText: 'Enter the email address' }).waitFor();
  await page.getByLabel('Email').fill('ana@example.com');
  await page.getByLabel('Level').selectOption({ label: 'Admin' });
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  assert.match(link, new RegExp(`^${session.warren.url.replace(/\./g, '\\.')}/signup/\\S+$`));
  await page.getByRole('row', { name: /ana@example\.com/ }).getByRole('cell', { name: 'Admin', exact: true }).waitFor();
  await session.screenshot('project-settings-members');

  const invites = async () =>
    ((await (await apiGet(`/api/organizations/${organization}/invites/`)).json()) as { results: { target_email: string; level: number }[] }).results;
  assert.deepEqual(
    (await invites()).map((i) => [i.target_email, i.level]),
    [['ana@example.com', 8]],
  );

  await page.getByRole('button', { name: 'Withdraw invite for ana@example.com' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw invite' }).click();
  await page.getByRole('row', { name: /ana@example\.com/ }).waitFor({ state: 'detached' });
  assert.deepEqual(await invites(), []);
});
