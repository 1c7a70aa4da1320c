import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HogQLError } from '@warren/query/hogql/hogql-error';
import { AppError } from '../platform/app-error.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { QueryExecutor, type QueryJob } from './query-executor.js';

/** A clock the test moves, an executor on it, and a job counting its computations (hourly freshness: 1 h). */
function setup(options: { calculate?: (signal: AbortSignal, n: number) => Promise<unknown> } = {}) {
  const clock = { now: new Date('2024-05-01T12:00:00Z') };
  const executor = new QueryExecutor({ now: () => clock.now });
  let computed = 0;
  const signals: AbortSignal[] = [];
  const job: QueryJob = {
    teamId: 1,
    timezone: 'Europe/Berlin',
    cacheKey: 'cache_k',
    freshness: 'hour',
    insight: true,
    async calculate(signal) {
      signals.push(signal);
      const n = ++computed;
      const results = options.calculate ? await options.calculate(signal, n) : [n];
      return { response: { results }, dateFrom: null, dateTo: null };
    },
  };
  const later = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));
  return { executor, job, computed: () => computed, signals, later };
}

async function finished(executor: QueryExecutor, id: string) {
  for (let i = 0; i < 100; i++) {
    const status = executor.asyncQueries.get(1, id);
    if (!status || status.complete) return status;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('the background query never finished');
}

test('blocking computes on a miss, answers from the cache while fresh, and recomputes once stale', async () => {
  const { executor, job, computed, later } = setup();
  const first = await executor.execute(job, 'blocking', 'q1');
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.results, [1]);
  assert.equal(first.body.is_cached, false);
  assert.equal(first.body.last_refresh, '2024-05-01T12:00:00.000Z');
  assert.equal(first.body.cache_target_age, '2024-05-01T13:00:00.000Z');
  assert.equal(first.body.next_allowed_client_refresh, '2024-05-01T12:03:00.000Z');
  assert.equal(first.body.cache_key, 'cache_k');
  assert.equal(first.body.timezone, 'Europe/Berlin');
  assert.equal(first.body.calculation_trigger, null);
  assert.equal(first.body.query_status, null);

  later(59);
  const second = await executor.execute(job, 'blocking', 'q2');
  assert.equal(second.body.is_cached, true);
  assert.deepEqual(second.body.results, [1]);
  assert.equal(second.body.last_refresh, '2024-05-01T12:00:00.000Z');
  assert.equal(computed(), 1);

  later(2);
  const third = await executor.execute(job, 'blocking', 'q3');
  assert.equal(third.body.is_cached, false);
  assert.deepEqual(third.body.results, [2]);
  assert.equal(third.body.last_refresh, '2024-05-01T13:01:00.000Z');
});

test('force_blocking always computes, and refreshes the cache for the next blocking request', async () => {
  const { executor, job, computed } = setup();
  await executor.execute(job, 'blocking', 'a');
  const forced = await executor.execute(job, 'force_blocking', 'b');
  assert.equal(forced.body.is_cached, false);
  assert.deepEqual(forced.body.results, [2]);
  const cached = await executor.execute(job, 'blocking', 'c');
  assert.deepEqual(cached.body.results, [2]);
  assert.equal(computed(), 2);
});

test('async on a miss answers 202 with the query status, computes in the background, then serves the cache', async () => {
  const { executor, job } = setup();
  const accepted = await executor.execute(job, 'async', 'my-id');
  assert.equal(accepted.status, 202);
  assert.equal(accepted.body.cache_key, 'cache_k');
  const status = accepted.body.query_status as { id: string; complete: boolean; query_async: boolean; team_id: number };
  assert.equal(status.id, 'my-id');
  assert.equal(status.complete, false);
  assert.equal(status.query_async, true);
  assert.equal(status.team_id, 1);
  assert.equal(accepted.body.results, undefined);

  const done = await finished(executor, 'my-id');
  assert.equal(done!.complete, true);
  assert.equal(done!.error, false);
  assert.deepEqual((done!.results as { results: unknown }).results, [1]);
  assert.ok(done!.pickup_time && done!.end_time);

  const hit = await executor.execute(job, 'async', 'other-id');
  assert.equal(hit.status, 200);
  assert.equal(hit.body.is_cached, true);
  assert.deepEqual(hit.body.results, [1]);
});

test('async with a stale result answers it at once (202) and refreshes it in the background', async () => {
  const { executor, job, later } = setup();
  await executor.execute(job, 'blocking', 'a');
  later(61);
  const stale = await executor.execute(job, 'async', 'refresh-1');
  assert.equal(stale.status, 202);
  assert.equal(stale.body.is_cached, true);
  assert.deepEqual(stale.body.results, [1]);
  assert.equal((stale.body.query_status as { id: string }).id, 'refresh-1');
  await finished(executor, 'refresh-1');
  const fresh = await executor.execute(job, 'async', 'b');
  assert.equal(fresh.status, 200);
  assert.deepEqual(fresh.body.results, [2]);
});

