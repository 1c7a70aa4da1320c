import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { hashApiKey } from '../../apps/server/src/auth/api-key-format.js';
import { api, eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * 20,000 events of project 1 (UTC), one every 10 seconds from 2024-05-01 00:00:00:
 *   event i: `purchase` when i % 4 = 0, else `$pageview`; distinct id u(i % 50);
 *   properties {n: i, plan: pro|free (odd|even i), nested: {k: i % 3}, note: 'a,"b"' on every 1000th};
 * u1 is identified with person property email u1@x.io. A second project (2) and a key limited to project 1 are
 * written straight into the meta store: the API has no need to create projects for this test.
 */
const TOTAL = 20_000;
const START_MS = Date.parse('2024-05-01T00:00:00Z');
let warren: WarrenProcess;
const projectOneKey = `phx_${randomUUID().replace(/-/g, '')}projectone`;
const queryOnlyKey = `phx_${randomUUID().replace(/-/g, '')}queryonly`;

function eventAt(i: number) {
  return {
    event: i % 4 === 0 ? 'purchase' : '$pageview',
    distinct_id: `u${i % 50}`,
    timestamp: new Date(START_MS + i * 10_000).toISOString(),
    properties: { n: i, plan: i % 2 ? 'pro' : 'free', nested: { k: i % 3 }, ...(i % 1000 === 0 && { note: 'a,"b"' }) },
  };
}

before(async () => {
  warren = await spawnWarren();
  for (let from = 0; from < TOTAL; from += 2000) {
    const batch = Array.from({ length: 2000 }, (_, j) => eventAt(from + j));
    if (from === 0) batch.push({ event: '$identify', distinct_id: 'u1', timestamp: '2024-04-30T00:00:00Z', properties: { $set: { email: 'u1@x.io' } } } as never);
    const res = await fetch(`${warren.url}/batch/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api_key: warren.token, batch }) });
    assert.equal(res.status, 200);
  }
  await eventually(async () => Number((await hogql(warren, "select count() from events where event != '$identify'")).results[0][0]) === TOTAL, 60_000);
  seedSecondProjectAndScopedKey(warren.dataDir);
}, { timeout: 120_000 });
after(async () => warren?.stop());

function seedSecondProjectAndScopedKey(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'meta.sqlite'));
  try {
    const org = db.prepare('SELECT organization_id FROM projects WHERE id = 1').get() as { organization_id: string };
    db.prepare(`INSERT INTO projects (id, uuid, organization_id, name, api_token, timezone, week_start_day, anonymize_ips,
      autocapture_opt_out, session_recording_opt_in, created_at) VALUES (2, ?, ?, 'Second', ?, 'UTC', 0, 0, 0, 1, ?)`)
      .run(randomUUID(), org.organization_id, `phc_second${randomUUID().replace(/-/g, '')}`, new Date().toISOString());
    db.prepare(`INSERT INTO personal_api_keys (id, user_id, label, secure_value, mask_value, scopes, scoped_teams, created_at)
      VALUES (?, 1, 'project one only', ?, 'phx_...', '["export:write","query:read"]', '[1]', ?)`)
      .run(randomUUID(), hashApiKey(projectOneKey), new Date().toISOString());
    db.prepare(`INSERT INTO personal_api_keys (id, user_id, label, secure_value, mask_value, scopes, scoped_teams, created_at)
      VALUES (?, 1, 'queries only', ?, 'phx_...', '["query:read"]', NULL, ?)`)
      .run(randomUUID(), hashApiKey(queryOnlyKey), new Date().toISOString());
  } finally {
    db.close();
  }
}

async function getText(pathAndQuery: string, key = warren.personalApiKey): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(warren.url + pathAndQuery, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

async function exportAndWait(format: string, context: Record<string, unknown>, project = 1): Promise<any> {
  const created = await api(warren, 'POST', `/api/projects/${project}/exports/`, { export_format: format, export_context: context });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.has_content, false);
  assert.equal(created.body.export_format, format);
  return eventually(async () => {
    const job = (await api(warren, 'GET', `/api/projects/${project}/exports/${created.body.id}/`)).body;
    assert.notEqual(job.status, 'failed', job.exception);
    return job.status === 'complete' ? job : null;
  }, 90_000);
}

const allOfThem = { after: '2024-05-01T00:00:00Z', before: '2024-05-04T00:00:00Z' };

test('?format=csv streams the events list as PostHog flattens it: sorted dotted columns, newest first, filters apply', async () => {
  const res = await getText('/api/projects/1/events/?format=csv&event=purchase&limit=10');
  assert.equal(res.status, 200, res.text);
  assert.match(res.type ?? '', /^text\/csv/);
  assert.ok(res.text.includes('\r\n'), 'CRLF line ends, as Python writes them');
  const rows = parse(res.text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 10);
  const header = Object.keys(rows[0]);
  assert.deepEqual(header, [...header].sort());
  for (const column of ['distinct_id', 'elements_chain', 'event', 'id', 'person.id', 'person.is_identified', 'properties.n', 'properties.nested.k', 'properties.plan', 'timestamp']) {
    assert.ok(header.includes(column), `has ${column}: ${header.join(',')}`);
  }
  assert.deepEqual(rows.map((r) => Number(r['properties.n'])), [19996, 19992, 19988, 19984, 19980, 19976, 19972, 19968, 19964, 19960]);
  assert.equal(rows[0].timestamp, '2024-05-03T07:32:40.000000+00:00');

  const filtered = parse((await getText(`/api/projects/1/events/?format=csv&limit=100000&distinct_id=u1&properties=${encodeURIComponent(JSON.stringify([{ key: 'plan', value: 'pro', type: 'event' }]))}`)).text, { columns: true }) as Record<string, string>[];
  assert.equal(filtered.length, 400);
  assert.ok(filtered.every((r) => r.distinct_id === 'u1' && r['properties.plan'] === 'pro' && r['person.properties.email'] === 'u1@x.io' && r['person.is_identified'] === 'True'));
  const noted = parse((await getText('/api/projects/1/events/?format=csv&limit=100000&after=2024-05-01T00:00:00Z')).text, { columns: true }) as Record<string, string>[];
  assert.equal(noted.length, TOTAL);
  assert.equal(noted.filter((r) => r['properties.note'] === 'a,"b"').length, 20);
  assert.equal((await getText('/api/projects/1/events/?format=csv')).text.trim().split('\r\n').length, 3501, 'default limit 3500 + header');
});

test('export jobs write every event of the range in CSV, JSON lines and Parquet, downloadable with their fields', async () => {
  const csvJob = await exportAndWait('text/csv', allOfThem);
  assert.deepEqual([csvJob.has_content, csvJob.rows_exported, csvJob.exception, csvJob.filename], [true, TOTAL, null, 'events-2024-05-01-2024-05-04.csv']);
  const csv = await getText(`/api/projects/1/exports/${csvJob.id}/content/`);
  assert.equal(csv.status, 200);
  const csvRows = parse(csv.text, { columns: true }) as Record<string, string>[];
  assert.equal(csvRows.length, TOTAL);
  assert.deepEqual(csvRows.slice(0, 3).map((r) => [r.event, r['properties.n'], r.timestamp]), [
    ['purchase', '0', '2024-05-01T00:00:00.000000+00:00'],
    ['$pageview', '1', '2024-05-01T00:00:10.000000+00:00'],
    ['$pageview', '2', '2024-05-01T00:00:20.000000+00:00'],
  ]);
  assert.equal(new Set(csvRows.map((r) => r.id)).size, TOTAL);

  const jsonJob = await exportAndWait('application/json', allOfThem);
  const jsonl = await getText(`/api/projects/1/exports/${jsonJob.id}/content/`);
  assert.match(jsonl.type ?? '', /ndjson/);
  const events = jsonl.text.trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.equal(events.length, TOTAL);
  assert.deepEqual(Object.keys(events[0]).sort(), ['distinct_id', 'elements', 'elements_chain', 'event', 'id', 'person', 'properties', 'timestamp']);
  assert.deepEqual(events[19999].properties, { n: 19999, plan: 'pro', nested: { k: 19999 % 3 }, $ip: '127.0.0.1' });
  assert.equal(jsonJob.content_size, Buffer.byteLength(jsonl.text));

  const parquetJob = await exportAndWait('application/vnd.apache.parquet', { ...allOfThem, event: 'purchase' });
  const res = await fetch(`${warren.url}/api/projects/1/exports/${parquetJob.id}/content/`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } });
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="events-2024-05-01-2024-05-04\.parquet"/);
  const file = await res.arrayBuffer();
  const metadata = parquetMetadata(file);
  assert.equal(Number(metadata.num_rows), TOTAL / 4);
  assert.ok(metadata.row_groups.length >= 1);
  const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
  assert.equal(rows.length, TOTAL / 4);
  assert.deepEqual(Object.keys(rows[0]).sort(), ['distinct_id', 'elements_chain', 'event', 'person_id', 'person_properties', 'properties', 'timestamp', 'uuid']);
  assert.ok(rows.every((r) => r.event === 'purchase'));
  assert.deepEqual(JSON.parse(String(rows[1].properties)), { n: 4, plan: 'free', nested: { k: 1 }, $ip: '127.0.0.1' });
  assert.equal(new Date(rows[1].timestamp as Date).toISOString(), '2024-05-01T00:00:40.000Z');

  const list = await api(warren, 'GET', '/api/projects/1/exports/');
  assert.equal(list.body.count, 3);
  assert.deepEqual(list.body.results.map((r: { id: number }) => r.id), [parquetJob.id, jsonJob.id, csvJob.id]);
});

test('bad export requests are refused as DRF would, naming the field', async () => {
  const cases: [unknown, string][] = [
    [{ export_format: 'image/png', export_context: allOfThem }, 'export_format'],
    [{ export_context: allOfThem }, 'export_format'],
    [{ export_format: 'text/csv', export_context: { before: '2024-05-01T00:00:00Z' } }, 'export_context__after'],
    [{ export_format: 'text/csv', export_context: { after: 'yesterday-ish' } }, 'export_context__after'],
    [{ export_format: 'text/csv', export_context: { ...allOfThem, properties: 'not json' } }, 'export_context__properties'],
  ];
  for (const [body, attr] of cases) {
    const res = await api(warren, 'POST', '/api/projects/1/exports/', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.deepEqual([res.body.type, res.body.attr], ['validation_error', attr]);
  }
  assert.equal((await api(warren, 'GET', '/api/projects/1/exports/999999/')).status, 404);
  assert.equal((await api(warren, 'GET', '/api/projects/1/exports/abc/content/')).status, 404);
});

test('a key for project 1 can neither see nor download project 2 exports, and needs the export scope', async () => {
  const other = await exportAndWait('application/json', allOfThem, 2);
  assert.equal(other.rows_exported, 0, "project 1's events never reach project 2's export");
  const asProjectOne = (p: string) => getText(p, projectOneKey);
  assert.equal((await asProjectOne(`/api/projects/2/exports/${other.id}/`)).status, 403);
  assert.equal((await asProjectOne(`/api/projects/2/exports/${other.id}/content/`)).status, 403);
  assert.equal((await asProjectOne('/api/projects/2/exports/')).status, 403);
  assert.equal((await asProjectOne(`/api/projects/1/exports/${other.id}/`)).status, 404);
  assert.equal((await asProjectOne(`/api/projects/1/exports/${other.id}/content/`)).status, 404);
  const mine = JSON.parse((await asProjectOne('/api/projects/1/exports/')).text);
  assert.ok(!mine.results.some((r: { id: number }) => r.id === other.id));
  const noScope = await getText('/api/projects/1/exports/', queryOnlyKey);
  assert.equal(noScope.status, 403);
  assert.equal(JSON.parse(noScope.text).detail, "API key missing required scope 'export:read'");
  assert.equal((await getText('/api/projects/1/events/?format=csv&limit=1', queryOnlyKey)).status, 200);
  const unauthenticated = await fetch(`${warren.url}/api/projects/1/exports/`, { method: 'POST' });
  assert.equal(unauthenticated.status, 401);
});
