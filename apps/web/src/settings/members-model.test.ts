import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER, OWNER, inviteLevels, inviteProblem, levelName, mayInvite } from './members-model';

test('levels read as PostHog names them', () => {
  assert.equal(levelName(MEMBER), 'Member');
  assert.equal(levelName(ADMIN), 'Admin');
  assert.equal(levelName(OWNER), 'Owner');
  assert.equal(levelName(3), 'Level 3');
});

test('admins and owners invite, up to their own level; members do not', () => {
  assert.equal(mayInvite(MEMBER), false);
  assert.equal(mayInvite(null), false);
  assert.equal(mayInvite(ADMIN), true);
  assert.deepEqual(inviteLevels(ADMIN), [MEMBER, ADMIN]);
  assert.deepEqual(inviteLevels(OWNER), [MEMBER, ADMIN, OWNER]);
  assert.deepEqual(inviteLevels(null), []);
});

test('an invite needs something shaped like an email address', () => {
  assert.match(inviteProblem(' ')!, /Enter/);
  assert.match(inviteProblem('ana at example.com')!, /email/);
  assert.equal(inviteProblem(' ana@example.com '), null);
});
