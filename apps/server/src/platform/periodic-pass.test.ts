import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodicPass } from './periodic-pass.js';

test('passes run one after another on the timer, never two at once, until stopped', async () => {
  let running = 0;
  let most = 0;
  let passes = 0;
  const pass = new PeriodicPass(async () => {
    most = Math.max(most, ++running);
    await sleep(30);
    running--;
    return ++passes;
  }, 5, () => undefined);
  pass.start();
  const extra = pass.runOnce();
  while (passes < 3) await sleep(5);
  await pass.stop();
  const after = passes;
  await sleep(60);
  assert.equal(passes, after, 'no pass after stop');
  assert.equal(most, 1);
  assert.ok((await extra) >= 1);
});

test('a call during a pass joins it; stop waits for the pass under way', async () => {
  let finished = false;
  const pass = new PeriodicPass(async () => {
    await sleep(40);
    finished = true;
    return 'done';
  }, 60_000, () => undefined);
  const [a, b] = [pass.runOnce(), pass.runOnce()];
  assert.equal(a, b);
  await pass.stop();
  assert.equal(finished, true);
  assert.equal(pass.stopped, true);
});

test('a failed pass is reported and the next one still runs', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const pass = new PeriodicPass(async () => {
    calls++;
    if (calls === 1) throw new Error('store unavailable');
  }, 5, (error) => errors.push(error), 1);
  pass.start();
  while (calls < 2) await sleep(5);
  await pass.stop();
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /store unavailable/);
});
