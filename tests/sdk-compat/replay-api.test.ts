import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseSnapshotLines, type SessionRecordingApi, type SessionRecordingsListApi, type SnapshotSourcesApi } from '@warren/shared/replay-api';
import { api, eventually } from '../support/api-client.js';
import { postBatch, postJsonText } from '../support/capture-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

/*
 * Three recordings sent to /s/ as posthog-js sends them:
 *   A  anon-a, now-10min .. now-8min: full snapshot (compressed cv 2024-10) and 2 clicks in minute one, 1 click and
 *      a console.error two minutes later (two blocks); a $pageview (Chrome) in the session.
 *   B  user-b (identified), now-30min, 20 s long: 1 click, and the custom event `purchase` in the session.
 *   C  old-c, 40 days ago: past the default 30-day retention.
 */
const MIN = 60_000;
const now = Date.now();
const uuid7 = (ms: number, tail: string) => {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${tail.padStart(12, '0')}`;
};
const A = uuid7(now - 10 * MIN, 'a');
const B = uuid7(now - 30 * MIN, 'b');
const C = 'old-session-c';

const click = (at: number) => ({ type: 3, timestamp: at, data: { source: 2, type: 2, id: 5, x: 1, y: 1 } });
const meta = (at: number, href: string) => ({ type: 4, timestamp: at, data: { href, width: 1280, height: 720 } });
const fullSnapshot = (at: number) => ({
  type: 2,
  cv: '2024-10',
  timestamp: at,
  data: gzipSync(JSON.stringify({ node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } })).toString('latin1'),
});
const consoleError = (at: number) => ({ type: 6, timestamp: at, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: ['"boom"'] } } });

let n = 0;
function snapshot(session: string, distinctId: string, events: object[]) {
  const at = Math.max(...events.map((e) => (e as { timestamp: number }).timestamp));
  return {
    event: '$snapshot',
    uuid: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    distinct_id: distinctId,
    timestamp: new Date(at).toISOString(),
    properties: { $session_id: session, $window_id: `w-${session}`, $snapshot_data: events, $snapshot_bytes: 100 },
  };
}

let warren: WarrenProcess;
const base = '/api/projects/1/session_recordings/';
const list = async (query = ''): Promise<SessionRecordingsListApi> => {
  const res = await api(warren, 'GET', `${base}?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
const ids = (page: SessionRecordingsListApi) => page.results.map((r) => r.id);

before(async () => {
  warren = await spawnWarren();
  const a0 = now - 10 * MIN;
  const snapshots = [
    snapshot(A, 'anon-a', [meta(a0, 'https://shop.test/'), fullSnapshot(a0 + 1), click(a0 + 1000), click(a0 + 2000)]),
    snapshot(A, 'anon-a', [click(a0 + 2 * MIN), consoleError(a0 + 2 * MIN + 500), meta(a0 + 2 * MIN + 600, 'https://shop.test/pay')]),
    snapshot(B, 'user-b', [meta(now - 30 * MIN, 'https://shop.test/b'), click(now - 30 * MIN + 20_000)]),
    snapshot(C, 'old-c', [meta(now - 40 * 1440 * MIN, 'https://shop.test/c'), click(now - 40 * 1440 * MIN + 5000)]),
  ];
  for (const s of snapshots) assert.equal((await postJsonText(warren, JSON.stringify({ api_key: warren.token, batch: [s] }), '/s/')).status, 200);
  const event = (name: string, session: string, distinctId: string, at: number, properties: object = {}) => ({
    event: name,
    distinct_id: distinctId,
    timestamp: new Date(at).toISOString(),
    properties: { $session_id: session, $current_url: 'https://shop.test/', $browser: 'Chrome', $os: 'Linux', ...properties },
  });
  assert.equal(
    (
      await postBatch(warren, [
        event('$pageview', A, 'anon-a', a0 + 5),
        event('$identify', B, 'user-b', now - 30 * MIN + 1, { $set: { email: 'b@shop.test' } }),
        event('purchase', B, 'user-b', now - 30 * MIN + 10_000, { plan: 'pro' }),
      ])
    ).status,
    200,
  );
  await eventually(async () => (await list()).results.length === 2 && (await list("events=" + encodeURIComponent(JSON.stringify([{ id: "purchase" }])))).results.length === 1, 30_000);
});
after(async () => {
  await warren?.stop();
});

test('the list shows recordings within retention, newest first, with metadata summed over their snapshots', async () => {
  const page = await list();
  assert.deepEqual(ids(page), [A, B]);
  assert.equal(page.version, 4);
  const a = page.results[0];
  assert.equal(a.distinct_id, 'anon-a');
  assert.equal(a.click_count, 3);
  assert.equal(a.console_error_count, 1);
  assert.equal(a.recording_duration, 120, 'first to last event: 2 min 0.6 s, whole seconds');
  assert.equal(a.start_url, 'https://shop.test/');
  assert.deepEqual([...a.urls].sort(), ['https://shop.test/', 'https://shop.test/pay']);
  assert.equal(a.browser, 'Chrome');
  assert.equal(a.ongoing, false);
  assert.equal(a.retention_period_days, 30);
  assert.equal(a.expiry_time, new Date(Date.parse(a.start_time) + 30 * 86_400_000).toISOString());
  assert.ok(a.active_seconds + a.inactive_seconds === a.recording_duration && a.active_seconds < 10);
  const b = page.results[1];
  assert.equal(b.person?.properties.email, 'b@shop.test');
  assert.equal(b.recording_duration, 20);
});

test('filters, ordering and paging', async () => {
  assert.deepEqual(ids(await list('order=duration&order_direction=ASC')), [B, A]);
  assert.deepEqual(ids(await list('order=click_count')), [A, B]);
  const first = await list('limit=1');
  assert.deepEqual([ids(first), first.has_next], [[A], true]);
  const second = await list('limit=1&offset=1');
  assert.deepEqual([ids(second), second.has_next], [[B], false]);
  assert.deepEqual(ids(await list('events=' + encodeURIComponent(JSON.stringify([{ id: 'purchase', properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'event' }] }])))), [B]);
  assert.deepEqual(ids(await list('events=' + encodeURIComponent(JSON.stringify([{ id: 'purchase', properties: [{ key: 'plan', value: 'free', type: 'event' }] }])))), []);
  assert.deepEqual(ids(await list('distinct_ids=' + encodeURIComponent('["user-b"]'))), [B]);
  assert.deepEqual(ids(await list('session_ids=' + encodeURIComponent(JSON.stringify([A, C])))), [A]);
  assert.deepEqual(ids(await list('console_log_filters=' + encodeURIComponent('[{"key":"level","value":["error"],"operator":"exact","type":"log_entry"}]'))), [A]);
  assert.deepEqual(ids(await list('having_predicates=' + encodeURIComponent('[{"type":"recording","key":"duration","value":60,"operator":"gt"}]'))), [A]);
  assert.deepEqual(ids(await list('date_from=-15M')), [A]);
  assert.equal((await api(warren, 'GET', `${base}?order=nonsense`)).status, 400);
});

