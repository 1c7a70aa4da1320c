import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { api, eventually } from '../support/api-client.js';
import { openWebApp, type WebAppSession } from '../support/web-app.js';

/*
 * The universe (all UTC; the bootstrapped project is UTC with weeks starting on Sunday):
 * - Funnel, two hours ago: p1–p4 sign up (p1, p2 on plan "pro", p3, p4 on "free"); p1–p3 activate 5 minutes later;
 *   p1, p2 purchase 65 minutes after signing up. So 4 → 3 → 2: 75% of step 1 at step 2, 50% at step 3, 1 person
 *   dropped off before each of steps 2 and 3, and every conversion took 1h 5m.
 * - Retention, by first page view, weekly: a–d first view a page in the week three weeks back (cohort of 4); a–c
 *   come back the next week (75%), a the week after (25%). e, f start two weeks back (cohort of 2); f comes back the
 *   next week (50%). g–j view pages in the last few minutes (this week's cohort of 4).
 * - Paths, in the last few minutes: g, h, i go /home → /pricing → /signup; j goes /home → /docs. The top path is
 *   /home → /pricing, 3 times.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

let session: WebAppSession;
let page: Page;

interface SeedEvent {
  event: string;
  distinct_id: string;
  at: number;
  properties?: Record<string, unknown>;
}

function universe(now: number): SeedEvent[] {
  const events: SeedEvent[] = [];
  const signup = now - 2 * HOUR_MS;
  for (const [i, person] of ['p1', 'p2', 'p3', 'p4'].entries()) {
    events.push({ event: 'signup', distinct_id: person, at: signup + i * 1000, properties: { plan: i < 2 ? 'pro' : 'free', $set: { email: `${person}@example.com` } } });
    if (i < 3) events.push({ event: 'activate', distinct_id: person, at: signup + i * 1000 + 5 * MINUTE_MS });
    if (i < 2) events.push({ event: 'purchase', distinct_id: person, at: signup + i * 1000 + 65 * MINUTE_MS });
  }
  // Weeks start on Sunday 00:00 UTC; cohort weeks are whole weeks before this one.
  const today = new Date(now);
  const thisWeek = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - today.getUTCDay() * DAY_MS;
  const week = (k: number, day: number) => thisWeek + k * 7 * DAY_MS + day * DAY_MS + 10 * HOUR_MS;
  const view = (person: string, at: number, url = '/home') => events.push({ event: '$pageview', distinct_id: person, at, properties: { $current_url: `https://shop.example${url}` } });
  for (const person of ['a', 'b', 'c', 'd']) view(person, week(-3, 1));
  for (const person of ['a', 'b', 'c']) view(person, week(-2, 1));
  view('a', week(-1, 1));
  for (const person of ['e', 'f']) view(person, week(-2, 2));
  view('f', week(-1, 2));
  // This week's paths: a few minutes ago, a minute apart (one session each).
  const recent = Math.max(now - 10 * MINUTE_MS, thisWeek + MINUTE_MS);
  for (const person of ['g', 'h', 'i']) ['/home', '/pricing', '/signup'].forEach((url, step) => view(person, recent + step * MINUTE_MS, url));
  ['/home', '/docs'].forEach((url, step) => view('j', recent + step * MINUTE_MS, url));
  return events;
}

async function seed(now: number): Promise<number> {
  const events = universe(now);
  const res = await fetch(`${session.warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: session.warren.token,
      batch: events.map((e) => ({ event: e.event, distinct_id: e.distinct_id, timestamp: new Date(e.at).toISOString(), properties: e.properties ?? {} })),
    }),
  });
  assert.equal(res.status, 200, await res.text());
  return events.length;
}

before(async () => {
  session = await openWebApp({ signedIn: true });
  page = session.page;
  const project = await api(session.warren, 'GET', '/api/projects/1/');
  assert.equal(project.body.timezone, 'UTC');
  assert.equal(project.body.week_start_day, 0);
  const seeded = await seed(Date.now());
  await eventually(async () => {
    const res = await api(session.warren, 'POST', '/api/projects/1/query/', {
      query: { kind: 'HogQLQuery', query: 'SELECT count() FROM events' },
      refresh: 'force_blocking',
    });
    return res.status === 200 && Number(res.body.results[0][0]) === seeded;
  });
  await warmUp();
});

/**
 * A fresh server's first funnel compiles cold and, on a busy machine, can outlast the 10 s query budget; it is run
 * once here (retried on a timeout) so the screens are timed on a warm engine, as users meet them.
 */
async function warmUp(): Promise<void> {
  const query = { kind: 'FunnelsQuery', series: [{ kind: 'EventsNode', event: 'signup' }, { kind: 'EventsNode', event: 'activate' }] };
  await eventually(async () => (await api(session.warren, 'POST', '/api/projects/1/query/', { query, refresh: 'force_blocking' })).status === 200, 90_000);
}

after(async () => {
  await session?.close();
});

