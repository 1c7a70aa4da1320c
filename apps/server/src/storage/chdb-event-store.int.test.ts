import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ChdbEventStore } from './chdb-event-store.js';
import { eventStoreConformance } from './event-store.conformance.js';

eventStoreConformance('chDB', async () => new ChdbEventStore(fs.mkdtempSync(path.join(os.tmpdir(), 'chdb-store-'))));

// After the conformance suite has closed its store (one chDB session at a time in a process).
test('chDB: rows are staged in a file under the data dir, whatever its name, and no staged file outlives its insert', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chdb-o'store\\-"));
  const staging = path.join(dataDir, 'clickhouse-staging');
  fs.mkdirSync(staging);
  fs.writeFileSync(path.join(staging, 'events-7.jsonl'), '{"left":"by a process that died mid-insert"}\n');
  const store = new ChdbEventStore(dataDir);
  try {
    assert.deepEqual(fs.readdirSync(staging), [], 'files left by an earlier process are removed on open');
    await store.migrate();
    const row = { team_id: 5, uuid: '01900000-0000-7000-8000-000000000031', event: 'staged', distinct_id: 'd', person_id: '00000000-0000-4000-8000-000000000000' };
    await store.insertJsonRows('events', [JSON.stringify({ ...row, timestamp: '2024-05-01 12:00:00', created_at: '2024-05-01 12:00:00', properties: { a: 1 } })]);
    await assert.rejects(store.insertJsonRows('events', [JSON.stringify({ ...row, uuid: 'bad' })]));
    assert.deepEqual(fs.readdirSync(staging), [], 'a staged file is removed after its insert, whether it succeeded or not');
    const result = await store.query("SELECT event, properties, inserted_at > '2024-01-01' FROM events WHERE team_id = 5");
    assert.deepEqual(result.rows, [['staged', '{"a":1}', 1]], 'stored, with the DEFAULT of the columns a row omits');
  } finally {
    await store.close();
  }
});