test('an expired or unknown recording is neither listed nor served', async () => {
  assert.equal((await api(warren, 'GET', `${base}${C}/`)).status, 404);
  assert.equal((await api(warren, 'GET', `${base}${C}/snapshots/`)).status, 404);
  assert.equal((await api(warren, 'GET', `${base}nope/`)).status, 404);
  assert.deepEqual(ids(await list('date_from=-60d')), [A, B]);
});

test('snapshots: sources by minute, then one block at a time as [windowId, event] lines, expanded', async () => {
  const sources = (await api(warren, 'GET', `${base}${A}/snapshots/`)).body as SnapshotSourcesApi;
  assert.equal(sources.sources.length, 2);
  const fetchLines = async (query: string) => {
    const res = await fetch(`${warren.url}${base}${A}/snapshots/?${query}`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } });
    return { status: res.status, type: res.headers.get('content-type'), lines: res.status === 200 ? parseSnapshotLines(await res.text()) : [] };
  };
  const first = await fetchLines(`source=blob_v2&blob_key=${sources.sources[0].blob_key}`);
  assert.match(first.type ?? '', /application\/jsonl/);
  assert.deepEqual(first.lines.map(([, e]) => e.type), [4, 2, 3, 3]);
  assert.equal(first.lines[0][0], `w-${A}`);
  assert.deepEqual(first.lines[1][1].data, { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } });
  const both = await fetchLines(`source=blob_v2&start_blob_key=${sources.sources[0].blob_key}&end_blob_key=${sources.sources[1].blob_key}`);
  assert.equal(both.lines.length, 7);
  const start = Number(sources.sources[0].blob_key);
  assert.equal((await fetchLines(`source=blob_v2&start_blob_key=${start}&end_blob_key=${start + 20}`)).status, 400, 'at most 20 keys with a personal API key');
});

