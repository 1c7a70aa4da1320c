import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import type { EventStore } from '../storage/event-store.js';
import { openSqliteMetaDb } from '../storage/open-meta-db.js';
import { PersonDeletionRepository } from './person-deletion-repository.js';
import { PersonDeletionRunner } from './person-deletion-runner.js';

/** An event store that records the statements it is given and can be told to fail. */
function fakeStore() {
  const statements: { sql: string; params: Record<string, unknown> }[] = [];
  const state = { failNext: 0 };
  const store = {
    statements,
    state,
    async command(sql: string, params: Record<string, unknown> = {}) {
      if (state.failNext > 0) {
        state.failNext -= 1;
        throw new Error('store unavailable');
      }
      statements.push({ sql, params });
    },
    // Which sessions the erased events touched: none here, so no session statements are added; the persons'
    // recordings: one session per project asked.
    async query(sql: string, params: Record<string, unknown> = {}) {
      const rows = /session_replay_events/.test(sql) ? [[`recording-of-team-${String(params.team)}`]] : [];
      return { columns: [], rows, elapsedMs: 0 };
    },
  };
  return store as typeof store & EventStore;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const log = pino({ level: 'silent' });

test('deletions asked for together share one statement per table; a failure is retried until it succeeds', async () => {
  const repo = new PersonDeletionRepository(await openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-runner-'))));
  const store = fakeStore();
  const at = '2024-06-01T12:00:00.000Z';
  await repo.enqueue([
    { teamId: 1, personUuid: uuid(1), distinctIds: ['a', 'anon-a'], deleteEvents: true, deleteRecordings: true, createdAt: at },
    { teamId: 1, personUuid: uuid(2), distinctIds: ['b'], deleteEvents: true, deleteRecordings: true, createdAt: at },
    { teamId: 2, personUuid: uuid(3), distinctIds: ['c'], deleteEvents: true, deleteRecordings: false, createdAt: at },
  ]);
  store.state.failNext = 1;
  const runner = new PersonDeletionRunner(repo, store, log, { retryMs: 50 });
  runner.start();
  await runner.idle();
  const afterFirstPass = await repo.pending(10);
  assert.deepEqual(afterFirstPass.map((d) => [d.personUuid, d.attempts]), [[uuid(1), 1], [uuid(2), 1]], 'the failed group stays queued');

  await new Promise((r) => setTimeout(r, 150));
  await runner.idle();
  assert.deepEqual(await repo.pending(10), []);
  const team1 = store.statements.filter((s) => s.params.team === 1);
  assert.equal(team1.length, 3, 'one DELETE on events, and the recordings of both persons from snapshots and summaries');
  assert.deepEqual(team1[0].params.persons, [uuid(1), uuid(2)]);
  assert.deepEqual(team1[0].params.ids, ['a', 'anon-a', 'b']);
  assert.equal(team1[0].params.upTo, '2024-06-01 12:00:00.000');
  assert.match(team1[1].sql, /DELETE FROM session_replay_events/);
  assert.match(team1[2].sql, /DELETE FROM session_replay_summaries/);
  assert.deepEqual(team1[1].params.sessions, ['recording-of-team-1']);
  assert.equal(store.statements.filter((s) => s.params.team === 2).length, 1, 'no recordings asked for in project 2');
  await runner.stop();
});

test('a runner started later resumes what a stopped one left', async () => {
  const repo = new PersonDeletionRepository(await openSqliteMetaDb(fs.mkdtempSync(path.join(os.tmpdir(), 'warren-runner-'))));
  await repo.enqueue([{ teamId: 1, personUuid: uuid(1), distinctIds: ['a'], deleteEvents: true, deleteRecordings: false, createdAt: '2024-06-01T12:00:00.000Z' }]);
  const stopped = new PersonDeletionRunner(repo, fakeStore(), log);
  await stopped.stop();
  stopped.kick();
  assert.equal((await repo.pending(10)).length, 1, 'a stopped runner does nothing');
  const store = fakeStore();
  const next = new PersonDeletionRunner(repo, store, log);
  next.start();
  await next.idle();
  assert.equal(store.statements.length, 1);
  assert.deepEqual(await repo.pending(10), []);
  await next.stop();
});
