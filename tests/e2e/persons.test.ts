import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PostHog } from 'posthog-node';
import { api, eventually } from '../support/api-client.js';
import { TEST_PROJECT_TOKEN } from '../support/spawn-warren.js';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

let session: WebAppSession;
let anaId: string;

before(async () => {
  session = await openWebApp({ signedIn: true });
  const posthog = new PostHog(TEST_PROJECT_TOKEN, { host: session.warren.url, flushAt: 1, flushInterval: 0 });
  // Ana browses anonymously, signs up and is identified: one person with two distinct ids and three events.
  posthog.capture({ distinctId: 'anon-ana', event: 'viewed pricing', properties: { $current_url: 'https://shop.test/pricing' } });
  posthog.identify({ distinctId: 'ana-1', properties: { $set: { email: 'ana@example.com', name: 'Ana Lima', plan: 'pro' } } });
  posthog.alias({ distinctId: 'ana-1', alias: 'anon-ana' });
  posthog.capture({ distinctId: 'ana-1', event: 'upgraded', properties: { plan: 'pro' } });
  posthog.identify({ distinctId: 'bob-2', properties: { $set: { email: 'bob@example.com' } } });
  posthog.capture({ distinctId: 'bob-2', event: 'opened app' });
  posthog.capture({ distinctId: 'carol-3', event: 'opened app', properties: { $process_person_profile: true } });
  await posthog.shutdown();
  const { warren } = session;
  anaId = await eventually(async () => {
    const ana = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=ana-1');
    const person = ana.body.results[0];
    return person?.distinct_ids.length === 2 && person.properties.email === 'ana@example.com' ? (person.id as string) : null;
  });
  await eventually(async () => (await api(warren, 'GET', `/api/projects/1/events/?person_id=${anaId}`)).body.results.length >= 3);
  await eventually(async () => (await api(warren, 'GET', '/api/projects/1/persons/?search=carol-3')).body.results.length === 1);
});
after(async () => {
  await session?.close();
});

test('the persons list shows everyone, and search narrows it by email, name or distinct id', async () => {
  const page = await openScreen(session, 'persons');
  const table = page.getByRole('table');
  for (const name of ['ana@example.com', 'bob@example.com', 'carol-3']) await table.getByRole('link', { name }).waitFor();
  await session.screenshot('persons-list');

  await page.getByLabel('Search persons').fill('ana@');
  await table.getByRole('link', { name: 'bob@example.com' }).waitFor({ state: 'detached' });
  await table.getByRole('link', { name: 'ana@example.com' }).waitFor();
  assert.equal(await table.getByRole('link', { name: 'carol-3' }).count(), 0);
  await page.waitForURL(/search=ana%40/);

  await page.getByLabel('Search persons').fill('Lima');
  await table.getByRole('link', { name: 'ana@example.com' }).waitFor();
  await page.getByLabel('Search persons').fill('carol');
  await table.getByRole('link', { name: 'carol-3' }).waitFor();
  await table.getByRole('link', { name: 'ana@example.com' }).waitFor({ state: 'detached' });

  await page.getByLabel('Search persons').fill('nobody-like-this');
  await page.getByText('No person matches “nobody-like-this”.').waitFor();
});

test("a person's page shows their properties, distinct ids and events, newest first", async () => {
  const page = await openScreen(session, 'persons?search=ana');
  await page.getByRole('table').getByRole('link', { name: 'ana@example.com' }).click();
  await page.waitForURL(new RegExp(`/project/1/persons/${anaId}$`));
  await page.getByRole('heading', { level: 1, name: 'ana@example.com' }).waitFor();

  const properties = page.getByRole('table', { name: 'Properties of ana@example.com' });
  assert.equal(await properties.getByRole('row', { name: /^name/ }).getByRole('cell').textContent(), 'Ana Lima');
  assert.equal(await properties.getByRole('row', { name: /^plan/ }).getByRole('cell').textContent(), 'pro');

  const ids = page.getByRole('region', { name: 'Distinct IDs' }).getByRole('listitem');
  assert.deepEqual((await ids.allTextContents()).sort(), ['ana-1', 'anon-ana']);

  const events = page.getByRole('table', { name: 'Events of ana@example.com, newest first' });
  await events.getByRole('button', { name: 'upgraded' }).waitFor();
  const names = await events.locator('tbody .event-row .expand-button').allTextContents();
  assert.deepEqual(
    names.map((n) => n.replace(/^[▸▾]/, '')),
    ['upgraded', '$create_alias', '$identify', 'viewed pricing'],
  );
  await events.getByRole('button', { name: 'viewed pricing' }).click();
  const detail = page.getByRole('table', { name: 'Properties of viewed pricing' });
  assert.equal(await detail.getByRole('row', { name: /^\$current_url/ }).getByRole('cell').textContent(), 'https://shop.test/pricing');
  await session.screenshot('person-page');
});

test('deleting a person with their events asks first, returns to the list, and the server forgets them and their events', async () => {
  const { page, warren } = session;
  await openScreen(session, `persons/${anaId}`);
  await page.getByRole('button', { name: 'Delete person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete ana@example.com?' });
  await dialog.waitFor();
  // Cancelling deletes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await api(warren, 'GET', `/api/projects/1/persons/${anaId}/`)).status, 200);

  await page.getByRole('button', { name: 'Delete person' }).click();
  await dialog.getByLabel('Also delete their events and recordings (done in the background)').check();
  await session.screenshot('person-delete-dialog');
  await dialog.getByRole('button', { name: 'Delete person' }).click();
  await page.waitForURL(/\/project\/1\/persons$/);
  await page.getByText('Deleted ana@example.com.').waitFor();
  await page.getByRole('table').getByRole('link', { name: 'bob@example.com' }).waitFor();
  assert.equal(await page.getByRole('table').getByRole('link', { name: 'ana@example.com' }).count(), 0);
  await session.screenshot('persons-after-delete');

  assert.equal((await api(warren, 'GET', `/api/projects/1/persons/${anaId}/`)).status, 404);
  assert.equal((await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=anon-ana')).body.results.length, 0);
  await eventually(async () => {
    const status = await api(warren, 'GET', `/api/projects/1/persons/deletion_status/?person_uuid=${anaId}`);
    return status.body.results[0]?.status === 'completed';
  }, 30_000);
  const left = await api(warren, 'GET', '/api/projects/1/events/?distinct_id=ana-1');
  const anaEvents = await api(warren, 'GET', `/api/projects/1/events/?person_id=${anaId}`);
  assert.equal(left.body.results.length + anaEvents.body.results.length, 0, "Ana's events are gone");
  const bobEvents = await api(warren, 'GET', '/api/projects/1/events/?event=opened%20app');
  assert.equal(bobEvents.body.results.length, 2, "everyone else's events are kept");

  await openScreen(session, `persons/${anaId}`);
  await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
});
