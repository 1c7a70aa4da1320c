import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../platform/app-error.js';
import { AsyncQueries } from './async-queries.js';

const never = () => new Promise<unknown>(() => undefined);
const settle = () => new Promise((r) => setImmediate(r));

test('statuses expire after their time to live, and are readable only by their project', async () => {
  const clock = { now: new Date('2024-05-01T12:00:00Z') };
  const queries = new AsyncQueries({ maxEntries: 10, ttlMs: 60_000 }, () => clock.now);
  const status = queries.start(1, 'a', 'k', async () => ({ results: [1] }));
  assert.equal(status.expiration_time, '2024-05-01T12:01:00.000Z');
  await settle();
  assert.equal(queries.get(1, 'a')?.complete, true);
  assert.equal(queries.get(2, 'a'), undefined);
  clock.now = new Date('2024-05-01T12:01:00Z');
  assert.equal(queries.get(1, 'a'), undefined);
  assert.equal(queries.size, 0);
});

test('when full, the oldest finished status makes room; if every slot is running, a new query is refused', async () => {
  const queries = new AsyncQueries({ maxEntries: 2, ttlMs: 60_000 });
  queries.start(1, 'done', 'k1', async () => 'x');
  queries.start(1, 'running', 'k2', never);
  await settle();
  queries.start(1, 'new', 'k3', never);
  assert.equal(queries.get(1, 'done'), undefined);
  assert.equal(queries.size, 2);
  assert.throws(() => queries.start(1, 'one-more', 'k4', never), (e: unknown) => e instanceof AppError && e.status === 429);
});

test('an unexpected failure has no message (the poll answers 500); an AppError keeps its detail (400)', async () => {
  const queries = new AsyncQueries();
  queries.start(1, 'crash', 'k1', async () => { throw new TypeError('x is undefined'); });
  queries.start(1, 'bad', 'k2', async () => { throw new AppError(400, 'validation_error', 'query_error', 'Unknown table: nope'); });
  await settle();
  assert.deepEqual([queries.get(1, 'crash')?.error, queries.get(1, 'crash')?.error_message], [true, null]);
  assert.deepEqual([queries.get(1, 'bad')?.error, queries.get(1, 'bad')?.error_message], [true, 'Unknown table: nope']);
});

test('cancelling a finished query says so and keeps its result', async () => {
  const queries = new AsyncQueries();
  queries.start(1, 'a', 'k', async () => 'r');
  await settle();
  assert.equal(queries.cancel(1, 'a'), 'Query already complete');
  assert.equal(queries.get(1, 'a')?.results, 'r');
});

test('ids of the same query share one computation; it is aborted only when every id is cancelled', async () => {
  const queries = new AsyncQueries();
  const signals: AbortSignal[] = [];
  let release!: (v: unknown) => void;
  const run = ({ signal }: { signal: AbortSignal }) => (signals.push(signal), new Promise((r) => (release = r)));
  queries.start(1, 'a', 'k', run);
  queries.start(1, 'b', 'k', run);
  queries.start(1, 'c', 'k', run);
  await settle();
  assert.equal(signals.length, 1);
  queries.cancel(1, 'a');
  queries.cancel(1, 'b');
  assert.equal(signals[0].aborted, false, 'c still waits');
  release('done');
  await settle();
  assert.equal(queries.get(1, 'c')?.results, 'done');
  assert.equal(queries.get(1, 'a'), undefined);

  queries.start(1, 'd', 'k2', run);
  await settle();
  queries.cancel(1, 'd');
  assert.equal(signals[1].aborted, true, 'nobody waits for it any more');
  queries.start(1, 'e', 'k2', run);
  await settle();
  assert.equal(signals.length, 3, 'a new query does not join the aborted computation');
});
