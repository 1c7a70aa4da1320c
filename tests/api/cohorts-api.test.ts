import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Cohorts through the REST API. Events (project 1), all within the last day:
 *   u1      $identify with $set {plan: pro, email: u1@acme.com}; $pageview x3
 *   u2      $identify with $set {plan: free}; $pageview x1
 *   anon-3  $pageview x2, then identified as u3 ($identify with $anon_distinct_id, $set {plan: pro}); u3 $pageview x1
 *   u4      $identify with $set {email: u4@acme.com}
 * So: plan = pro is {u1, u3}; 3+ page views in the last week is {u1, u3} (u3 through the merge); u2 has 1.
 */
let warren: WarrenProcess;
const cohorts = '/api/projects/1/cohorts/';
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const pro = { type: 'person', key: 'plan', value: 'pro', operator: 'exact' };
const pageviewsAtLeast = (count: number) => ({
  type: 'behavioral', value: 'performed_event_multiple', key: '$pageview', event_type: 'events', time_value: 7, time_interval: 'day', operator: 'gte', operator_value: count,
});
const filtersOf = (...values: object[]) => ({ properties: { type: 'OR', values: [{ type: 'AND', values }] } });

async function capture(batch: object[]): Promise<void> {
  const res = await fetch(`${warren.url}/batch/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: warren.token, batch }) });
  assert.equal(res.status, 200);
}

/** The cohort once its calculation is over. */
async function calculated(id: number): Promise<any> {
  return eventually(async () => {
    const res = await api(warren, 'GET', `${cohorts}${id}/`);
    return res.body.is_calculating === false && res.body.last_calculation !== null ? res.body : null;
  });
}

async function upload(method: 'POST' | 'PATCH', path: string, fields: Record<string, string>, csv: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('csv', new Blob([csv], { type: 'text/csv' }), 'people.csv');
  const res = await fetch(warren.url + path, { method, headers: { authorization: `Bearer ${warren.personalApiKey}` }, body: form });
  return { status: res.status, body: await res.json() };
}

before(async () => {
  warren = await spawnWarren({ env: { WARREN_COHORT_REFRESH_INTERVAL_MS: '1000' } });
  await capture([
    { event: '$identify', distinct_id: 'u1', properties: { $set: { plan: 'pro', email: 'u1@acme.com' } }, timestamp: ago(300) },
    ...[200, 100, 50].map((m) => ({ event: '$pageview', distinct_id: 'u1', timestamp: ago(m) })),
    { event: '$identify', distinct_id: 'u2', properties: { $set: { plan: 'free' } }, timestamp: ago(300) },
    { event: '$pageview', distinct_id: 'u2', timestamp: ago(60) },
    { event: '$pageview', distinct_id: 'anon-3', timestamp: ago(250) },
    { event: '$pageview', distinct_id: 'anon-3', timestamp: ago(240) },
    { event: '$identify', distinct_id: 'u3', properties: { $anon_distinct_id: 'anon-3', $set: { plan: 'pro' } }, timestamp: ago(230) },
    { event: '$pageview', distinct_id: 'u3', timestamp: ago(40) },
    { event: '$identify', distinct_id: 'u4', properties: { $set: { email: 'u4@acme.com' } }, timestamp: ago(30) },
  ]);
  await eventually(async () => Number((await hogql(warren, 'select count() from events')).results[0][0]) === 11);
});
after(async () => warren?.stop());

test('a property cohort: created, calculated in the background, listed, updated, recalculated; DELETE refused, soft delete', async () => {
  const created = await api(warren, 'POST', cohorts, { name: 'Pro', description: 'paying', filters: filtersOf(pro) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual([created.body.name, created.body.is_static, created.body.cohort_type, created.body.deleted], ['Pro', false, 'person_property', false]);
  assert.deepEqual(created.body.filters, filtersOf(pro));
  assert.equal(created.body.created_by.email, 'owner@example.com');
  const done = await calculated(created.body.id);
  assert.equal(done.count, 2);
  assert.equal(done.errors_calculating, 0);

  const list = await api(warren, 'GET', `${cohorts}?search=pro`);
  assert.equal(list.status, 200);
  assert.ok(list.body.results.some((c: { id: number }) => c.id === created.body.id));
  assert.equal(typeof list.body.count, 'number');

  const free = { ...pro, value: 'free' };
  const patched = await api(warren, 'PATCH', `${cohorts}${created.body.id}/`, { filters: filtersOf(free) });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.name, 'Pro', 'fields not sent are kept');
  await eventually(async () => (await api(warren, 'GET', `${cohorts}${created.body.id}/`)).body.count === 1);

  const del = await api(warren, 'DELETE', `${cohorts}${created.body.id}/`);
  assert.equal(del.status, 405);
  assert.equal((await api(warren, 'PATCH', `${cohorts}${created.body.id}/`, { deleted: true })).status, 200);
  assert.equal((await api(warren, 'GET', `${cohorts}${created.body.id}/`)).status, 404);
  assert.ok(!(await api(warren, 'GET', cohorts)).body.results.some((c: { id: number }) => c.id === created.body.id));
  assert.equal((await api(warren, 'GET', `${cohorts}abc/`)).status, 404);
});

test('a behavioural cohort counts the merged anonymous page views; its persons are listed page by page', async () => {
  const created = await api(warren, 'POST', cohorts, { name: 'Engaged', filters: filtersOf(pageviewsAtLeast(3)) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.cohort_type, 'behavioral');
  assert.equal((await calculated(created.body.id)).count, 2);
  const persons = await api(warren, 'GET', `${cohorts}${created.body.id}/persons/`);
  assert.equal(persons.status, 200);
  const ids = persons.body.results.map((p: { distinct_ids: string[] }) => [...p.distinct_ids].sort().join(',')).sort();
  assert.deepEqual(ids, ['anon-3,u3', 'u1']);
  const first = await api(warren, 'GET', `${cohorts}${created.body.id}/persons/?limit=1`);
  assert.equal(first.body.results.length, 1);
  assert.match(first.body.next, /limit=1&offset=1/);
  const csv = await fetch(`${warren.url}${cohorts}${created.body.id}/persons/?format=csv`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } });
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  const lines = (await csv.text()).trim().split('\n');
  assert.equal(lines[0], 'id,name,distinct_ids,email,created_at');
  assert.equal(lines.length, 3);
});

test('legacy groups are accepted and shown back; the background refresher picks up new events', async () => {
  const created = await api(warren, 'POST', cohorts, { name: 'Two views', groups: [{ event_id: '$pageview', days: 7, count: 2, count_operator: 'gte' }] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual(created.body.groups, [{ event_id: '$pageview', days: 7, count: 2, count_operator: 'gte' }]);
  assert.equal(created.body.filters.properties.values[0].values[0].type, 'behavioral');
  assert.equal((await calculated(created.body.id)).count, 2, 'u1 and u3');
  await capture([{ event: '$pageview', distinct_id: 'u2', timestamp: ago(5) }]);
  // Nobody recalculates this cohort by hand: the refresher (every second in this test) does.
  await eventually(async () => (await api(warren, 'GET', `${cohorts}${created.body.id}/`)).body.count === 3, 20_000);
});

test('bad definitions are refused with a 400 naming filters: shapes, unknown and self-referencing cohorts, hostile ids', async () => {
  const refused = async (body: object, pattern: RegExp) => {
    const res = await api(warren, 'POST', cohorts, { name: 'Bad', ...body });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.type, 'validation_error');
    assert.match(res.body.detail, pattern);
    return res;
  };
  assert.equal((await refused({ filters: { properties: { type: 'XOR', values: [] } } }, /AND or OR/)).body.attr, 'filters');
  await refused({ filters: filtersOf({ type: 'cohort', key: 'id', value: 999_999 }) }, /Cohort 999999 does not exist/);
  await refused({ filters: filtersOf({ type: 'cohort', key: 'id', value: "1) OR (1=1" }) }, /cohort id/);
  await refused({ filters: filtersOf({ type: 'behavioral', value: 'performed_event', key: 'x', time_value: 7, time_interval: 'day); DROP TABLE events; --' }) }, /time_interval/);
  await refused({ groups: { not: 'a list' } }, /list of groups/);
  const a = (await api(warren, 'POST', cohorts, { name: 'A', filters: filtersOf(pro) })).body;
  const b = (await api(warren, 'POST', cohorts, { name: 'B', filters: filtersOf({ type: 'cohort', key: 'id', value: a.id }) })).body;
  const cycle = await api(warren, 'PATCH', `${cohorts}${a.id}/`, { filters: filtersOf({ type: 'cohort', key: 'id', value: b.id }) });
  assert.equal(cycle.status, 400);
  assert.match(cycle.body.detail, /refers to itself/);
});

test('a static cohort from a CSV upload, added to by another upload and by person id, and shrunk', async () => {
  const created = await upload('POST', cohorts, { name: 'Imported' }, 'distinct_id\nu2\nu4\nnobody\n');
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual([created.body.is_static, created.body.cohort_type, created.body.count], [true, 'static', 2]);
  const more = await upload('PATCH', `${cohorts}${created.body.id}/`, {}, 'u1@acme.com\n');
  assert.equal(more.status, 200, JSON.stringify(more.body));
  assert.equal(more.body.count, 3, 'a bare email row finds u1');
  const persons = (await api(warren, 'GET', `${cohorts}${created.body.id}/persons/`)).body.results as { id: string; distinct_ids: string[] }[];
  assert.deepEqual(persons.map((p) => p.distinct_ids[0]).sort(), ['u1', 'u2', 'u4']);
  const u2 = persons.find((p) => p.distinct_ids.includes('u2'))!;
  assert.equal((await api(warren, 'PATCH', `${cohorts}${created.body.id}/remove_person_from_static_cohort/`, { person_id: u2.id })).status, 200);
  assert.equal((await api(warren, 'GET', `${cohorts}${created.body.id}/`)).body.count, 2);
  assert.equal((await api(warren, 'PATCH', `${cohorts}${created.body.id}/add_persons_to_static_cohort/`, { person_ids: [u2.id] })).status, 200);
  assert.equal((await api(warren, 'GET', `${cohorts}${created.body.id}/`)).body.count, 3);
  assert.equal((await api(warren, 'PATCH', `${cohorts}${created.body.id}/add_persons_to_static_cohort/`, { person_ids: ["x' OR 1=1"] })).status, 400);
  const dynamic = (await api(warren, 'POST', cohorts, { name: 'Dyn', filters: filtersOf(pro) })).body;
  assert.equal((await upload('PATCH', `${cohorts}${dynamic.id}/`, {}, 'u1\n')).status, 400, 'no CSV into a dynamic cohort');
  assert.equal((await api(warren, 'PATCH', `${cohorts}${created.body.id}/`, { is_static: false })).status, 400);
});

test('a TrendsQuery and an EventsQuery filtered by cohort count the events of its persons; an unknown cohort is a 400', async () => {
  const cohort = (await api(warren, 'POST', cohorts, { name: 'Pro again', filters: filtersOf(pro) })).body;
  await calculated(cohort.id);
  const trends = (properties: object[]) => ({
    query: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview', math: 'total' }], trendsFilter: { display: 'BoldNumber' }, dateRange: { date_from: '-7d' }, properties },
    refresh: 'force_blocking',
  });
  const inCohort = await api(warren, 'POST', '/api/projects/1/query/', trends([{ type: 'cohort', key: 'id', value: cohort.id }]));
  assert.equal(inCohort.status, 200, JSON.stringify(inCohort.body));
  assert.equal(inCohort.body.results[0].aggregated_value, 6, 'u1 3 and u3 3 (2 of them as anon-3)');
  const notIn = await api(warren, 'POST', '/api/projects/1/query/', trends([{ type: 'cohort', key: 'id', value: cohort.id, operator: 'not_in' }]));
  assert.ok(notIn.body.results[0].aggregated_value >= 1, 'u2');
  const seriesFilter = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview', properties: [{ type: 'cohort', key: 'id', value: cohort.id }] }], trendsFilter: { display: 'BoldNumber' }, dateRange: { date_from: '-7d' } },
    refresh: 'force_blocking',
  });
  assert.equal(seriesFilter.body.results[0].aggregated_value, 6);
  const events = await api(warren, 'POST', '/api/projects/1/query/', {
    query: { kind: 'EventsQuery', select: ['distinct_id'], event: '$pageview', after: '-7d', properties: [{ type: 'cohort', key: 'id', value: cohort.id }] },
  });
  assert.equal(events.status, 200, JSON.stringify(events.body));
  assert.deepEqual([...new Set(events.body.results.map((r: string[]) => r[0]))].sort(), ['anon-3', 'u1', 'u3']);
  const unknown = await api(warren, 'POST', '/api/projects/1/query/', trends([{ type: 'cohort', key: 'id', value: 987_654 }]));
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.detail, /Cohort 987654 does not exist/);
  const hostile = await api(warren, 'POST', '/api/projects/1/query/', trends([{ type: 'cohort', key: 'id', value: '1 OR 1=1' }]));
  assert.equal(hostile.status, 400);
});
