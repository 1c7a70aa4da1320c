import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStoreError, type EventStore } from './event-store.js';

/** The behaviour every EventStore must have (chDB today; a ClickHouse server later), run against each one. */
export function eventStoreConformance(name: string, open: () => Promise<EventStore>): void {
  let store: EventStore;
  const row = (uuid: string, team: number, event: string) => ({
    team_id: team,
    uuid,
    event,
    distinct_id: 'd',
    person_id: '00000000-0000-4000-8000-000000000000',
    timestamp: '2024-05-01T12:00:00.123Z',
    created_at: '2024-05-01T12:00:00.123Z',
    properties: JSON.stringify({ $browser: 'Chrome', n: 1 }),
    elements_chain: '',
    $session_id: '',
    $window_id: '',
  });

  test(`${name}: migrate is idempotent and the store answers ping`, async () => {
    store = await open();
    await store.migrate();
    await store.migrate();
    assert.equal(await store.ping(), true);
  });

  test(`${name}: inserted rows come back through a query with bound parameters and typed columns`, async () => {
    await store.insert('events', [row('01900000-0000-7000-8000-000000000001', 1, 'a'), row('01900000-0000-7000-8000-000000000002', 2, 'b')]);
    const result = await store.query('SELECT event, toString(timestamp) AS ts, count() AS c FROM events WHERE team_id = {team:Int64} GROUP BY event, ts', { team: 1 });
    assert.deepEqual(result.columns.map((c) => c.name), ['event', 'ts', 'c']);
    assert.equal(result.columns[2].type, 'UInt64');
    assert.deepEqual(result.rows.map((r) => [r[0], r[1], Number(r[2])]), [['a', '2024-05-01 12:00:00.123000', 1]]);
  });

  test(`${name}: JSON rows go in as texts or as newline-delimited bytes, an object in a String column as its text`, async () => {
    const text = (uuid: string, event: string) => JSON.stringify({ ...row(uuid, 3, event), properties: { $browser: 'Firefox', name: 'Zoë' } });
    await store.insertJsonRows('events', [text('01900000-0000-7000-8000-000000000011', 'as-texts')]);
    const lines = [text('01900000-0000-7000-8000-000000000012', 'as-bytes-1'), text('01900000-0000-7000-8000-000000000013', 'as-bytes-2')];
    await store.insertJsonRows('events', Buffer.from(lines.join('\n') + '\n'));
    const result = await store.query('SELECT event, properties FROM events WHERE team_id = 3 ORDER BY event');
    assert.deepEqual(result.rows, [
      ['as-bytes-1', '{"$browser":"Firefox","name":"Zoë"}'],
      ['as-bytes-2', '{"$browser":"Firefox","name":"Zoë"}'],
      ['as-texts', '{"$browser":"Firefox","name":"Zoë"}'],
    ]);
    await store.command('DELETE FROM events WHERE team_id = 3');
  });

  test(`${name}: an insert with a row the store refuses fails with an EventStoreError and stores none of its rows`, async () => {
    const good = JSON.stringify({ ...row('01900000-0000-7000-8000-000000000021', 4, 'kept-out'), properties: {} });
    const bad = JSON.stringify({ ...row('01900000-0000-7000-8000-000000000022', 4, 'bad'), uuid: 'not-a-uuid' });
    await assert.rejects(store.insertJsonRows('events', [good, bad]), EventStoreError);
    await assert.rejects(store.insert('events', [{ ...row('01900000-0000-7000-8000-000000000023', 4, 'x'), timestamp: 'never' }]), EventStoreError);
    const result = await store.query('SELECT count() FROM events WHERE team_id = 4');
    assert.equal(Number(result.rows[0][0]), 0);
  });

  test(`${name}: a bound value is data, never SQL`, async () => {
    const result = await store.query('SELECT count() FROM events WHERE event = {e:String}', { e: "a' OR 1=1 --" });
    assert.equal(Number(result.rows[0][0]), 0);
  });

  test(`${name}: commands delete rows`, async () => {
    await store.command('DELETE FROM events WHERE team_id = {team:Int64}', { team: 2 });
    const result = await store.query('SELECT count() FROM events WHERE team_id = 2');
    assert.equal(Number(result.rows[0][0]), 0);
  });

  test(`${name}: a query over its time limit is stopped in the engine, and the next query answers at once and intact`, async () => {
    const started = performance.now();
    const endless = 'SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % 7 = 3';
    await assert.rejects(store.query(endless, {}, { timeoutMs: 200 }), (e: unknown) => e instanceof EventStoreError && e.kind === 'timeout');
    assert.ok(performance.now() - started < 3_000, 'the limit is enforced by the engine, not only by the caller giving up');
    const next = performance.now();
    const result = await store.query('SELECT {n:UInt32} + 1 AS m', { n: 41 });
    assert.deepEqual(result.rows, [[42]], 'no output of the stopped query leaks into the next answer');
    assert.ok(performance.now() - next < 2_000, 'the next query does not wait behind the stopped one');
  });

  test(`${name}: bad SQL fails with a typed EventStoreError`, async () => {
    await assert.rejects(store.query('SELECT ((('), (e: unknown) => e instanceof EventStoreError && e.kind === 'syntax');
    await assert.rejects(store.query('SELECT * FROM no_such_table'), (e: unknown) => e instanceof EventStoreError);
  });

  // Last: the store is closed. The server exits right after close (SIGTERM), so an operation still running then
  // would be cut off mid-flight (in chDB: the engine torn down under it, the process aborting at exit).
  test(`${name}: close waits for the operations still running`, async () => {
    let settled = false;
    const running = store.query('SELECT count() FROM numbers(400000000) WHERE sipHash64(number) % 7 = 3').finally(() => (settled = true));
    running.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(settled, false, 'the query is still running when close is called');
    await store.close();
    assert.equal(settled, true, 'close resolved only after the running query had finished');
    const [count] = (await running).rows[0];
    assert.ok(Number(count) > 0, 'and the query was answered, not cut off');
  });
}
