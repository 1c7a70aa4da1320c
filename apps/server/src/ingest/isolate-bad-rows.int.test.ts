import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ChdbEventStore } from '../storage/chdb-event-store.js';
import { insertIsolatingBadRows } from './isolate-bad-rows.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isolate-'));
const store = new ChdbEventStore(dir);
const row = (uuid: string, event: string) =>
  `{"team_id":1,"uuid":"${uuid}","event":"${event}","distinct_id":"d","person_id":"00000000-0000-4000-8000-000000000000","timestamp":"2024-05-01 12:00:00.000","created_at":"2024-05-01 12:00:00.000","properties":{"a":1},"elements_chain":"","$session_id":"","$window_id":""}`;

test('a row the store refuses is set aside with its error and every other row is stored', async () => {
  await store.migrate();
  const rows = [row('01900000-0000-7000-8000-000000000001', 'good-1'), row('not-a-uuid', 'poison'), row('01900000-0000-7000-8000-000000000003', 'good-2')];
  const quarantine = path.join(dir, 'quarantine');
  const result = await insertIsolatingBadRows(store, 'events', rows, quarantine);
  assert.deepEqual(result, { inserted: 2, quarantined: 1 });
  const stored = await store.query("SELECT event FROM events ORDER BY event");
  assert.deepEqual(stored.rows.map((r) => r[0]), ['good-1', 'good-2']);
  const [file] = fs.readdirSync(quarantine);
  const kept = JSON.parse(fs.readFileSync(path.join(quarantine, file), 'utf8').trim()) as { row: string; error: string };
  assert.equal(kept.row, rows[1]);
  assert.ok(kept.error.length > 0);
});

test('when the store takes no row at all nothing is set aside and the failure is raised for a retry', async () => {
  const quarantine = path.join(dir, 'quarantine-2');
  await assert.rejects(insertIsolatingBadRows(store, 'events', [row('bad-1', 'x'), row('bad-2', 'y')], quarantine), /refused all 2 rows/);
  assert.equal(fs.existsSync(quarantine), false);
  await store.close();
});