test('events link to their recording by $session_id through the events API', async () => {
  const properties = encodeURIComponent(JSON.stringify([{ key: '$session_id', value: A, operator: 'exact', type: 'event' }]));
  const res = await api(warren, 'GET', `/api/projects/1/events/?properties=${properties}`);
  assert.deepEqual(res.body.results.map((e: { event: string }) => e.event), ['$pageview']);
});

test('viewed is per user and shown in the list; a deleted recording is gone', async () => {
  const patched = await api(warren, 'PATCH', `${base}${B}/`, { viewed: true });
  assert.equal((patched.body as SessionRecordingApi).viewed, true);
  assert.deepEqual((await list()).results.map((r) => r.viewed), [false, true]);
  // "Hide viewed recordings", left out by the server so a page stays full.
  assert.deepEqual(ids(await list('hide_viewed=current-user')), [A]);
  assert.deepEqual(ids(await list('hide_viewed=any-user')), [A]);
  assert.deepEqual(ids(await list('hide_viewed=false')), [A, B]);
  assert.deepEqual(ids(await list('hide_viewed=current-user&limit=1')), [A]);
  const bad = await api(warren, 'GET', `${base}?hide_viewed=everyone`);
  assert.deepEqual([bad.status, (bad.body as { attr: string }).attr], [400, 'hide_viewed']);
  assert.equal((await api(warren, 'DELETE', `${base}${B}/`)).status, 204);
  assert.equal((await api(warren, 'GET', `${base}${B}/`)).status, 404);
  assert.deepEqual(ids(await list()), [A]);
});

test("deleting a person with their recordings deletes the recordings", async () => {
  const persons = await api(warren, 'GET', '/api/projects/1/persons/?distinct_id=anon-a');
  assert.equal(persons.status, 200);
  const person = persons.body.results[0];
  assert.ok(person, 'anon-a has a person');
  assert.equal((await api(warren, 'DELETE', `/api/projects/1/persons/${person.uuid}/?delete_recordings=true`)).status, 202);
  await eventually(async () => (await list()).results.length === 0, 30_000);
  assert.equal((await api(warren, 'GET', `${base}${A}/snapshots/`)).status, 404);
});

test("the project's network redaction rules blank headers and body keys before a snapshot is stored", async () => {
  const rules = { session_recording_network_redaction_config: { headers: ['X-Api-Key'], bodyKeys: ['password'] } };
  assert.equal((await api(warren, 'PATCH', '/api/projects/1/', rules)).status, 200);
  const D = uuid7(now - 5 * MIN, 'd');
  const request = {
    name: 'https://shop.test/login',
    method: 'POST',
    requestHeaders: { 'x-api-key': 'key-123-secret', accept: 'application/json' },
    requestBody: JSON.stringify({ user: 'ana', password: 'hunter2-secret' }),
    responseBody: '{"ok":true}',
  };
  const network = { type: 6, timestamp: now - 5 * MIN + 100, data: { plugin: 'rrweb/network@1', payload: { requests: [request] } } };
  const posted = snapshot(D, 'anon-d', [meta(now - 5 * MIN, 'https://shop.test/login'), network]);
  assert.equal((await postJsonText(warren, JSON.stringify({ api_key: warren.token, batch: [posted] }), '/s/')).status, 200);
  await eventually(async () => (await api(warren, 'GET', `${base}${D}/`)).status === 200, 30_000);
  const sources = (await api(warren, 'GET', `${base}${D}/snapshots/`)).body as SnapshotSourcesApi;
  const res = await fetch(`${warren.url}${base}${D}/snapshots/?source=blob_v2&blob_key=${sources.sources[0].blob_key}`, { headers: { authorization: `Bearer ${warren.personalApiKey}` } });
  const text = await res.text();
  assert.ok(!text.includes('key-123-secret') && !text.includes('hunter2-secret'), text);
  const stored = parseSnapshotLines(text).map(([, e]) => e).find((e) => e.type === 6) as unknown as { data: { payload: { requests: (typeof request)[] } } };
  const kept = stored.data.payload.requests[0];
  assert.deepEqual(kept.requestHeaders, { 'x-api-key': 'redacted', accept: 'application/json' });
  assert.deepEqual(JSON.parse(kept.requestBody), { user: 'ana', password: 'redacted' });
  assert.equal(kept.responseBody, '{"ok":true}');
});

