import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FailureThrottle } from './login-throttle.js';

const MINUTE = 60_000;

test('the sixth try within five minutes waits until the oldest failure leaves the window', () => {
  const clock = { now: 0 };
  const throttle = new FailureThrottle({ maxFailures: 5, windowMs: 5 * MINUTE }, () => clock.now);
  for (let i = 0; i < 4; i++) {
    throttle.fail(['ip:1.2.3.4']);
    clock.now += 10_000;
  }
  assert.equal(throttle.waitMs(['ip:1.2.3.4']), 0, 'four failures are allowed');
  throttle.fail(['ip:1.2.3.4']);
  assert.equal(throttle.waitMs(['ip:1.2.3.4']), 5 * MINUTE - 40_000);
  clock.now = 5 * MINUTE;
  assert.equal(throttle.waitMs(['ip:1.2.3.4']), 0, 'the first failure is five minutes old');
});

test('keys count apart, the longest wait of the keys asked wins, and forgiving clears one key only', () => {
  const clock = { now: 1_000_000 };
  const throttle = new FailureThrottle({ maxFailures: 2, windowMs: MINUTE }, () => clock.now);
  throttle.fail(['ip:a', 'email:x@y.z']);
  clock.now += 1000;
  throttle.fail(['ip:b', 'email:x@y.z']);
  assert.equal(throttle.waitMs(['ip:a']), 0);
  assert.equal(throttle.waitMs(['ip:c', 'email:x@y.z']), MINUTE - 1000, 'the email is blocked from any address');
  throttle.forgive('email:x@y.z');
  assert.equal(throttle.waitMs(['ip:c', 'email:x@y.z']), 0);
  throttle.fail(['ip:a']);
  assert.equal(throttle.waitMs(['ip:a']), MINUTE - 1000);
});

test('memory stays bounded: past maxKeys the stalest keys are dropped first', () => {
  const clock = { now: 0 };
  const throttle = new FailureThrottle({ maxFailures: 1, windowMs: MINUTE, maxKeys: 3 }, () => clock.now);
  for (const key of ['a', 'b', 'c', 'd']) {
    throttle.fail([key]);
    clock.now += 1;
  }
  assert.equal(throttle.waitMs(['a']), 0, 'the oldest key went');
  assert.ok(throttle.waitMs(['d']) > 0);
  assert.ok(throttle.waitMs(['b']) > 0);
});
