import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConcurrencyLimiter, ConcurrencyLimitExceeded } from './concurrency-limiter.js';

/** A task that runs until released, recording that it started. */
function gate() {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { release, task: () => done };
}

const tick = () => new Promise((r) => setImmediate(r));

test('at most maxConcurrent tasks run per key; the next waits and runs when a slot frees, in order', async () => {
  const limiter = new ConcurrencyLimiter({ maxConcurrent: 2, maxQueued: 5, maxWaitMs: 5_000 });
  const gates = [gate(), gate(), gate(), gate()];
  const order: number[] = [];
  const runs = gates.map((g, i) => limiter.run(1, async () => { order.push(i); await g.task(); }));
  await tick();
  assert.deepEqual(order, [0, 1]);
  assert.equal(limiter.running(1), 2);
  gates[1].release();
  await tick();
  assert.deepEqual(order, [0, 1, 2]);
  gates[0].release();
  gates[2].release();
  await tick();
  assert.deepEqual(order, [0, 1, 2, 3]);
  gates[3].release();
  await Promise.all(runs);
  assert.equal(limiter.running(1), 0);
});

test('each project has its own slots', async () => {
  const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 10 });
  const a = gate();
  const first = limiter.run(1, a.task);
  const other = await limiter.run(2, async () => 'ran');
  assert.equal(other, 'ran');
  await assert.rejects(limiter.run(1, async () => 'no'), ConcurrencyLimitExceeded);
  a.release();
  await first;
});

test('a full queue refuses at once; a waiter that waits too long is refused and leaves the queue', async () => {
  const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 30 });
  const a = gate();
  const running = limiter.run(1, a.task);
  const started = Date.now();
  const waiting = limiter.run(1, async () => 'late');
  await assert.rejects(limiter.run(1, async () => 'no room'), ConcurrencyLimitExceeded);
  assert.ok(Date.now() - started < 25, 'refused without waiting');
  await assert.rejects(waiting, ConcurrencyLimitExceeded);
  // The timed-out waiter is gone: the next request may queue, and gets the slot when it frees.
  const next = limiter.run(1, async () => 'next');
  a.release();
  await running;
  assert.equal(await next, 'next');
});

test('background waiters do not take the request queue, and may wait longer', async () => {
  const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 20 });
  const a = gate();
  const running = limiter.run(1, a.task);
  const background = limiter.run(1, async () => 'background', { background: true, maxWaitMs: 1_000 });
  const requestRefused = assert.rejects(limiter.run(1, async () => 'request'), ConcurrencyLimitExceeded, 'the request queued beside it');
  await requestRefused;
  a.release();
  await running;
  assert.equal(await background, 'background', 'the background waiter outlived the request wait');
});

test('a failing task frees its slot', async () => {
  const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 0, maxWaitMs: 10 });
  await assert.rejects(limiter.run(1, async () => { throw new Error('boom'); }), /boom/);
  assert.equal(await limiter.run(1, async () => 'free'), 'free');
});