/** A new insight on the given kind's tab. */
async function openKind(tab: 'Funnels' | 'Retention' | 'Paths'): Promise<void> {
  await page.goto(`${session.warren.url}/project/1/insights/new`);
  await page.getByRole('heading', { level: 1, name: 'New insight' }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('region', { name: `${tab} settings` }).waitFor();
}

/** Types into a box and leaves it, as a user finishing an entry does. */
async function enter(label: string, text: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

/** Opens the persons behind a number, checks who is listed, and closes the list again. */
async function expectPersons(opener: ReturnType<Page['getByRole']>, title: string, names: string[]): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('table', { name: 'Persons' }).waitFor();
  const listed = await dialog.getByRole('table', { name: 'Persons' }).getByRole('link').allInnerTexts();
  assert.deepEqual(listed.sort(), [...names].sort());
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
}

function stepItem(n: number) {
  return page.getByRole('list', { name: 'Funnel steps' }).getByRole('listitem').nth(n - 1);
}

test('a funnel built step by step shows each step, its conversion and its drop-off, and opens the persons behind them', async () => {
  await openKind('Funnels');
  const result = page.getByRole('region', { name: 'Result' });
  await result.getByText('Pick an event or action for steps 1 and 2.').waitFor();
  await page.getByRole('button', { name: '+ Add step' }).click();
  await enter('Step 1 event', 'signup');
  // Picked out of order, then put right with the keyboard.
  await enter('Step 2 event', 'purchase');
  await enter('Step 3 event', 'activate');
  await page.getByRole('button', { name: 'Move step 3 up' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Step 2 event', { exact: true }).inputValue(), 'activate');
  assert.equal(await page.getByLabel('Step 3 event', { exact: true }).inputValue(), 'purchase');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move step 2 up', 'focus follows the moved step');

  await result.getByText('50% total conversion').or(result.getByRole('alert')).waitFor({ timeout: 30_000 });
  assert.equal(await result.getByRole('alert').count(), 0, await result.innerText());
  assert.match(await stepItem(1).innerText(), /signup[\s\S]*4 persons reached step 1/);
  const second = await stepItem(2).innerText();
  for (const text of ['activate', '3 persons reached step 2', '75% of step 1', '75% from step 1', '1 person dropped off']) assert.ok(second.includes(text), `${text} in ${second}`);
  const third = await stepItem(3).innerText();
  for (const text of ['purchase', '2 persons reached step 3', '50% of step 1', '66.7% from step 2', '1 person dropped off', 'median 1h']) {
    assert.ok(third.includes(text), `${text} in ${third}`);
  }
  await session.screenshot('insights-funnels-steps');

  await expectPersons(stepItem(2).getByRole('button', { name: '1 person dropped off' }), 'Persons who dropped off before step 2 (activate)', ['p4@example.com']);
  await expectPersons(stepItem(3).getByRole('button', { name: '2 persons reached step 3' }), 'Persons who reached step 3 (purchase)', ['p1@example.com', 'p2@example.com']);

  // A 30-minute window leaves out the purchases, made 65 minutes after signing up, but not the activations.
  await page.getByLabel('Conversion window unit').selectOption('minute');
  await enter('Conversion window', '30');
  await stepItem(3).getByText('0 persons reached step 3').waitFor();
  assert.match(await stepItem(2).innerText(), /3 persons reached step 2/);
  await page.getByLabel('Conversion window unit').selectOption('hour');
  await enter('Conversion window', '2');
  await stepItem(3).getByText('2 persons reached step 3').waitFor();
});

test("a step's own property filter narrows who enters the funnel", async () => {
  await page.getByRole('button', { name: 'Filters of step 1' }).click();
  const filters = page.getByRole('group', { name: 'Filters of step 1' });
  await filters.getByRole('button', { name: '+ Add filter' }).click();
  await filters.getByLabel('Property', { exact: true }).fill('plan');
  await filters.getByLabel('Value', { exact: true }).fill('pro');
  await page.getByRole('region', { name: 'Result' }).getByText('100% total conversion').waitFor();
  assert.match(await stepItem(1).innerText(), /2 persons reached step 1/);
  assert.equal(await page.getByRole('button', { name: 'Filters of step 1 (1)' }).count(), 1, 'the step says it has a filter');
  await filters.getByRole('button', { name: 'Remove filter' }).click();
  await stepItem(1).getByText('4 persons reached step 1').waitFor();
});

test('a funnel broken down by an event property shows one row per value', async () => {
  await page.getByLabel('Break down by').selectOption('event');
  await enter('Breakdown property', 'plan');
  const table = page.getByRole('region', { name: 'Result' }).getByRole('table');
  await table.getByRole('rowheader', { name: 'free' }).waitFor();
  const rows = await table.getByRole('row').allInnerTexts();
  const cells = (label: string) => rows.find((r) => r.startsWith(label))!.split('\t').map((c) => c.trim());
  assert.deepEqual(cells('pro'), ['pro', '2', '2 (100%)', '2 (100%)', '100%']);
  assert.deepEqual(cells('free'), ['free', '2', '1 (50%)', '0 (0%)', '0%']);
  await session.screenshot('insights-funnels-breakdown');
  await page.getByLabel('Break down by').selectOption('none');
  await page.getByRole('list', { name: 'Funnel steps' }).waitFor();
});

test('time to convert and historical trends draw the same funnel another way, and the funnel saves as built', async () => {
  const result = page.getByRole('region', { name: 'Result' });
  await page.getByRole('radio', { name: 'Time to convert' }).check();
  await result.getByText('Average time to convert 1h 5m · median 1h 5m').waitFor();
  await result.getByRole('img', { name: 'Histogram of persons by time to convert' }).waitFor();
  const bins = await result.getByRole('table').getByRole('row').allInnerTexts();
  assert.equal(bins.slice(1).reduce((sum, row) => sum + Number(row.split('\t')[1]), 0), 2, 'both conversions are in the histogram');
  await session.screenshot('insights-funnels-time-to-convert');

  await page.getByRole('radio', { name: 'Historical trends' }).check();
  await result.getByRole('img', { name: 'Conversion rate over time' }).waitFor();
  const days = await result.getByRole('table').getByRole('row').allInnerTexts();
  assert.equal(days.length, 9, 'a heading row and 8 days (7 days ago to today)');
  assert.deepEqual(days.slice(1).map((row) => row.split('\t')[1]).filter((rate) => rate !== '0%'), ['50%'], 'half of those who entered converted, on one day');
  await session.screenshot('insights-funnels-trends');

  await page.getByRole('textbox', { name: 'Name' }).fill('Signup funnel');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/\/insights\/(?!new$)[A-Za-z0-9]+$/);
  const shortId = page.url().split('/').pop();
  const stored = await api(session.warren, 'GET', `/api/projects/1/insights/?short_id=${shortId}`);
  const query = stored.body.results[0].query.source;
  assert.equal(query.kind, 'FunnelsQuery');
  assert.deepEqual(query.series.map((s: { event: string }) => s.event), ['signup', 'activate', 'purchase']);
  assert.equal(query.funnelsFilter.funnelVizType, 'trends');
  assert.equal(query.funnelsFilter.funnelWindowInterval, 2);
  assert.equal(query.funnelsFilter.funnelWindowIntervalUnit, 'hour');
  assert.equal(query.breakdownFilter, undefined);
});

test('the retention grid shows each weekly cohort, its size and the share that came back', async () => {
  await openKind('Retention');
  const intervals = page.getByLabel('Number of periods');
  await intervals.fill('4');
  await intervals.press('Enter');
  const grid = page.getByRole('region', { name: 'Result' }).getByRole('table');
  await grid.getByRole('columnheader', { name: 'Week 3' }).waitFor();
  assert.equal(await grid.getByRole('columnheader', { name: 'Week 4' }).count(), 0);
  const rows = await grid.getByRole('row').allInnerTexts();
  const cells = rows.map((r) => r.split('\t').map((c) => c.trim()));
  assert.deepEqual(cells[0], ['Cohort', 'Size', 'Week 0', 'Week 1', 'Week 2', 'Week 3']);
  // The mean leaves out the empty cohort of last week and the cohorts too young for a period.
  assert.deepEqual(cells[1], ['Mean', '2.5', '100%', '62.5%', '12.5%', '0%']);
  assert.deepEqual(cells.slice(2).map((c) => c.slice(1)), [
    ['4', '100%', '75%', '25%', '0%'],
    ['2', '100%', '50%', '0%', ''],
    ['0', '–', '–', '', ''],
    ['4', '100%', '', '', ''],
  ]);
  const threeWeeksAgo = cells[2]![0]!;
  await session.screenshot('insights-retention');
  await expectPersons(grid.getByRole('button', { name: `75% (3 persons) of the ${threeWeeksAgo} cohort in Week 1` }), `${threeWeeksAgo} cohort: persons retained in Week 1`, ['a', 'b', 'c']);
});

test('paths show the busiest way through the pages, cleaned by a rule, and open the persons who took it', async () => {
  await openKind('Paths');
  const table = page.getByRole('region', { name: 'Result' }).getByRole('table', { name: /^Top paths/ });
  await table.waitFor();
  const first = async () => (await table.getByRole('row').nth(1).innerText()).split('\t').map((c) => c.trim());
  assert.deepEqual((await first()).slice(0, 4), ['1 → 2', 'https://shop.example/home', 'https://shop.example/pricing', '3']);
  await page.getByRole('img', { name: /^Paths over 3 steps/ }).waitFor();

  await page.getByRole('button', { name: '+ Add rule' }).click();
  await enter('Rule 1 regex', '^https://shop\\.example');
  await table.getByRole('cell', { name: '/pricing', exact: true }).first().waitFor();
  assert.deepEqual((await first()).slice(0, 4), ['1 → 2', '/home', '/pricing', '3']);
  const rows = (await table.getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').slice(1, 4).join(' '));
  assert.deepEqual(rows.sort(), ['/home /docs 1', '/home /pricing 3', '/pricing /signup 3']);
  await session.screenshot('insights-paths');
  await expectPersons(table.getByRole('button', { name: /^3 paths \/home → \/pricing/ }), 'Persons who went /home → /pricing (step 1 to 2)', ['g', 'h', 'i']);
});
