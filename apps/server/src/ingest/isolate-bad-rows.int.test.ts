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
});

/** Makes the store's staging files unwritable (a file where their directory was), as a full disk would; undone after. */
const staging = path.join(dir, 'clickhouse-staging');
function breakStaging(): void {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.writeFileSync(staging, '');
}
function mendStaging(): void {
  fs.rmSync(staging, { force: true });
  fs.mkdirSync(staging);
}

test('a failure that is not the rows\' fault (their file cannot be written) sets nothing aside and is raised for a retry', async () => {
  const quarantine = path.join(dir, 'quarantine-3');
  const rows = [row('01900000-0000-7000-8000-000000000011', 'kept-1'), row('still-not-a-uuid', 'poison'), row('01900000-0000-7000-8000-000000000013', 'kept-2')];
  breakStaging();
  try {
    await assert.rejects(insertIsolatingBadRows(store, 'events', rows, quarantine), { code: 'ENOTDIR' });
  } finally {
    mendStaging();
  }
  assert.equal(fs.existsSync(quarantine), false, 'no row was set aside');
  // Once the disk is back, the same rows go in and only the bad one is set aside.
  assert.deepEqual(await insertIsolatingBadRows(store, 'events', rows, quarantine), { inserted: 2, quarantined: 1 });
});

test('rows that went in before such a failure are reported, so that the retry can skip them', async () => {
  const quarantine = path.join(dir, 'quarantine-4');
  const rows = [row('01900000-0000-7000-8000-000000000021', 'first'), row('01900000-0000-7000-8000-000000000022', 'second'), row('nope', 'poison'), row('01900000-0000-7000-8000-000000000024', 'fourth')];
  const inserted: [number, number][] = [];
  try {
    // The whole batch is refused (the poison row), then its first half goes in, then the disk "fills".
    await assert.rejects(
      insertIsolatingBadRows(store, 'events', rows, quarantine, (from, to) => {
        inserted.push([from, to]);
        breakStaging();
      }),
      { code: 'ENOTDIR' },
    );
  } finally {
    mendStaging();
  }
  assert.deepEqual(inserted, [[0, 2]]);
  const stored = await store.query("SELECT event FROM events WHERE event IN ('first', 'second', 'fourth') ORDER BY event");
  assert.deepEqual(stored.rows.map((r) => r[0]), ['first', 'second']);
  assert.equal(fs.existsSync(quarantine), false);
  await store.close();
});
