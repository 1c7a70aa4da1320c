import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { snapshotRow } from '../ingest/snapshot-rows.js';
import type { NormalizedEvent } from '../ingest/types.js';
import { ChdbEventStore } from '../storage/chdb-event-store.js';

let dir: string;
let store: ChdbEventStore;
const session = '018f33a0-9c00-7000-8000-0000000000aa';

function snapshot(uuid: string, at: number, clicks: number): NormalizedEvent {
  const events = [{ type: 4, timestamp: at, data: { href: 'https://shop.test/', width: 1, height: 1 } }, ...Array.from({ length: clicks }, (_, i) => ({ type: 3, timestamp: at + 1000 + i * 500, data: { source: 2, type: 2, id: 1 } }))];
  return {
    teamId: 1,
    uuid,
    event: '$snapshot',
    distinctId: 'visitor',
    timestamp: new Date(at).toISOString(),
    sessionId: session,
    windowId: 'w',
    properties: { $snapshot_data: events, $session_id: session, $window_id: 'w' },
  } as unknown as NormalizedEvent;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warren-replay-backfill-'));
  store = new ChdbEventStore(dir);
  await store.migrate();
});
after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const summary = async () =>
  (await store.query('SELECT sum(click_count), min(start_time), length(groupUniqArrayArray(active_marks)) FROM session_replay_summaries WHERE team_id = 1 AND session_id = {s:String}', { s: session })).rows[0];

test('a data dir whose snapshots predate the recordings list gets their summaries on the next start', async () => {
  const at = Date.parse('2024-05-01T10:00:00Z');
  await store.insert('session_replay_events', [snapshotRow(snapshot('00000000-0000-4000-8000-000000000001', at, 2)), snapshotRow(snapshot('00000000-0000-4000-8000-000000000002', at + 3000, 1))]);
  const live = await summary();
  assert.equal(Number(live[0]), 3, 'the view sums the rows as they are inserted');
  await store.command('DROP VIEW session_replay_summaries_mv2');
  await store.command('DROP TABLE session_replay_summaries');
  await store.migrate();
  assert.deepEqual(await summary(), live, 'rebuilt from the stored snapshots, the same figures');
});
