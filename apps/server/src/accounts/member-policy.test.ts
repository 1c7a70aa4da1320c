import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inviteRefusal, levelChangeRefusal, removalRefusal } from './member-policy.js';

const owner = { userId: 1, level: 15 };
const otherOwner = { userId: 2, level: 15 };
const admin = { userId: 3, level: 8 };
const otherAdmin = { userId: 4, level: 8 };
const member = { userId: 5, level: 1 };

test('levels: admins change members and admins up to admin, only owners make owners, nobody changes themselves', () => {
  assert.equal(levelChangeRefusal(admin, member, 8), null);
  assert.equal(levelChangeRefusal(admin, otherAdmin, 1), null);
  assert.equal(levelChangeRefusal(owner, member, 15), null);
  assert.equal(levelChangeRefusal(owner, otherOwner, 8), null, 'an owner may demote another owner');
  assert.match(levelChangeRefusal(admin, member, 15)?.detail ?? '', /owner/);
  assert.match(levelChangeRefusal(admin, owner, 1)?.detail ?? '', /lower or equal/);
  assert.match(levelChangeRefusal(member, admin, 1)?.detail ?? '', /admin/);
  assert.match(levelChangeRefusal(owner, owner, 8)?.detail ?? '', /your own/);
  assert.equal(levelChangeRefusal(member, member, 1)?.status, 403);
});

test('removal: anyone leaves except the last owner; admins remove up to their level, never an owner', () => {
  assert.equal(removalRefusal(member, member, 1), null, 'a member leaves');
  assert.equal(removalRefusal(owner, owner, 2), null, 'an owner leaves while another owner stays');
  assert.deepEqual(removalRefusal(owner, owner, 1)?.status, 400, 'the last owner cannot leave');
  assert.equal(removalRefusal(otherOwner, owner, 1)?.status, 400, 'nor be removed');
  assert.equal(removalRefusal(admin, member, 1), null);
  assert.equal(removalRefusal(admin, otherAdmin, 1), null);
  assert.equal(removalRefusal(admin, owner, 2)?.status, 403, 'an admin cannot remove an owner');
  assert.equal(removalRefusal(member, otherAdmin, 1)?.status, 403);
  assert.equal(removalRefusal(owner, otherOwner, 2), null);
});

test('invites: members cannot invite; admins invite up to admin, owners up to owner', () => {
  assert.equal(inviteRefusal(member, 1)?.status, 403);
  assert.equal(inviteRefusal(admin, 8), null);
  assert.equal(inviteRefusal(admin, 15)?.status, 403);
  assert.equal(inviteRefusal(owner, 15), null);
});
