import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openScreen, openWebApp, type WebAppSession } from '../support/web-app.js';

/**
 * The fixture universe: four persons with a plan, and what they did in the last days.
 *   ann  pro   3 × $pageview of /pricing
 *   bob  pro   1 × purchase
 *   cat  free  1 × $pageview of /pricing
 *   dan  free  1 × $pageview of /home
 */
const PEOPLE = [
  { id: 'ann', plan: 'pro', email: 'ann@example.com' },
  { id: 'bob', plan: 'pro', email: 'bob@example.com' },
  { id: 'cat', plan: 'free', email: 'cat@example.com' },
  { id: 'dan', plan: 'free', email: 'dan@example.com' },
];
const HOUR_MS = 3_600_000;

let session: WebAppSession;
let page: Page;

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
  await seed();
});
after(async () => {
  await session?.close();
});

/** Sends the universe through the capture API and waits until the persons API shows every person's plan. */
async function seed(): Promise<void> {
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();
  const pageview = (id: string, path: string, hoursAgo: number) => ({
    event: '$pageview',
    distinct_id: id,
    timestamp: at(hoursAgo),
    properties: { $current_url: `https://shop.example${path}` },
  });
  const batch = [
    ...PEOPLE.map((p) => ({ event: '$identify', distinct_id: p.id, timestamp: at(48), properties: { $set: { plan: p.plan, email: p.email } } })),
    pageview('ann', '/pricing', 30),
    pageview('ann', '/pricing?ref=ad', 20),
    pageview('ann', '/pricing', 10),
    { event: 'purchase', distinct_id: 'bob', timestamp: at(5), properties: { amount: 49 } },
    pageview('cat', '/pricing', 4),
    pageview('dan', '/home', 3),
  ];
  const res = await fetch(`${session.warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_key: session.warren.token, batch }),
  });
  assert.equal(res.status, 200, await res.text());
  await waitFor(async () => {
    const persons = (await restGet('/persons/?limit=100')) as { results: { properties: { plan?: string } }[] };
    const events = (await restGet('/events/?limit=100')) as { results: unknown[] };
    return persons.results.filter((p) => p.properties.plan).length === PEOPLE.length && events.results.length === batch.length;
  }, 'the seeded persons and events to be stored');
}

async function restGet(path: string): Promise<unknown> {
  const res = await fetch(`${session.warren.url}/api/projects/1${path}`, { headers: { authorization: `Bearer ${session.warren.personalApiKey}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The distinct ids of a cohort's members, through the REST API. */
async function memberIds(cohortId: number): Promise<string[]> {
  const page = (await restGet(`/cohorts/${cohortId}/persons/`)) as { results: { distinct_ids: string[] }[] };
  return page.results.flatMap((p) => p.distinct_ids).sort();
}

/** The id in the page's URL once it shows one (a click on a link navigates a moment later). */
async function idFromUrl(kind: 'cohorts' | 'actions'): Promise<number> {
  await page.waitForURL(new RegExp(`/${kind}/\\d+$`));
  const match = new RegExp(`/${kind}/(\\d+)$`).exec(page.url());
  assert.ok(match, `expected a ${kind} URL, got ${page.url()}`);
  return Number(match[1]);
}

/** The names in the persons table of the open cohort. */
async function shownMembers(): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Persons in the cohort' });
  return (await table.getByRole('link').allTextContents()).sort();
}

test('an empty project teaches what a cohort is and offers to create one', async () => {
  await openScreen(session, 'cohorts');
  await page.getByRole('heading', { name: 'No cohorts yet' }).waitFor();
  await session.screenshot('cohorts-empty');
});

test('a dynamic cohort of a person property shows the persons it holds once the server has calculated it', async () => {
  await openScreen(session, 'cohorts');
  await page.getByRole('link', { name: 'New cohort' }).first().click();
  await page.getByRole('heading', { name: 'New cohort' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Paying customers');
  const criterion = page.getByRole('group', { name: 'Group 1, criterion 1' });
  await criterion.getByLabel('Person property').fill('plan');
  await criterion.getByLabel('Value').fill('pro');
  await session.screenshot('cohort-new');
  await page.getByRole('button', { name: 'Create cohort' }).click();

  await page.waitForURL(/\/cohorts\/\d+$/);
  const id = await idFromUrl('cohorts');
  const status = page.getByRole('status').filter({ hasText: /person/ });
  await status.getByText('2 persons').waitFor();
  await page.getByRole('link', { name: 'bob@example.com' }).waitFor();
  assert.deepEqual(await shownMembers(), ['ann@example.com', 'bob@example.com']);
  const href = await page.getByRole('link', { name: 'ann@example.com' }).getAttribute('href');
  assert.match(href ?? '', /^\/project\/1\/persons\/[0-9a-f-]{36}$/);
  await session.screenshot('cohort-person-property');

  const stored = (await restGet(`/cohorts/${id}/`)) as { name: string; is_static: boolean; count: number; cohort_type: string; filters: unknown };
  assert.deepEqual([stored.name, stored.is_static, stored.count, stored.cohort_type], ['Paying customers', false, 2, 'person_property']);
  assert.deepEqual(stored.filters, {
    properties: { type: 'OR', values: [{ type: 'AND', values: [{ type: 'person', key: 'plan', operator: 'exact', value: 'pro' }] }] },
  });
  assert.deepEqual(await memberIds(id), ['ann', 'bob']);
});

test('a behavioural cohort counts how often persons did an event', async () => {
  await page.goto(`${session.warren.url}/project/1/cohorts/new`);
  await page.getByLabel('Name', { exact: true }).fill('Frequent pricing viewers');
  const criterion = page.getByRole('group', { name: 'Group 1, criterion 1' });
  await criterion.getByLabel('Criterion type').selectOption({ label: 'Behaviour' });
  await criterion.getByLabel('Behaviour', { exact: true }).selectOption({ label: 'performed a number of times' });
  await criterion.getByLabel('Event', { exact: true }).fill('$pageview');
  await criterion.getByLabel('How many times').selectOption({ label: 'at least' });
  await criterion.getByLabel('Times', { exact: true }).fill('2');
  await criterion.getByLabel('Time window').fill('7');
  await criterion.getByLabel('Time unit').selectOption({ label: 'days' });
  await page.getByRole('button', { name: 'Create cohort' }).click();

  await page.waitForURL(/\/cohorts\/\d+$/);
  const id = await idFromUrl('cohorts');
  await page.getByRole('status').getByText('1 person', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'ann@example.com' }).waitFor();
  assert.deepEqual(await shownMembers(), ['ann@example.com']);
  await session.screenshot('cohort-behavioural');

  const stored = (await restGet(`/cohorts/${id}/`)) as { cohort_type: string; count: number; filters: { properties: { values: { values: unknown[] }[] } } };
  assert.deepEqual([stored.cohort_type, stored.count], ['behavioral', 1]);
  assert.deepEqual(stored.filters.properties.values[0]!.values[0], {
    type: 'behavioral',
    value: 'performed_event_multiple',
    event_type: 'events',
    key: '$pageview',
    time_value: 7,
    time_interval: 'day',
    operator: 'gte',
    operator_value: 2,
  });
  assert.deepEqual(await memberIds(id), ['ann']);
});

test('a cohort can be defined by not being in another cohort', async () => {
  await page.goto(`${session.warren.url}/project/1/cohorts/new`);
  await page.getByLabel('Name', { exact: true }).fill('Everyone else');
  const criterion = page.getByRole('group', { name: 'Group 1, criterion 1' });
  await criterion.getByLabel('Criterion type').selectOption({ label: 'Cohort membership' });
  await criterion.getByLabel('Membership').selectOption({ label: 'is not in cohort' });
  await criterion.getByLabel('Cohort', { exact: true }).selectOption({ label: 'Paying customers' });
  await page.getByRole('button', { name: 'Create cohort' }).click();

  await page.waitForURL(/\/cohorts\/\d+$/);
  const id = await idFromUrl('cohorts');
  await page.getByRole('status').getByText('2 persons').waitFor();
  await page.getByRole('link', { name: 'dan@example.com' }).waitFor();
  assert.deepEqual(await shownMembers(), ['cat@example.com', 'dan@example.com']);
  const paying = (await restGet('/cohorts/?search=Paying')) as { results: { id: number }[] };
  const stored = (await restGet(`/cohorts/${id}/`)) as { filters: { properties: { values: { values: unknown[] }[] } } };
  assert.deepEqual(stored.filters.properties.values[0]!.values[0], { type: 'cohort', key: 'id', value: paying.results[0]!.id, negation: true });
  assert.deepEqual(await memberIds(id), ['cat', 'dan']);
});

test('a static cohort is made from an uploaded CSV of distinct ids, and a member can be removed', async () => {
  await page.goto(`${session.warren.url}/project/1/cohorts/new`);
  await page.getByLabel('Name', { exact: true }).fill('Beta testers');
  await page.getByRole('radio', { name: /Static/ }).check();
  await page.getByLabel('CSV file of persons').setInputFiles({ name: 'beta.csv', mimeType: 'text/csv', buffer: Buffer.from('distinct_id\ncat\ndan\nnobody\n') });
  await page.getByRole('button', { name: 'Create cohort' }).click();

  await page.waitForURL(/\/cohorts\/\d+$/);
  const id = await idFromUrl('cohorts');
  await page.getByRole('status').getByText('2 persons').waitFor();
  await page.getByRole('link', { name: 'dan@example.com' }).waitFor();
  assert.deepEqual(await shownMembers(), ['cat@example.com', 'dan@example.com']);
  await session.screenshot('cohort-static');
  const stored = (await restGet(`/cohorts/${id}/`)) as { is_static: boolean; count: number };
  assert.deepEqual([stored.is_static, stored.count], [true, 2]);
  assert.deepEqual(await memberIds(id), ['cat', 'dan']);

  await page.getByRole('button', { name: 'Remove dan@example.com from the cohort' }).click();
  await page.getByRole('status').getByText('1 person', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'dan@example.com' }).waitFor({ state: 'detached' });
  assert.deepEqual(await memberIds(id), ['cat']);

  await page.getByLabel('CSV file to add').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from('bob\n') });
  await page.getByRole('button', { name: 'Add persons' }).click();
  await page.getByRole('status').getByText('2 persons').waitFor();
  await page.getByRole('link', { name: 'bob@example.com' }).waitFor();
  assert.deepEqual(await memberIds(id), ['bob', 'cat']);
});