test('async_except_on_cache_miss computes in the request on a miss but refreshes a stale result in the background', async () => {
  const { executor, job, later } = setup();
  const miss = await executor.execute(job, 'async_except_on_cache_miss', 'a');
  assert.equal(miss.status, 200);
  assert.equal(miss.body.is_cached, false);
  later(61);
  const stale = await executor.execute(job, 'async_except_on_cache_miss', 'b');
  assert.equal(stale.status, 202);
  assert.deepEqual(stale.body.results, [1]);
  await finished(executor, 'b');
});

test('lazy_async serves results up to the longer lazy window before refreshing them', async () => {
  const { executor, job, computed, later } = setup();
  const miss = await executor.execute(job, 'lazy_async', 'a');
  assert.equal(miss.status, 202);
  await finished(executor, 'a');
  later(90); // stale by the 1 h window, fresh by the 2 h lazy one
  const lazy = await executor.execute(job, 'lazy_async', 'b');
  assert.equal(lazy.status, 200);
  assert.equal(lazy.body.is_cached, true);
  assert.equal(computed(), 1);
  later(31);
  const refreshing = await executor.execute(job, 'lazy_async', 'c');
  assert.equal(refreshing.status, 202);
  await finished(executor, 'c');
  assert.equal(computed(), 2);
});

test('force_async always starts a background query; another id for the same query waits for the same computation', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { executor, job, computed } = setup({ calculate: async (_s, n) => (await gate, [n]) });
  const first = await executor.execute(job, 'force_async', 'job-1');
  assert.equal(first.status, 202);
  assert.deepEqual(Object.keys(first.body), ['query_status']);
  const same = await executor.execute(job, 'force_async', 'job-1');
  assert.equal(same.body.query_status, first.body.query_status, 'the same id answers its running status');
  const other = await executor.execute(job, 'force_async', 'job-2');
  assert.equal((other.body.query_status as { id: string }).id, 'job-2');
  release();
  const [one, two] = [await finished(executor, 'job-1'), await finished(executor, 'job-2')];
  assert.deepEqual([(one!.results as { results: unknown }).results, (two!.results as { results: unknown }).results], [[1], [1]]);
  assert.equal(computed(), 1, 'computed once for both ids');
});

test('cancelling a running async query aborts it, forgets it and keeps its late result out of the cache', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { executor, job, signals } = setup({ calculate: async (_s, n) => (await gate, [n]) });
  await executor.execute(job, 'force_async', 'slow');
  await new Promise((r) => setImmediate(r));
  assert.equal(executor.asyncQueries.cancel(1, 'slow'), 'Query cancelled');
  assert.equal(signals[0].aborted, true);
  assert.equal(executor.asyncQueries.get(1, 'slow'), undefined);
  release();
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(executor.cache.get('cache_k'), undefined);
  assert.equal(executor.asyncQueries.cancel(1, 'unknown'), 'Query cancelled');
});

test('a query error becomes a 400 in the request, and an error status with its message in the background', async () => {
  const { executor, job } = setup({ calculate: async () => { throw new HogQLError('unsupported', 'Unsupported interval: fortnight'); } });
  await assert.rejects(executor.execute(job, 'blocking', 'a'), (e: unknown) => e instanceof AppError && e.status === 400 && e.detail === 'Unsupported interval: fortnight');
  await executor.execute(job, 'force_async', 'b');
  const failed = await finished(executor, 'b');
  assert.equal(failed!.error, true);
  assert.equal(failed!.error_message, 'Unsupported interval: fortnight');
  assert.equal(executor.cache.get('cache_k'), undefined);
});

test('when the project has no free slot and the queue is full, the request is refused with a 429', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const executor = new QueryExecutor({ limiter: new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 10 }) });
  const job = (key: string, wait: boolean): QueryJob => ({
    teamId: 7, timezone: 'UTC', cacheKey: key, freshness: 'day', insight: false,
    calculate: async () => { if (wait) await gate; return { response: { results: [] }, dateFrom: null, dateTo: null }; },
  });
  const busy = executor.execute(job('a', true), 'force_blocking', 'a');
  await assert.rejects(executor.execute(job('b', false), 'force_blocking', 'b'), (e: unknown) => e instanceof AppError && e.status === 429 && e.type === 'throttled_error' && e.code === 'throttled');
  release();
  await busy;
});
