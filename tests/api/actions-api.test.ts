import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Actions through the REST API, and an action as a series of a query. Events (project 1, UTC):
 *   u1  $pageview https://shop.io/checkout  2024-05-01 10:00
 *   u1  purchased                           2024-05-01 10:05
 *   u2  $pageview https://shop.io/home      2024-05-01 11:00
 *   u2  purchased                           2024-05-02 09:00
 */
let warren: WarrenProcess;

const actions = '/api/projects/1/actions/';
const trendsOf = (actionId: number) => ({
  kind: 'TrendsQuery',
  series: [{ kind: 'ActionsNode', id: actionId }],
  interval: 'day',
  dateRange: { date_from: '2024-05-01', date_to: '2024-05-02' },
});

before(async () => {
  warren = await spawnWarren();
  const res = await fetch(`${warren.url}/batch/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: warren.token,
      batch: [
        { event: '$pageview', distinct_id: 'u1', properties: { $current_url: 'https://shop.io/checkout' }, timestamp: '2024-05-01T10:00:00Z' },
        { event: 'purchased', distinct_id: 'u1', timestamp: '2024-05-01T10:05:00Z' },
        { event: '$pageview', distinct_id: 'u2', properties: { $current_url: 'https://shop.io/home' }, timestamp: '2024-05-01T11:00:00Z' },
        { event: 'purchased', distinct_id: 'u2', timestamp: '2024-05-02T09:00:00Z' },
      ],
    }),
  });
  assert.equal(res.status, 200);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 4);
});
after(async () => warren?.stop());

test('actions: create, list with pagination, retrieve, update, unique live names, DELETE refused, soft delete', async () => {
  const created = await api(warren, 'POST', actions, { name: 'Signed up', description: 'first', steps: [{ event: 'signed_up' }], tags: ['growth'] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const a = created.body;
  assert.equal(typeof a.id, 'number');
  assert.deepEqual(a.steps, [{ event: 'signed_up', properties: [], selector: null, tag_name: null, text: null, text_matching: null, href: null, href_matching: null, url: null, url_matching: null }]);
  assert.deepEqual([a.name, a.description, a.tags, a.deleted, a.is_action, a.team_id, a.post_to_slack], ['Signed up', 'first', ['growth'], false, true, 1, false]);
  assert.equal(a.created_by.email, 'owner@example.com');

  const duplicate = await api(warren, 'POST', actions, { name: 'Signed up' });
  assert.equal(duplicate.status, 400);
  assert.deepEqual([duplicate.body.type, duplicate.body.code, duplicate.body.attr], ['validation_error', 'unique', 'name']);
  const invalid = await api(warren, 'POST', actions, { name: 'Bad', steps: [{ url: '/x', url_matching: 'fuzzy' }] });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.attr, 'steps__0__url_matching');

  const b = (await api(warren, 'POST', actions, { name: 'Viewed pricing', steps: [{ event: '$pageview', url: '/pricing' }] })).body;
  const page = await api(warren, 'GET', `${actions}?limit=1`);
  assert.equal(page.status, 200);
  assert.equal(page.body.count, 2);
  assert.deepEqual(page.body.results.map((r: { id: number }) => r.id), [b.id]);
  assert.match(page.body.next, /limit=1&offset=1/);
  assert.equal(page.body.previous, null);

  const patched = await api(warren, 'PATCH', `${actions}${a.id}/`, { description: 'changed' });
  assert.equal(patched.status, 200);
  assert.deepEqual([patched.body.description, patched.body.name, patched.body.steps.length], ['changed', 'Signed up', 1]);
  assert.equal((await api(warren, 'PATCH', `${actions}${b.id}/`, { name: 'Signed up' })).status, 400);
  assert.equal((await api(warren, 'GET', `${actions}${a.id}/`)).body.description, 'changed');

  const del = await api(warren, 'DELETE', `${actions}${a.id}/`);
  assert.equal(del.status, 405);
  assert.equal(del.body, null);
  assert.equal((await api(warren, 'PATCH', `${actions}${a.id}/`, { deleted: true })).status, 200);
  assert.equal((await api(warren, 'GET', `${actions}${a.id}/`)).status, 404);
  assert.deepEqual((await api(warren, 'GET', actions)).body.results.map((r: { id: number }) => r.id), [b.id]);
  assert.equal((await api(warren, 'POST', actions, { name: 'Signed up' })).status, 201, 'a deleted action frees its name');
  assert.equal((await api(warren, 'GET', `${actions}abc/`)).status, 404);
});

test('an ActionsNode series counts the events matching any step; an edited action counts anew', async () => {
  const checkout = (
    await api(warren, 'POST', actions, {
      name: 'Checkout',
      steps: [{ event: '$pageview', url: '/checkout' }, { event: 'purchased' }],
    })
  ).body;
  const first = await api(warren, 'POST', '/api/projects/1/query/', { query: trendsOf(checkout.id) });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  // 2024-05-01: the checkout page view and u1's purchase; 2024-05-02: u2's purchase. The home page view never counts.
  assert.deepEqual(first.body.results[0].data, [2, 1]);
  assert.equal(first.body.results[0].label, 'Checkout');

  await api(warren, 'PATCH', `/api/projects/1/actions/${checkout.id}/`, { steps: [{ event: '$pageview', url: 'shop.io/home', url_matching: 'exact' }] });
  const exact = await api(warren, 'POST', '/api/projects/1/query/', { query: trendsOf(checkout.id), refresh: 'force_blocking' });
  assert.deepEqual(exact.body.results[0].data, [0, 0], 'exact URL matching needs the whole URL');

  await api(warren, 'PATCH', `/api/projects/1/actions/${checkout.id}/`, { deleted: true });
  const gone = await api(warren, 'POST', '/api/projects/1/query/', { query: trendsOf(checkout.id), refresh: 'force_blocking' });
  assert.equal(gone.status, 400);
  assert.match(gone.body.detail, new RegExp(`Action ${checkout.id}`));
});
