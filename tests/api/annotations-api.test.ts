import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

let warren: WarrenProcess;
const annotations = '/api/projects/1/annotations/';

before(async () => {
  warren = await spawnWarren();
});
after(async () => warren?.stop());

test('annotations: create, list newest first with search and scope, retrieve, update, DELETE refused, soft delete', async () => {
  const created = await api(warren, 'POST', annotations, { content: 'Launched v2', date_marker: '2024-05-01T00:00:00Z' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const a = created.body;
  assert.equal(typeof a.id, 'number');
  assert.deepEqual(
    [a.content, a.date_marker, a.scope, a.creation_type, a.dashboard_item, a.deleted, a.created_by.email],
    ['Launched v2', '2024-05-01T00:00:00.000Z', 'project', 'USR', null, false, 'owner@example.com'],
  );
  for (const key of ['dashboard_id', 'dashboard_name', 'insight_short_id', 'insight_name', 'insight_derived_name', 'created_at', 'updated_at']) assert.ok(key in a, key);

  const b = (await api(warren, 'POST', annotations, { content: 'Pricing change', date_marker: '2024-06-01', scope: 'dashboard_item', dashboard_item: 42 })).body;
  const c = (await api(warren, 'POST', annotations, { content: 'Everyone: offsite', date_marker: '2024-04-01', scope: 'organization' })).body;

  const list = await api(warren, 'GET', annotations);
  assert.equal(list.status, 200);
  assert.equal(list.body.count, 3);
  assert.deepEqual(list.body.results.map((r: { id: number }) => r.id), [b.id, a.id, c.id], 'ordered by date_marker, newest first');
  assert.equal(list.body.next, null);
  assert.deepEqual((await api(warren, 'GET', `${annotations}?search=PRICING`)).body.results.map((r: { id: number }) => r.id), [b.id]);
  assert.deepEqual((await api(warren, 'GET', `${annotations}?scope=organization`)).body.results.map((r: { id: number }) => r.id), [c.id]);
  const paged = await api(warren, 'GET', `${annotations}?limit=1&offset=1`);
  assert.deepEqual(paged.body.results.map((r: { id: number }) => r.id), [a.id]);
  assert.match(paged.body.next, /limit=1&offset=2/);
  assert.match(paged.body.previous, /limit=1&offset=0/);

  const patched = await api(warren, 'PATCH', `${annotations}${a.id}/`, { content: 'Launched v2.1' });
  assert.equal(patched.status, 200);
  assert.deepEqual([patched.body.content, patched.body.date_marker], ['Launched v2.1', '2024-05-01T00:00:00.000Z']);
  assert.equal((await api(warren, 'GET', `${annotations}${a.id}/`)).body.content, 'Launched v2.1');

  const bad = await api(warren, 'POST', annotations, { content: 'x', scope: 'galaxy' });
  assert.deepEqual([bad.status, bad.body.type, bad.body.code, bad.body.attr], [400, 'validation_error', 'invalid_choice', 'scope']);
  assert.equal((await api(warren, 'POST', annotations, { content: 'x', date_marker: 'yesterday' })).body.attr, 'date_marker');
  assert.equal((await api(warren, 'POST', annotations, { content: 'x'.repeat(401) })).body.code, 'max_length');

  const del = await api(warren, 'DELETE', `${annotations}${a.id}/`);
  assert.equal(del.status, 405);
  assert.equal(del.body, null);
  assert.equal((await api(warren, 'PATCH', `${annotations}${a.id}/`, { deleted: true })).status, 200);
  assert.equal((await api(warren, 'GET', `${annotations}${a.id}/`)).status, 404);
  assert.deepEqual((await api(warren, 'GET', annotations)).body.results.map((r: { id: number }) => r.id), [b.id, c.id]);
  assert.equal((await api(warren, 'GET', `${annotations}abc/`)).status, 404);
});

test('annotations need the annotation scope and a project the key can reach', async () => {
  assert.equal((await fetch(`${warren.url}${annotations}`)).status, 401);
  assert.equal((await api(warren, 'GET', '/api/projects/2/annotations/')).status, 404);
  assert.equal((await api(warren, 'POST', '/api/projects/2/annotations/', { content: 'x' })).status, 404);
  assert.equal((await api(warren, 'GET', '/api/environments/@current/annotations/')).status, 200);
});
