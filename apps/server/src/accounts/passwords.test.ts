import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

test('passwords are hashed with Argon2id at m=19 MiB, t=2, p=1 and a fresh salt each time', async () => {
  const first = await hashPassword('correct horse battery');
  assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(await hashPassword('correct horse battery'), first);
  assert.equal(await verifyPassword(first, 'correct horse battery'), true);
  assert.equal(await verifyPassword(first, 'correct horse batterY'), false);
});

test('no stored hash never verifies, whatever the password, and a malformed hash is a mismatch', async () => {
  assert.equal(await verifyPassword(null, 'warren-dummy-password'), false);
  assert.equal(await verifyPassword('not-a-phc-string', 'anything'), false);
});

test('a new password has at least 8 characters', () => {
  assert.match(passwordProblem('1234567') ?? '', /at least 8/);
  assert.equal(passwordProblem('12345678'), null);
  assert.match(passwordProblem('x'.repeat(1001)) ?? '', /at most/);
});