test("active time runs across posthog-js's batches: activity split over two snapshots 2 s apart is one stretch", async () => {
  const E = uuid7(now - 4 * MIN, 'e');
  const t0 = now - 4 * MIN;
  const moves = (from: number, to: number) => Array.from({ length: (to - from) / 500 + 1 }, (_, i) => ({ type: 3, timestamp: from + i * 500, data: { source: 1, positions: [] } }));
  // Mouse moves every 500 ms for 10 s, sent as two batches; then 20 s of nothing but a console line.
  const first = snapshot(E, 'anon-e', [meta(t0, 'https://shop.test/e'), ...moves(t0, t0 + 4_000)]);
  const second = snapshot(E, 'anon-e', [...moves(t0 + 6_000, t0 + 10_000), { type: 6, timestamp: t0 + 30_000, data: { plugin: 'rrweb/console@1', payload: { level: 'log', payload: ['"idle"'] } } }]);
  for (const s of [first, second]) assert.equal((await postJsonText(warren, JSON.stringify({ api_key: warren.token, batch: [s] }), '/s/')).status, 200);
  await eventually(async () => (await api(warren, 'GET', `${base}${E}/`)).body?.console_log_count === 1, 30_000);
  const recording = (await api(warren, 'GET', `${base}${E}/`)).body as SessionRecordingApi;
  assert.equal(recording.recording_duration, 30);
  assert.equal(recording.active_seconds, 10, 'the 2 s between the batches is inside the stretch (each batch alone has 4 s)');
  assert.equal(recording.inactive_seconds, 20);
});

test("filter_test_accounts leaves out recordings of the project's test accounts", async () => {
  const filters = [{ key: 'email', value: '@warren.test', operator: 'not_icontains', type: 'person' }];
  assert.equal((await api(warren, 'PATCH', '/api/projects/1/', { test_account_filters: filters })).status, 200);
  const F = uuid7(now - 3 * MIN, 'f');
  const G = uuid7(now - 2 * MIN, 'g');
  for (const [session, id] of [[F, 'staff-f'], [G, 'customer-g']] as const) {
    const posted = snapshot(session, id, [meta(now - 3 * MIN, 'https://shop.test/'), click(now - 3 * MIN + 1000)]);
    assert.equal((await postJsonText(warren, JSON.stringify({ api_key: warren.token, batch: [posted] }), '/s/')).status, 200);
  }
  const identify = (session: string, id: string, email: string) => ({
    event: '$identify',
    distinct_id: id,
    timestamp: new Date(now - 3 * MIN + 500).toISOString(),
    properties: { $session_id: session, $set: { email } },
  });
  assert.equal((await postBatch(warren, [identify(F, 'staff-f', 'ops@warren.test'), identify(G, 'customer-g', 'gina@shop.test')])).status, 200);
  const both = 'session_ids=' + encodeURIComponent(JSON.stringify([F, G]));
  await eventually(async () => (await list(`${both}&filter_test_accounts=true`)).results.length === 1, 30_000);
  assert.deepEqual(ids(await list(`${both}&filter_test_accounts=true`)), [G]);
  assert.deepEqual(ids(await list(both)), [G, F], 'without the filter both are listed');
});
