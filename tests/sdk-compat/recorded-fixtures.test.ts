import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadRecordedRequests, type RecordedRequest } from '../../apps/server/src/ingest/test-support/recorded-requests.js';
import { eventually, hogql } from '../support/api-client.js';
import { spawnWarren, type WarrenProcess } from '../support/spawn-warren.js';

const CAPTURE = new Set(['/e/', '/i/v0/e/', '/batch/', '/capture/', '/track/', '/engage/', '/i/v0/ai/batch/', '/s/', '/i/v1/analytics/events']);


function recorded(): { file: string; request: RecordedRequest }[] {
  return loadRecordedRequests()
    .map(({ file, record }) => ({ file, request: record }))
    .filter(({ request }) => CAPTURE.has(request.path));
}

function eventsOf(body: unknown): { uuid?: string; event: string }[] {
  if (Array.isArray(body)) return body as { uuid?: string; event: string }[];
  const b = body as { batch?: unknown[] };
  return (Array.isArray(b.batch) ? b.batch : [body]) as { uuid?: string; event: string }[];
}

let warren: WarrenProcess;
before(async () => {
  warren = await spawnWarren({ env: { WARREN_BOOTSTRAP_PROJECT_TOKEN: 'phc_test_project_token' } });
});
after(async () => warren?.stop());

test('every recorded SDK capture request, replayed byte for byte, is answered 200 and all its events are stored', async () => {
  const requests = recorded();
  assert.ok(requests.length > 50, `expected the fixtures to hold many capture requests, found ${requests.length}`);
  // The same (uuid, event) sent again is a retry and is stored once (the python fixtures resend one on purpose).
  const sentUuids = new Set<string>();
  let eventsWithoutUuid = 0;
  const snapshotUuids = new Set<string>();
  for (const { file, request } of requests) {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-encoding', 'authorization', 'user-agent', 'origin']) {
      const value = request.all_headers[name] ?? request.headers[name];
      if (value) headers[name] = value;
    }
    const query = new URLSearchParams(request.query).toString();
    const res = await fetch(`${warren.url}${request.path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers,
      body: Buffer.from(request.body_base64, 'base64'),
    });
    assert.equal(res.status, 200, `${file} ${request.step} ${request.path}: ${await res.text()}`);
    for (const e of eventsOf(request.body)) {
      if (e.event === '$snapshot') {
        snapshotUuids.add(String(e.uuid));
        continue;
      }
      if (e.uuid) sentUuids.add(`${e.uuid.toLowerCase()}|${e.event}`);
      else eventsWithoutUuid += 1;
    }
  }
  const expected = sentUuids.size + eventsWithoutUuid;
  const stored = await eventually(async () => {
    const r = await hogql(warren, `select toString(uuid), event from events limit 10000`);
    return r.results.length >= expected ? r.results : null;
  });
  const storedKeys = new Set(stored.map((row) => `${String(row[0])}|${String(row[1])}`));
  for (const key of sentUuids) assert.ok(storedKeys.has(key), `event ${key} was not stored`);
  await new Promise((r) => setTimeout(r, 300));
  const total = await hogql(warren, 'select count() from events');
  assert.equal(Number(total.results[0][0]), expected, 'each event stored exactly once');
  // Session recording snapshots are not in `events`; the pipeline's own count shows they were written too.
  const metrics = await (await fetch(`${warren.url}/_metrics`)).text();
  const flushed = Number(/^warren_events_flushed_total (\d+)/m.exec(metrics)?.[1]);
  assert.ok(snapshotUuids.size > 0, 'the fixtures hold session recording snapshots');
  assert.equal(flushed, expected + snapshotUuids.size, 'events and $snapshot events all reached the store');
});