test('the cohorts list shows each cohort with its count and kind, and searches by name', async () => {
  await openScreen(session, 'cohorts');
  const table = page.getByRole('table', { name: 'Cohorts' });
  await table.getByRole('link', { name: 'Beta testers' }).waitFor();
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  assert.deepEqual(await row('Paying customers').getByRole('cell').allInnerTexts().then((c) => c.slice(1, 3)), ['2', 'Dynamic · person properties']);
  assert.deepEqual(await row('Frequent pricing viewers').getByRole('cell').allInnerTexts().then((c) => c.slice(1, 3)), ['1', 'Dynamic · behavioural']);
  assert.deepEqual(await row('Beta testers').getByRole('cell').allInnerTexts().then((c) => c.slice(1, 3)), ['2', 'Static']);
  assert.match(await row('Paying customers').getByRole('cell').last().innerText(), /Olivia/);
  await session.screenshot('cohorts');

  await page.getByLabel('Search cohorts').fill('PAY');
  await table.getByRole('link', { name: 'Beta testers' }).waitFor({ state: 'detached' });
  assert.deepEqual(await table.getByRole('link').allTextContents(), ['Paying customers']);
});

test('deleting a cohort asks first, then removes it from the list and the API', async () => {
  await openScreen(session, 'cohorts');
  await page.getByRole('link', { name: 'Beta testers' }).click();
  await page.getByRole('heading', { name: 'Beta testers', level: 1 }).waitFor();
  const id = await idFromUrl('cohorts');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete cohort “Beta testers”?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(((await restGet(`/cohorts/${id}/`)) as { name: string }).name, 'Beta testers', 'cancel keeps it');

  await page.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Yes, delete' }).click();
  await page.waitForURL(/\/cohorts$/);
  await page.getByRole('link', { name: 'Paying customers' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Beta testers' }).count(), 0);
  const res = await fetch(`${session.warren.url}/api/projects/1/cohorts/${id}/`, { headers: { authorization: `Bearer ${session.warren.personalApiKey}` } });
  assert.equal(res.status, 404);
});

test('an action of a pricing page view or a purchase is stored with both steps and counts its matching events', async () => {
  await openScreen(session, 'actions');
  await page.getByRole('heading', { name: 'No actions yet' }).waitFor();
  await page.getByRole('link', { name: 'New action' }).first().click();
  await page.getByRole('heading', { name: 'New action' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Pricing interest');
  await page.getByLabel('Description').fill('Looked at prices or bought');
  const first = page.getByRole('group', { name: 'Step 1', exact: true });
  await first.getByLabel('Step 1 kind').selectOption({ label: 'Page view' });
  await first.getByLabel('Page URL matching').selectOption({ label: 'contains' });
  await first.getByRole('textbox', { name: 'Page URL' }).fill('/pricing');
  await page.getByRole('button', { name: '+ Add step' }).click();
  const second = page.getByRole('group', { name: 'Step 2', exact: true });
  await second.getByLabel('Step 2 kind').selectOption({ label: 'Custom event' });
  await second.getByLabel('Event name').fill('purchase');
  await session.screenshot('action-new');
  await page.getByRole('button', { name: 'Create action' }).click();

  await page.waitForURL(/\/actions\/\d+$/);
  const id = await idFromUrl('actions');
  // ann's three pricing page views, cat's one, bob's purchase; not dan's /home nor the $identify events.
  await page.getByRole('status').getByText('5', { exact: true }).waitFor();
  await session.screenshot('action-editor');

  const stored = (await restGet(`/actions/${id}/`)) as { name: string; description: string; steps: Record<string, unknown>[] };
  assert.deepEqual([stored.name, stored.description], ['Pricing interest', 'Looked at prices or bought']);
  assert.deepEqual(
    stored.steps.map((s) => [s.event, s.url, s.url_matching]),
    [
      ['$pageview', '/pricing', 'contains'],
      ['purchase', null, null],
    ],
  );

  // Narrowing the URL to an exact match is counted afresh on save: no pricing URL is exactly "/pricing".
  await page.getByRole('group', { name: 'Step 1', exact: true }).getByLabel('Page URL matching').selectOption({ label: 'matches exactly' });
  await page.getByRole('button', { name: 'Save action' }).click();
  await page.getByRole('status').getByText('1', { exact: true }).waitFor();
  assert.equal(((await restGet(`/actions/${id}/`)) as { steps: { url_matching: string }[] }).steps[0]!.url_matching, 'exact');
});

test('the actions list summarises the steps, searches by name, and an action can be deleted', async () => {
  await openScreen(session, 'actions');
  const table = page.getByRole('table', { name: 'Actions' });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Pricing interest' }) });
  await row.waitFor();
  assert.equal(await row.getByRole('cell').nth(1).innerText(), 'Pageview where URL matches exactly “/pricing” or purchase');
  await session.screenshot('actions');
  await page.getByLabel('Search actions').fill('nothing like it');
  await page.getByText('No action name contains “nothing like it”.').waitFor();
  await page.getByLabel('Search actions').fill('pricing');
  await row.waitFor();

  await row.getByRole('link', { name: 'Pricing interest' }).click();
  const id = await idFromUrl('actions');
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete' }).click();
  await page.waitForURL(/\/actions$/);
  await page.getByRole('heading', { name: 'No actions yet' }).waitFor();
  const res = await fetch(`${session.warren.url}/api/projects/1/actions/${id}/`, { headers: { authorization: `Bearer ${session.warren.personalApiKey}` } });
  assert.equal(res.status, 404);
});
